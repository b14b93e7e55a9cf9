"""Usage of assets (downloads, share views and downloads, archive entries) and the history of
the archives the tenant downloaded."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from contracts.http.pages import Page

ACTOR_HEADER = "X-Studio-Actor"
"""Gateway → library: who acts (the calling API key's prefix)."""
UsageAction = Literal["download", "share_view", "share_download", "archive"]
ExportKind = Literal["job", "batch", "collection"]


class UsageRendition(BaseModel):
    """What was fetched: the asset itself or one of its platform renditions."""

    asset_id: str
    preset: str | None = None


class AssetUsePublic(BaseModel):
    id: str
    asset_id: str
    action: UsageAction
    actor: str = Field(description="An API key's prefix (`isk_…`) or a link (`share:shr_…`).")
    rendition: UsageRendition | None = Field(description="null for a view of the share.")
    at: datetime


class AssetUsesPublic(Page[AssetUsePublic]):
    """The asset's usage, newest first, and how often each action happened in all."""

    totals: dict[UsageAction, int]


class ExportCreate(BaseModel):
    """Gateway → library: an archive was made and sent."""

    kind: ExportKind
    of: str = Field(description="The job, batch or collection archived.")
    assets: list[UsageRendition]
    bytes: int | None = None
    actor: str


class ExportPublic(BaseModel):
    id: str
    kind: ExportKind
    of: str = Field(description="The job, batch or collection archived.")
    asset_ids: list[str] = Field(description="What it contained, in order.")
    count: int
    bytes: int | None = Field(description="The archive's size.")
    actor: str = Field(description="The prefix of the API key that downloaded it.")
    at: datetime


class ExportsPublic(Page[ExportPublic]):
    """Archives made for the tenant, newest first."""
