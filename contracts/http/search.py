"""Asset search: one query shape for `GET /v1/assets/search`, bulk actions and retention rules."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.http.assets import AssetPublic, Tag
from contracts.http.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page
from contracts.http.queries import IsoDateTime

SearchSort = Literal[
    "relevance",
    "newest",
    "oldest",
    "most_used",
    "least_used",
    "rating",
    "cost",
    "bytes",
    "position",
]
SearchMode = Literal["text", "semantic"]


class AssetFilter(BaseModel):
    """What assets a search, a bulk action or a retention rule applies to; every condition
    given must hold (lists: any of the values)."""

    model_config = ConfigDict(extra="forbid")

    kind: list[str] = Field(default_factory=list, description="Job kinds, or `upload`.")
    provider: list[str] = Field(default_factory=list)
    quality: list[str] = Field(default_factory=list)
    format: list[str] = Field(default_factory=list, description="`png`, `jpeg`, `mp4`…")
    platform: list[str] = Field(default_factory=list)
    preset: list[str] = Field(default_factory=list, description="Platform formats.")
    batch_id: str | None = None
    job_id: str | None = None
    collection_id: str | None = None
    tags: list[Tag] = Field(default_factory=list, description="Has every one of these.")
    any_tags: list[Tag] = Field(default_factory=list, description="Has at least one of these.")
    favorite: bool | None = None
    min_rating: int | None = Field(default=None, ge=0, le=5)
    min_bytes: int | None = Field(default=None, ge=0)
    max_bytes: int | None = Field(default=None, ge=0)
    min_width: int | None = Field(default=None, ge=0)
    max_width: int | None = Field(default=None, ge=0)
    min_height: int | None = Field(default=None, ge=0)
    max_height: int | None = Field(default=None, ge=0)
    min_cost: int | None = Field(default=None, ge=0, description="Credits.")
    max_cost: int | None = Field(default=None, ge=0)
    created_after: IsoDateTime | None = None
    created_before: IsoDateTime | None = None
    used: bool | None = Field(default=None, description="false: never downloaded or shared.")
    trashed: bool = Field(default=False, description="true: search the trash instead.")

    @model_validator(mode="after")
    def _ranges_in_order(self) -> "AssetFilter":
        for low, high in (
            ("min_bytes", "max_bytes"),
            ("min_width", "max_width"),
            ("min_height", "max_height"),
            ("min_cost", "max_cost"),
            ("created_after", "created_before"),
        ):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"{low} is above {high}")
        return self


class AssetSearch(AssetFilter):
    """`GET /v1/assets/search`: words and filters, sorted, a page at a time."""

    q: str | None = Field(
        default=None,
        max_length=500,
        description="Words in the prompt, title, description, tags or caption (all of them; the "
        "last may be the start of a word). With `mode=semantic`: what the image is about.",
    )
    mode: SearchMode = Field(default="text", description="`semantic` ranks by meaning (needs `q`).")
    sort: SearchSort | None = Field(
        default=None,
        description="Default: `relevance` with `q`, else `newest`; `position` is a "
        "collection's own order (needs `collection_id`).",
    )
    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = Field(default=None, description="`next` of the page before.")

    @model_validator(mode="after")
    def _sort_has_what_it_needs(self) -> "AssetSearch":
        if self.mode == "semantic" and not (self.q or "").strip():
            raise ValueError("mode=semantic needs q")
        if self.sort == "relevance" and not (self.q or "").strip():
            raise ValueError("sort=relevance needs q")
        if self.sort == "position" and self.collection_id is None:
            raise ValueError("sort=position needs collection_id")
        return self


class AssetHit(AssetPublic):
    score: float | None = Field(
        default=None, description="How well it matched `q` (higher is better); null without."
    )


class AssetSearchPage(Page[AssetHit]):
    """A page of matches and how many there are in all."""

    total: int
