"""`Idempotency-Key` for the POSTs whose records do not hold a key of their own (jobs, batches
and credit grants do: there the key is unique on the record, written with it). The first 2xx
answer is kept for a day under the caller's API key and the Idempotency-Key; a repeat gets it
again, marked `Idempotent-Replayed: true`. The same key with another request is 409
`idempotency_key_reused`; a repeat while the first is still being answered is 409
`idempotency_key_in_use`. An answer that is not 2xx is not kept: nothing was made, so a retry
runs again.

A route opts in with `dependencies=[REPLAYED]`; its route class (`api.strict.Strict`) does the
rest.
"""

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Depends, Request, Response
from pymongo.errors import DuplicateKeyError

from shared.database import Database, Index
from shared.errors import PermanentError
from shared.http import IdempotencyKey

COLLECTION = "idempotent_answers"
INDEXES = {COLLECTION: [Index([("expires_at", 1)], expire_after_s=0)]}
KEEP = timedelta(hours=24)
ANSWERING = timedelta(seconds=60)
"""How long a first request may take before a repeat may run again (it crashed meanwhile)."""
KEPT_HEADERS = ("content-type", "location")
Handler = Callable[[Request], Awaitable[Response]]


def replayed(idempotency_key: IdempotencyKey = None) -> None:
    """Marks a route as answering repeats of an `Idempotency-Key` with its first answer."""


REPLAYED = Depends(replayed)


@dataclass(frozen=True)
class Replays:
    db: Database

    async def answer(self, request: Request, handler: Handler) -> Response:
        """The handler's answer, or the one kept for this request's Idempotency-Key."""
        key = request.headers.get("idempotency-key")
        if not key:
            return await handler(request)
        caller = hashlib.sha256(request.headers.get("authorization", "").encode()).hexdigest()
        answer_id = f"{caller}:{request.url.path}:{key}"
        fingerprint = hashlib.sha256(await _comparable_body(request)).hexdigest()
        kept = await self._claim(answer_id, fingerprint)
        if kept is not None:
            return _replay(kept, fingerprint)
        try:
            response = await handler(request)
        except BaseException:
            await self.db[COLLECTION].delete_one({"_id": answer_id})
            raise
        await self._keep(answer_id, response)
        return response

    async def _claim(self, answer_id: str, fingerprint: str) -> dict[str, Any] | None:
        """None when this request is the first (or the first one's answering lapsed), else
        what is kept."""
        now = datetime.now(UTC)
        claim = {"fingerprint": fingerprint, "status": None, "expires_at": now + ANSWERING}
        try:
            await self.db[COLLECTION].insert_one({"_id": answer_id, **claim})
            return None
        except DuplicateKeyError:
            pass
        lapsed = await self.db[COLLECTION].find_one_and_update(
            {"_id": answer_id, "status": None, "expires_at": {"$lt": now}}, {"$set": claim}
        )
        if lapsed is not None:
            return None
        kept = await self.db[COLLECTION].find_one({"_id": answer_id})
        return kept or {"fingerprint": fingerprint, "status": None}

    async def _keep(self, answer_id: str, response: Response) -> None:
        if not 200 <= response.status_code < 300 or not hasattr(response, "body"):
            await self.db[COLLECTION].delete_one({"_id": answer_id})
            return
        headers = {
            name: response.headers[name] for name in KEPT_HEADERS if name in response.headers
        }
        kept = {
            "status": response.status_code,
            "headers": headers,
            "body": bytes(response.body),
            "expires_at": datetime.now(UTC) + KEEP,
        }
        await self.db[COLLECTION].update_one({"_id": answer_id}, {"$set": kept})


async def _comparable_body(request: Request) -> bytes:
    """The body, a multipart one without its boundary (a client's retry draws a new one)."""
    body = await request.body()
    _, _, boundary = request.headers.get("content-type", "").partition("boundary=")
    return body.replace(boundary.strip('"').encode(), b"") if boundary else body


def _replay(kept: dict[str, Any], fingerprint: str) -> Response:
    if kept["fingerprint"] != fingerprint:
        raise PermanentError(
            "idempotency_key_reused", "this Idempotency-Key was used with a different request"
        )
    if kept["status"] is None:
        raise PermanentError(
            "idempotency_key_in_use", "a request with this Idempotency-Key is being answered"
        )
    headers = {**kept["headers"], "Idempotent-Replayed": "true"}
    return Response(bytes(kept["body"]), status_code=kept["status"], headers=headers)
