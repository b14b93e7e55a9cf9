"""Asset bodies: the library's records as the API shows them."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from contracts.events import Derivation
from contracts.http.pages import Page
from contracts.media import AssetId, StoredMedia
from contracts.optimizer import AssetRole

AssetSource = Literal["generated", "upload"]
TagSource = Literal["manual", "prompt", "generation", "image", "vision"]
MAX_TAGS = 50
MAX_CUSTOM_FIELDS = 50

Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50),
    Field(description="Lower case, 1–50 characters."),
]
CUSTOM_KEY = r"^[A-Za-z0-9_-]{1,64}$"
CustomKey = Annotated[str, StringConstraints(pattern=CUSTOM_KEY)]
CustomValue = Annotated[str, StringConstraints(max_length=500)]


def _custom_schema(value: dict[str, Any]) -> WithJsonSchema:
    """Keys held to their pattern in the document too (pydantic states `patternProperties`
    only, which lets any other key through)."""
    keys = {"propertyNames": {"pattern": CUSTOM_KEY}, "maxProperties": MAX_CUSTOM_FIELDS}
    return WithJsonSchema({"type": "object", **keys, "additionalProperties": value})


CustomFields = Annotated[
    dict[CustomKey, CustomValue], _custom_schema({"type": "string", "maxLength": 500})
]
CustomEdit = Annotated[
    dict[CustomKey, CustomValue | None],
    _custom_schema({"anyOf": [{"type": "string", "maxLength": 500}, {"type": "null"}]}),
]


class AssetLinks(BaseModel):
    self: str
    content: str = Field(description="Redirects (302) to a short-lived download URL.")


class AutoTag(BaseModel):
    """A tag the library gave the asset on ingest, with what it came from."""

    tag: str
    source: TagSource


class ImageFacts(BaseModel):
    """What the library measured of an image on ingest (null until measured; never for video,
    audio or 3D)."""

    color_space: str | None = Field(default=None, description="Pillow mode, e.g. `RGB`.")
    dominant_colors: list[str] = Field(
        default_factory=list, description="Up to 5 `#rrggbb`, most covering first."
    )
    color_names: list[str] = Field(default_factory=list, description="Their colour names.")
    phash: str | None = Field(default=None, description="64-bit perceptual hash, 16 hex digits.")
    orientation: Literal["landscape", "portrait", "square"] | None = None
    has_faces: bool | None = None
    has_text: bool | None = None


class UserFields(BaseModel):
    """What tenants write on an asset (`PATCH /v1/assets/{id}`)."""

    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    rating: int = Field(default=0, ge=0, le=5)
    favorite: bool = False
    custom: CustomFields = Field(
        default_factory=dict, max_length=MAX_CUSTOM_FIELDS, description="Your own key/values."
    )


class AssetFacts(StoredMedia, Derivation, ImageFacts, UserFields):
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
    quality: str | None = Field(default=None, description="The job's quality tier.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="The job's params as submitted."
    )
    cost_credits: int = Field(default=0, description="This asset's share of the job's cost.")
    auto_tags: list[AutoTag] = Field(default_factory=list)
    caption: str | None = Field(default=None, description="From the vision provider, if any.")
    caption_source: str | None = Field(default=None, description="The provider that wrote it.")
    usage_count: int = Field(default=0, description="Downloads, share views, archive entries.")


class AssetPublic(AssetFacts):
    created_at: datetime
    updated_at: datetime = Field(
        description="When the tenant last changed it (its `ETag`, for `If-Match`); what the "
        "platform records (analysis, usage) leaves it."
    )
    collection_ids: list[str] = Field(default_factory=list)
    last_used_at: datetime | None = None
    trashed_at: datetime | None = Field(default=None, description="In the trash since.")
    purge_at: datetime | None = Field(default=None, description="Deleted for good then.")
    links: AssetLinks


class AssetEdit(BaseModel):
    """A JSON Merge Patch (RFC 7396) of an asset's own fields: a member set to null clears it
    (`custom` keys one by one); `tags` replaces the manual tags."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    tags: list[Tag] | None = Field(default=None, max_length=MAX_TAGS)
    rating: int | None = Field(default=None, ge=0, le=5)
    favorite: bool | None = None
    custom: CustomEdit | None = Field(default=None, max_length=MAX_CUSTOM_FIELDS)


class AssetRevert(BaseModel):
    """`POST /v1/assets/{id}/revert`: a new version of the chain with an earlier one's image."""

    model_config = ConfigDict(extra="forbid")

    version_id: AssetId = Field(
        description="The version whose image the new one takes: an asset of the same chain."
    )


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
