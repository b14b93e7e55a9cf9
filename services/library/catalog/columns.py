"""One tenant's assets as columns: numbers in numpy arrays, labels as codes, tags, collections
and words in inverted indexes; a row is upserted in place when its asset changes."""

from collections import defaultdict
from typing import Any

import numpy as np
import numpy.typing as npt

from services.library.catalog.text import WordIndex, words

EMBEDDING_DIM = 384
COLOR_DIM = 64
NUMBERS = {
    "created_ms": np.int64,
    "bytes": np.int64,
    "width": np.int64,
    "height": np.int64,
    "rating": np.int64,
    "cost": np.int64,
    "usage": np.int64,
    "phash": np.uint64,
    "favorite": np.bool_,
    "trashed": np.bool_,
    "alive": np.bool_,
    "has_phash": np.bool_,
    "has_embedding": np.bool_,
    "has_color": np.bool_,
}
LABELS = ("kind", "provider", "quality", "format", "platform", "preset", "batch_id", "job_id")
TEXT_FIELDS = ("prompt", "title", "description", "caption")
Array = npt.NDArray[Any]


class Labels:
    """A label column's values as small integer codes (-1: none)."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.names: list[str] = []

    def code(self, value: object) -> int:
        if not isinstance(value, str) or not value:
            return -1
        if value not in self.codes:
            self.codes[value] = len(self.names)
            self.names.append(value)
        return self.codes[value]

    def known(self, values: list[str]) -> list[int]:
        return [self.codes[v] for v in values if v in self.codes]


class Columns:
    """The tenant's rows; a removed asset's row stays, marked not `alive`."""

    def __init__(self, capacity: int = 1024) -> None:
        self.size = 0
        self.row_of: dict[str, int] = {}
        self.ids: list[str] = []
        self.numbers: dict[str, Array] = {
            name: np.zeros(capacity, dtype) for name, dtype in NUMBERS.items()
        }
        self.labels = {name: Labels() for name in LABELS}
        self.label_codes = {name: np.full(capacity, -1, np.int32) for name in LABELS}
        self.embedding = np.zeros((capacity, EMBEDDING_DIM), np.float32)
        self.color = np.zeros((capacity, COLOR_DIM), np.float32)
        self.id_array = np.zeros(capacity, "U64")
        self.tags: list[dict[str, set[str]]] = []
        self.tag_rows: defaultdict[str, set[int]] = defaultdict(set)
        self.collections: list[dict[str, float]] = []
        self.collection_rows: defaultdict[str, set[int]] = defaultdict(set)
        self.row_words: list[set[str]] = []
        self.words = WordIndex()

    @classmethod
    def of(cls, docs: list[dict[str, Any]]) -> "Columns":
        """Columns of many documents at once (a tenant's full read): each column is made in
        one pass, not row by row."""
        columns = cls(capacity=max(1024, len(docs)))
        columns.size = len(docs)
        columns.ids = [doc["_id"] for doc in docs]
        columns.row_of = {asset_id: row for row, asset_id in enumerate(columns.ids)}
        columns.id_array[: len(docs)] = columns.ids
        columns._fill_numbers(docs)
        for label in LABELS:
            code = columns.labels[label].code
            columns.label_codes[label][: len(docs)] = [code(doc.get(label)) for doc in docs]
        columns.tags = [{} for _ in docs]
        columns.collections = [{} for _ in docs]
        columns.row_words = [set() for _ in docs]
        columns._fill_matrices(docs)
        for row, doc in enumerate(docs):
            columns._index(row, doc)
        return columns

    def _fill_matrices(self, docs: list[dict[str, Any]]) -> None:
        for field, matrix, flag in (
            ("embedding", self.embedding, "has_embedding"),
            ("color_vector", self.color, "has_color"),
        ):
            width = matrix.shape[1] * 2
            rows = [r for r, doc in enumerate(docs) if _blob_of(doc.get(field), width)]
            if rows:
                joined = b"".join(docs[r][field] for r in rows)
                matrix[rows] = np.frombuffer(joined, np.float16).reshape(len(rows), -1)
                self.numbers[flag][rows] = True

    def _fill_numbers(self, docs: list[dict[str, Any]]) -> None:
        n, size = self.numbers, len(docs)
        n["alive"][:size] = True
        for column, field in (
            ("created_ms", "created_at_ms"),
            ("bytes", "bytes"),
            ("width", "width"),
            ("height", "height"),
            ("rating", "rating"),
            ("cost", "cost_credits"),
            ("usage", "usage_count"),
        ):
            n[column][:size] = [int(doc.get(field) or 0) for doc in docs]
        n["favorite"][:size] = [bool(doc.get("favorite")) for doc in docs]
        n["trashed"][:size] = [doc.get("trashed_at_ms") is not None for doc in docs]
        hashes = [doc.get("phash") for doc in docs]
        n["has_phash"][:size] = [bool(h) for h in hashes]
        n["phash"][:size] = [int(h, 16) if h else 0 for h in hashes]

    def upsert(self, doc: dict[str, Any]) -> None:
        row = self.row_of.get(doc["_id"])
        if row is None:
            row = self._append(doc["_id"])
        else:
            self._unindex(row)
        self._fill(row, doc)

    def remove(self, asset_id: str) -> None:
        row = self.row_of.get(asset_id)
        if row is not None and self.numbers["alive"][row]:
            self._unindex(row)
            self.numbers["alive"][row] = False

    def view(self, name: str) -> Array:
        return self.numbers[name][: self.size]

    def codes(self, label: str) -> Array:
        return self.label_codes[label][: self.size]

    def _append(self, asset_id: str) -> int:
        if self.size == len(self.id_array):
            self._grow()
        row = self.size
        self.size += 1
        self.row_of[asset_id] = row
        self.ids.append(asset_id)
        self.id_array[row] = asset_id
        self.tags.append({})
        self.collections.append({})
        self.row_words.append(set())
        return row

    def _grow(self) -> None:
        def grown(array: Array) -> Array:
            bigger = np.zeros((len(array) * 2, *array.shape[1:]), array.dtype)
            bigger[: len(array)] = array
            return bigger

        self.numbers = {name: grown(array) for name, array in self.numbers.items()}
        self.label_codes = {
            name: np.concatenate([a, np.full(len(a), -1, np.int32)])
            for name, a in self.label_codes.items()
        }
        self.embedding, self.color = grown(self.embedding), grown(self.color)
        self.id_array = grown(self.id_array)

    def _fill(self, row: int, doc: dict[str, Any]) -> None:
        n = self.numbers
        n["alive"][row] = True
        n["created_ms"][row] = int(doc.get("created_at_ms") or 0)
        for column, field in (("bytes", "bytes"), ("width", "width"), ("height", "height")):
            n[column][row] = int(doc.get(field) or 0)
        n["rating"][row] = int(doc.get("rating") or 0)
        n["cost"][row] = int(doc.get("cost_credits") or 0)
        n["usage"][row] = int(doc.get("usage_count") or 0)
        n["favorite"][row] = bool(doc.get("favorite"))
        n["trashed"][row] = doc.get("trashed_at_ms") is not None
        phash = doc.get("phash")
        n["has_phash"][row] = bool(phash)
        n["phash"][row] = np.uint64(int(phash, 16)) if phash else np.uint64(0)
        for label in LABELS:
            self.label_codes[label][row] = self.labels[label].code(doc.get(label))
        self._fill_vectors(row, doc)
        self._index(row, doc)

    def _fill_vectors(self, row: int, doc: dict[str, Any]) -> None:
        for field, matrix, flag in (
            ("embedding", self.embedding, "has_embedding"),
            ("color_vector", self.color, "has_color"),
        ):
            blob = doc.get(field)
            if isinstance(blob, bytes) and _blob_of(blob, matrix.shape[1] * 2):
                matrix[row] = np.frombuffer(blob, np.float16)
                self.numbers[flag][row] = True
            else:
                matrix[row] = 0
                self.numbers[flag][row] = False

    def _index(self, row: int, doc: dict[str, Any]) -> None:
        tags: dict[str, set[str]] = defaultdict(set)
        for tag in doc.get("tags") or []:
            tags[tag].add("manual")
        for auto in doc.get("auto_tags") or []:
            tags[auto["tag"]].add(auto["source"])
        self.tags[row] = dict(tags)
        for tag in tags:
            self.tag_rows[tag].add(row)
        self.collections[row] = dict(doc.get("collections") or {})
        for collection_id in self.collections[row]:
            self.collection_rows[collection_id].add(row)
        text = " ".join(str(doc.get(field) or "") for field in TEXT_FIELDS)
        self.row_words[row] = set(words(text + " " + " ".join(tags)))
        self.words.add(row, self.row_words[row])

    def _unindex(self, row: int) -> None:
        for tag in self.tags[row]:
            self.tag_rows[tag].discard(row)
        for collection_id in self.collections[row]:
            self.collection_rows[collection_id].discard(row)
        self.words.discard(row, self.row_words[row])


def _blob_of(value: object, width: int) -> bool:
    return isinstance(value, bytes) and len(value) == width
