"""Keyset pagination over `(created_at_ms, _id)`, newest first, with opaque cursors."""

import base64
import binascii
import json
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from shared.database import Document
from shared.errors import PermanentError


def encode_cursor(created_at_ms: int, item_id: str) -> str:
    """The cursor pointing just after this item."""
    raw = json.dumps([created_at_ms, item_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def after_cursor(cursor: str | None) -> dict[str, Any]:
    """The filter selecting items older than the cursor's item (all items when None or empty:
    `?cursor=` asks for the first page)."""
    if not cursor:
        return {}
    created_at_ms, item_id = _decode(cursor)
    return {
        "$or": [
            {"created_at_ms": {"$lt": created_at_ms}},
            {"created_at_ms": created_at_ms, "_id": {"$lt": item_id}},
        ]
    }


NEWEST_FIRST = [("created_at_ms", -1), ("_id", -1)]


async def fetch_page(
    collection: AsyncCollection[Document], query: dict[str, Any], cursor: str | None, limit: int
) -> tuple[list[Document], str | None]:
    """A page of documents newest first, and the cursor of the next page (None on the last)."""
    after = after_cursor(cursor)
    query = {"$and": [query, after]} if after else query
    docs = await collection.find(query).sort(NEWEST_FIRST).limit(limit + 1).to_list()
    page = docs[:limit]
    if len(docs) <= limit:
        return page, None
    return page, encode_cursor(page[-1]["created_at_ms"], page[-1]["_id"])


def _decode(cursor: str) -> tuple[int, str]:
    try:
        created_at_ms, item_id = json.loads(
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        )
    except (binascii.Error, ValueError, TypeError) as exc:
        raise PermanentError("invalid_cursor", "the cursor is not one this API issued") from exc
    if not isinstance(created_at_ms, int) or not isinstance(item_id, str):
        raise PermanentError("invalid_cursor", "the cursor is not one this API issued")
    return created_at_ms, item_id
