"""More like this: near-duplicates by perceptual hash (Hamming distance), look-alikes by colour
histogram (cosine), and duplicate groups for clean-up."""

from collections import defaultdict

import numpy as np

from services.library.catalog.columns import Array, Columns

BANDS = 4  # a 64-bit hash in 4 bands of 16: two hashes within 3 bits share a band (pigeonhole)


def by_hash(columns: Columns, row: int, max_distance: int, limit: int) -> list[tuple[int, float]]:
    """Rows whose image is within `max_distance` bits of this row's, nearest first."""
    candidates = _others(columns, row) & columns.view("has_phash")
    distances = np.bitwise_count(columns.view("phash") ^ columns.view("phash")[row])
    keep = np.flatnonzero(candidates & (distances <= max_distance))
    order = keep[np.argsort(distances[keep], kind="stable")][:limit]
    return [(int(r), float(distances[r])) for r in order]


def by_color(columns: Columns, row: int, min_score: float, limit: int) -> list[tuple[int, float]]:
    """Rows whose colours are most alike this row's (cosine of colour histograms)."""
    candidates = _others(columns, row) & columns.view("has_color")
    matrix = columns.color[: columns.size]
    scores = matrix @ matrix[row]
    keep = np.flatnonzero(candidates & (scores >= min_score))
    order = keep[np.argsort(-scores[keep], kind="stable")][:limit]
    return [(int(r), round(float(scores[r]), 4)) for r in order]


def duplicate_groups(columns: Columns, max_distance: int) -> list[list[int]]:
    """Groups of rows whose images are within `max_distance` (≤ 3) bits of another in the group,
    largest first: candidates share one 16-bit band of the hash, then the distance decides."""
    hashed = columns.view("alive") & ~columns.view("trashed") & columns.view("has_phash")
    live = [int(row) for row in np.flatnonzero(hashed)]
    hashes = columns.view("phash")[live]
    parent = {row: row for row in live}
    for band in range(BANDS):
        buckets: defaultdict[int, list[int]] = defaultdict(list)
        values = ((hashes >> np.uint64(16 * band)) & np.uint64(0xFFFF)).tolist()
        for row, value in zip(live, values, strict=True):
            buckets[int(value)].append(row)
        for rows in buckets.values():
            _join_near(columns, rows, max_distance, parent)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for row in parent:
        groups[_root(parent, row)].append(row)
    found = [sorted(g) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g), g[0]))


def _join_near(
    columns: Columns, rows: list[int], max_distance: int, parent: dict[int, int]
) -> None:
    if len(rows) < 2:
        return
    hashes = columns.view("phash")[rows]
    for i, row in enumerate(rows[:-1]):
        near = np.bitwise_count(hashes[i + 1 :] ^ hashes[i]) <= max_distance
        for other in np.asarray(rows[i + 1 :])[near]:
            parent[_root(parent, int(other))] = _root(parent, row)


def _root(parent: dict[int, int], row: int) -> int:
    while parent[row] != row:
        parent[row] = parent[parent[row]]
        row = parent[row]
    return row


def _others(columns: Columns, row: int) -> Array:
    mask = columns.view("alive") & ~columns.view("trashed")
    mask = mask.copy()
    mask[row] = False
    return mask
