"""Share links: one asset (with its platform renditions) or one collection, shown to whoever
holds the link, without an API key; and what those public routes answer. A link's token is
shown once, in the answer that made it."""

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from contracts.http.pages import Page

PUBLIC_URL_HEADER = "X-Studio-Public-Url"
"""Gateway → library: the base URL clients reach the API at (embed snippets are absolute)."""
ShareTarget = Literal["asset", "collection"]


class ShareCreate(BaseModel):
    """`POST /v1/shares`: exactly one of `asset_id` and `collection_id`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"asset_id": "ast_01JD3…", "allow_download": False}]},
    )

    asset_id: str | None = Field(
        default=None, max_length=100, description="An asset of the tenant (its renditions too)."
    )
    collection_id: str | None = Field(
        default=None, max_length=100, description="A collection of the tenant."
    )
    expires_at: AwareDatetime | None = Field(
        default=None, description="From then on the link answers 410 `share_expired`."
    )
    password: str | None = Field(
        default=None,
        min_length=8,
        max_length=128,
        description="Asked by `POST /v1/shared/{token}/unlock`; stored as a salted hash only.",
    )
    allow_download: bool = Field(
        default=True, description="false: view only (`?download=true` answers 403)."
    )


class ShareLinks(BaseModel):
    self: str


class SharePublic(BaseModel):
    id: str
    target: ShareTarget
    asset_id: str | None
    collection_id: str | None
    token_prefix: str = Field(description="The token's first characters, to recognise the link.")
    expires_at: datetime | None
    has_password: bool
    allow_download: bool
    views: int = Field(description="Times the link was opened (`GET /v1/shared/{token}`).")
    downloads: int = Field(description="Content fetched through it (inline or as a download).")
    created_at: datetime
    links: ShareLinks


class ShareCreated(SharePublic):
    """The answer that made the share: the one time its token is shown."""

    token: str = Field(description="The link's secret: shown this once.")
    url: str = Field(description="The public link (no API key): `/v1/shared/{token}`.")
    embed: str | None = Field(
        description="For an asset without a password: an HTML `<picture>` snippet showing it, "
        "with its platform renditions in `srcset`."
    )


class SharesPublic(Page[SharePublic]):
    """A page of the tenant's share links, newest first."""


class ShareUnlock(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=1, max_length=128)


class ShareAccess(BaseModel):
    """A grant to a password-protected link: pass it as `?access=` on its public routes."""

    access: str
    expires_at: datetime


class SharedLinks(BaseModel):
    content: str = Field(description="The bytes, shown inline.")
    download: str | None = Field(description="The bytes as an attachment; null when view only.")


class SharedRendition(BaseModel):
    """A platform format made from the shared asset (an optimizer output)."""

    id: str
    preset: str | None
    platform: str | None
    format: str
    width: int | None
    height: int | None
    bytes: int
    links: SharedLinks


class SharedAsset(BaseModel):
    """What a link shows of an asset, nothing more."""

    id: str
    format: str
    content_type: str
    width: int | None
    height: int | None
    bytes: int
    title: str | None
    description: str | None
    created_at: datetime
    links: SharedLinks
    renditions: list[SharedRendition] = Field(
        default_factory=list, description="Its platform formats (on an asset's link)."
    )


class SharedCollection(BaseModel):
    name: str
    description: str | None
    items: list[SharedAsset] = Field(description="In the collection's order.")
    next: str | None = Field(default=None, description="Cursor of the next items.")


class SharedView(BaseModel):
    """`GET /v1/shared/{token}`: what the link shares."""

    target: ShareTarget
    allow_download: bool
    expires_at: datetime | None
    asset: SharedAsset | None = None
    collection: SharedCollection | None = None
    embed: str | None = Field(
        default=None, description="An asset's `<picture>` snippet (none behind a password)."
    )
