"""`POST /v1/assets/bulk`: one action on every asset a filter (or a list of ids) selects."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.http.assets import Tag
from contracts.http.search import AssetFilter

MAX_BULK_IDS = 10_000
MAX_BULK_TAGS = 20
BulkAction = Literal[
    "trash",
    "restore",
    "tag",
    "untag",
    "add_to_collection",
    "remove_from_collection",
    "move_to_collection",
]
TAGGING = ("tag", "untag")
FILING = ("add_to_collection", "remove_from_collection", "move_to_collection")


class AssetBulk(BaseModel):
    """What to do and to which assets: `filter` or `asset_ids`, not both (unknown ids: 422).
    `restore` selects in the trash (the filter's `trashed` is taken as true), `trash` among the
    assets not in it; `tag`/`untag` need `tags`, the collection actions `collection_id`;
    `move_to_collection` also takes the assets out of every other collection."""

    model_config = ConfigDict(extra="forbid")

    action: BulkAction
    filter: AssetFilter | None = None
    asset_ids: list[str] | None = Field(default=None, min_length=1, max_length=MAX_BULK_IDS)
    tags: list[Tag] = Field(
        default_factory=list, max_length=MAX_BULK_TAGS, description="For `tag` and `untag`."
    )
    collection_id: str | None = Field(default=None, description="For the collection actions.")
    dry_run: bool = Field(default=False, description="Count only: nothing changes.")


class BulkResult(BaseModel):
    action: BulkAction
    matched: int = Field(description="Assets selected.")
    changed: int = Field(description="Of those, the ones the action changes (or would change).")
    dry_run: bool
