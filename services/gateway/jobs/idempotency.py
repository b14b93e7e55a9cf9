"""The Idempotency-Key, for jobs and batches alike: a request repeated with the same key gets the
earlier answer, and a key reused for a different body is refused (409)."""

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from pymongo.errors import DuplicateKeyError

from shared.database import Index
from shared.errors import PermanentError

KEY_INDEX = Index(
    [("tenant_id", 1), ("idempotency_key", 1)],
    unique=True,
    partial={"idempotency_key": {"$type": "string"}},
)
"""A tenant's Idempotency-Key names one record of a collection."""


class Fingerprinted(Protocol):
    @property
    def request_hash(self) -> str | None: ...


RecordT = TypeVar("RecordT", bound=Fingerprinted)


def fingerprint(body: Any) -> str:
    """The request body's hash (its canonical JSON)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def once(
    key: str | None,
    request_hash: str,
    earlier: Callable[[str], Awaitable[RecordT | None]],
    create: Callable[[], Awaitable[RecordT]],
) -> tuple[RecordT, bool]:
    """The record `create` makes, or the one made earlier with the same key; and whether it is
    the earlier one. `create` raises DuplicateKeyError when another request took the key first."""
    if key is not None:
        found = await earlier(key)
        if found is not None:
            return _replay(found, request_hash), True
    try:
        return await create(), False
    except DuplicateKeyError:
        found = await earlier(key or "")
        if found is None:
            raise
        return _replay(found, request_hash), True


def _replay(earlier: RecordT, request_hash: str) -> RecordT:
    if earlier.request_hash != request_hash:
        raise PermanentError(
            "idempotency_key_reused", "this Idempotency-Key was used with a different request body"
        )
    return earlier
