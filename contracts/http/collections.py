"""Collections (projects, campaigns) and tags: how a tenant organises its assets."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from contracts.http.assets import TagSource
from contracts.http.pages import Page

MAX_COLLECTION_ITEMS_PER_CALL = 500


class CollectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    cover_asset_id: str | None = Field(default=None, description="One of the tenant's assets.")


class CollectionEdit(BaseModel):
    """A JSON Merge Patch: members set to null are cleared (the name cannot be)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    cover_asset_id: str | None = None


class CollectionLinks(BaseModel):
    self: str
    assets: str


class CollectionPublic(BaseModel):
    id: str
    name: str
    description: str | None
    cover_asset_id: str | None = Field(
        description="The chosen cover, else the first asset in order (null when empty)."
    )
    asset_count: int
    credits: int = Field(description="What its assets cost, in credits.")
    created_at: datetime
    updated_at: datetime
    links: CollectionLinks


class CollectionsPublic(Page[CollectionPublic]):
    """A page of collections, newest first."""


class CollectionItemsAdd(BaseModel):
    """Put assets in the collection, in this order, after its last (or `before` one of its
    assets); assets already in it move there."""

    model_config = ConfigDict(extra="forbid")

    asset_ids: list[str] = Field(min_length=1, max_length=MAX_COLLECTION_ITEMS_PER_CALL)
    before: str | None = Field(default=None, description="An asset of the collection.")


class CollectionItemsChanged(BaseModel):
    collection_id: str
    asset_count: int


class BatchCollection(BaseModel):
    """Gateway → library: a batch's outputs go into this collection."""

    collection_id: str
    watermarked: bool = Field(
        default=False,
        description="The batch watermarks its images: those its follow-ups stamp are not "
        "filed, their watermarked versions are.",
    )


class TagCount(BaseModel):
    tag: str
    count: int = Field(description="Assets with it (not in the trash).")
    sources: list[TagSource] = Field(description="How it was given: by hand, or automatically.")


class TagsPublic(BaseModel):
    """Every tag of the tenant's assets, most used first."""

    items: list[TagCount]
