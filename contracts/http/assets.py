"""Asset bodies: the library's records as the API shows them."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from contracts.events import Derivation
from contracts.http.pages import Page
from contracts.media import StoredMedia
from contracts.optimizer import AssetRole

AssetSource = Literal["generated", "upload"]


class AssetLinks(BaseModel):
    self: str
    content: str = Field(description="Redirects (302) to a short-lived download URL.")


class AssetFacts(StoredMedia, Derivation):
    """What the library knows of an asset, as stored and as shown."""

    id: str
    job_id: str | None = Field(description="The job that made it; null for uploads.")
    batch_id: str | None = Field(default=None, description="The batch of that job, if any.")
    kind: str = Field(description="Job kind that made it, or `upload`.")
    source: AssetSource
    prompt: str | None = None
    negative_prompt: str | None = None
    provider: str | None = None
    model: str | None = None
    seed: int | None = None
    variation: int | None = None
    filename: str | None = None
    reused_from: str | None = Field(
        default=None, description="The earlier asset whose image this one reuses (result cache)."
    )


class AssetPublic(AssetFacts):
    created_at: datetime
    links: AssetLinks


class AssetsPublic(Page[AssetPublic]):
    """A page of assets, newest first."""


class StoredAsset(StoredMedia):
    """Library → gateway: where an asset's object is (resolved into a job's inputs)."""

    id: str
    object_key: str
    kind: str
    root_id: str | None = None


class VersionsPublic(BaseModel):
    """An asset's version chain: the original and every edit made from it or its versions,
    oldest first; each names its `parent_id`."""

    root_id: str
    items: list[AssetPublic]


class AssetFilters(BaseModel):
    """What an asset listing may be narrowed to (each an exact match)."""

    job_id: str | None = None
    batch_id: str | None = None
    kind: str | None = None
    preset: str | None = None
    platform: str | None = None
    source_asset_id: str | None = None
    parent_id: str | None = None
    root_id: str | None = None
    role: AssetRole | None = None


class UploadCreate(StoredMedia):
    """Gateway → library: record an upload the gateway checked and stored."""

    id: str
    object_key: str
    filename: str | None = None
