"""Words for full-text search: what an asset's text is made of, and an inverted index of them."""

import bisect
import math
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into"),
        *("is", "it", "of", "on", "or", "the", "this", "that", "to", "with"),
    }
)


@lru_cache(maxsize=65_536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text: lower case, accents folded, stop words and 1-letter words left
    out; a plural `s` is dropped so `beaches` finds `beach`. (Cached: a job's variations and a
    campaign's rows repeat their prompts.)"""
    plain = text.casefold()
    if not plain.isascii():
        folded = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(_stem(w) for w in WORD.findall(plain) if len(w) > 1 and w not in STOP_WORDS)


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class WordIndex:
    """Word → rows holding it, with a sorted vocabulary for prefix look-ups."""

    def __init__(self) -> None:
        self._rows: defaultdict[str, set[int]] = defaultdict(set)
        self._sorted: list[str] | None = None

    def add(self, row: int, row_words: set[str]) -> None:
        for word in row_words:
            if word not in self._rows:
                self._sorted = None
            self._rows[word].add(row)

    def discard(self, row: int, row_words: set[str]) -> None:
        for word in row_words:
            rows = self._rows.get(word)
            if rows is not None:
                rows.discard(row)
                if not rows:
                    del self._rows[word]
                    self._sorted = None

    def rows_of(self, word: str, *, prefix: bool = False) -> set[int]:
        """Rows holding the word (or, with `prefix`, any word starting with it)."""
        if not prefix:
            return self._rows.get(word, set())
        vocabulary = self._vocabulary()
        start = bisect.bisect_left(vocabulary, word)
        found: set[int] = set()
        for candidate in vocabulary[start:]:
            if not candidate.startswith(word):
                break
            found |= self._rows[candidate]
        return found

    def weight(self, word: str, total: int) -> float:
        """Inverse document frequency: rare words count for more."""
        return math.log(1 + total / max(1, len(self._rows.get(word, ()))))

    def _vocabulary(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._rows)
        return self._sorted
