"""A search over one tenant's columns: the filter as a row mask, words or meaning as scores,
then a sorted page with a keyset cursor (the last hit's sort key)."""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from contracts.http.search import AssetFilter, AssetSearch, SearchSort
from services.library.catalog.columns import Array, Columns
from services.library.catalog.text import words
from shared.database import to_ms
from shared.errors import PermanentError

MIN_MEANING = 0.2  # cosine below which a semantic hit is noise for MiniLM embeddings
SORT_KEYS: dict[str, tuple[str, bool]] = {  # sort → (column, descending)
    "newest": ("created_ms", True),
    "oldest": ("created_ms", False),
    "most_used": ("usage", True),
    "least_used": ("usage", False),
    "rating": ("rating", True),
    "cost": ("cost", True),
    "bytes": ("bytes", True),
}
RANGES = (
    ("min_bytes", "bytes", np.greater_equal),
    ("max_bytes", "bytes", np.less_equal),
    ("min_width", "width", np.greater_equal),
    ("max_width", "width", np.less_equal),
    ("min_height", "height", np.greater_equal),
    ("max_height", "height", np.less_equal),
    ("min_cost", "cost", np.greater_equal),
    ("max_cost", "cost", np.less_equal),
    ("min_rating", "rating", np.greater_equal),
)


@dataclass(frozen=True)
class Hits:
    ids: list[str]
    scores: list[float | None]
    total: int
    next: str | None


def matching(columns: Columns, where: AssetFilter) -> Array:
    """The rows the filter keeps, as a boolean mask."""
    mask: Array = columns.view("alive") & (columns.view("trashed") == where.trashed)
    for label in ("kind", "provider", "quality", "format", "platform", "preset"):
        wanted: list[str] = getattr(where, label)
        if wanted:
            mask &= np.isin(columns.codes(label), columns.labels[label].known(wanted))
    for label in ("batch_id", "job_id"):
        value = getattr(where, label)
        if value is not None:
            mask &= columns.codes(label) == columns.labels[label].codes.get(value, -2)
    for field, column, compare in RANGES:
        bound = getattr(where, field)
        if bound is not None:
            mask &= compare(columns.view(column), bound)
    if where.favorite is not None:
        mask &= columns.view("favorite") == where.favorite
    if where.used is not None:
        mask &= (columns.view("usage") > 0) == where.used
    created = columns.view("created_ms")
    if where.created_after is not None:
        mask &= created >= to_ms(where.created_after)
    if where.created_before is not None:
        mask &= created < to_ms(where.created_before)
    for rows in _row_sets(columns, where):
        mask &= _mask_of(rows, columns.size)
    return mask


def _row_sets(columns: Columns, where: AssetFilter) -> list[set[int]]:
    sets = [columns.tag_rows.get(tag, set()) for tag in where.tags]
    if where.any_tags:
        sets.append(set().union(*(columns.tag_rows.get(tag, set()) for tag in where.any_tags)))
    if where.collection_id is not None:
        sets.append(columns.collection_rows.get(where.collection_id, set()))
    return sets


def _mask_of(rows: set[int], size: int) -> Array:
    mask = np.zeros(size, np.bool_)
    if rows:
        mask[np.fromiter(rows, np.int64, len(rows))] = True
    return mask


def word_scores(columns: Columns, q: str) -> tuple[Array, Array]:
    """Rows holding every word of `q` (the last may be a word's start) and their scores."""
    terms = words(q)
    if not terms:
        raise PermanentError("invalid_request", "q holds no word to search for")
    total = max(1, len(columns.ids))
    scores = np.zeros(columns.size, np.float64)
    mask = np.ones(columns.size, np.bool_)
    for position, term in enumerate(terms):
        last = position == len(terms) - 1
        rows = columns.words.rows_of(term, prefix=last)
        mask &= _mask_of(rows, columns.size)
        scores += mask * columns.words.weight(term, total)
    return mask, scores


def meaning_scores(columns: Columns, vector: Array) -> tuple[Array, Array]:
    """Rows whose text embedding is near the query's, and the cosine similarities."""
    scores = columns.embedding[: columns.size] @ vector.astype(np.float32)
    mask = columns.view("has_embedding") & (scores >= MIN_MEANING)
    return mask, scores.astype(np.float64)


def search(
    columns: Columns, query: AssetSearch, cursor: str | None, limit: int, vector: Array | None
) -> Hits:
    mask = matching(columns, query)
    scores: Array | None = None
    if query.q and query.mode == "semantic":
        assert vector is not None, "a semantic search needs the query's embedding"
        found, scores = meaning_scores(columns, vector)
        mask &= found
    elif query.q:
        found, scores = word_scores(columns, query.q)
        mask &= found
    sort: SearchSort = query.sort or ("relevance" if scores is not None else "newest")
    primary, descending = _sort_key(columns, sort, scores, query.collection_id)
    return _page(columns, mask, primary, descending, sort, cursor, limit, scores)


def _sort_key(
    columns: Columns, sort: str, scores: Array | None, collection_id: str | None
) -> tuple[Array, bool]:
    if sort == "relevance":
        assert scores is not None
        return np.round(scores, 6), True
    if sort == "position":
        assert collection_id is not None
        positions = np.full(columns.size, np.inf)
        for row in columns.collection_rows.get(collection_id, ()):
            positions[row] = columns.collections[row][collection_id]
        return positions, False
    column, descending = SORT_KEYS[sort]
    return columns.view(column).astype(np.float64), descending


def _page(
    columns: Columns,
    mask: Array,
    primary: Array,
    descending: bool,
    sort: str,
    cursor: str | None,
    limit: int,
    scores: Array | None,
) -> Hits:
    rows = np.flatnonzero(mask)
    total = len(rows)
    keys, ids = primary[rows], columns.id_array[rows]
    if cursor:
        value, after_id = _decode(cursor, sort)
        if descending:
            beyond = (keys < value) | ((keys == value) & (ids < after_id))
        else:
            beyond = (keys > value) | ((keys == value) & (ids > after_id))
        rows, keys, ids = rows[beyond], keys[beyond], ids[beyond]
    rows, keys, ids = _top(rows, keys, ids, limit + 1, descending)
    order = np.lexsort((ids, keys))
    if descending:
        order = order[::-1]
    picked = rows[order][: limit + 1]
    page = picked[:limit]
    following = None
    if len(picked) > limit:
        last = page[-1]
        following = _encode(sort, float(primary[last]), str(columns.id_array[last]))
    return Hits(
        ids=[columns.ids[row] for row in page],
        scores=[None if scores is None else round(float(scores[row]), 4) for row in page],
        total=total,
        next=following,
    )


def _top(rows: Array, keys: Array, ids: Array, k: int, descending: bool) -> tuple[Array, ...]:
    """The rows that can be among the first `k` (every tie of the k-th key kept)."""
    if len(rows) <= k:
        return rows, keys, ids
    signed = -keys if descending else keys
    threshold = np.partition(signed, k - 1)[k - 1]
    keep = signed <= threshold
    return rows[keep], keys[keep], ids[keep]


def _encode(sort: str, value: float, asset_id: str) -> str:
    raw = json.dumps([sort, value, asset_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[float, str]:
    try:
        raw: Any = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        cursor_sort, value, asset_id = raw
    except (binascii.Error, ValueError, TypeError) as exc:
        raise PermanentError("invalid_cursor", "the cursor is not one this API issued") from exc
    if cursor_sort != sort or not isinstance(value, int | float) or not isinstance(asset_id, str):
        raise PermanentError("invalid_cursor", "the cursor is of another search order")
    return float(value), asset_id
