"""More like this and duplicate groups."""

from typing import Literal

from pydantic import BaseModel, Field

from contracts.http.assets import AssetPublic
from contracts.http.search import AssetHit


class SimilarPublic(BaseModel):
    """Assets like one, nearest first: `score` is the Hamming distance of the perceptual hashes
    (`by=phash`, 0 = the same picture) or the cosine of the colour histograms (`by=color`)."""

    by: Literal["phash", "color"]
    items: list[AssetHit]


class DuplicateGroup(BaseModel):
    items: list[AssetPublic] = Field(description="Near-identical images, oldest first.")


class DuplicatesPublic(BaseModel):
    """Groups of near-duplicates (largest first), for clean-up."""

    groups: list[DuplicateGroup]
    total: int = Field(description="How many groups there are in all.")
