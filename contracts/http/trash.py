"""The trash and a tenant's library settings: how long the trash keeps assets, and retention
rules that move old assets there (`/v1/trash`, `/v1/library/settings`)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from contracts.http.search import AssetFilter

DEFAULT_TRASH_DAYS = 30
MAX_TRASH_DAYS = 365
MAX_RETENTION_RULES = 20


class RetentionRule(BaseModel):
    """Assets matching `filter` and created more than `older_than_days` ago go to the trash
    (checked every few minutes); e.g. drafts after 7 days: `{"quality": ["draft"]}`, 7."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    filter: AssetFilter = Field(description="Which assets (the trash itself is never a target).")
    older_than_days: int = Field(ge=0, le=3650, description="By creation time; 0: at once.")
    action: Literal["trash"] = "trash"

    @field_validator("filter")
    @classmethod
    def _not_the_trash(cls, value: AssetFilter) -> AssetFilter:
        if value.trashed:
            raise ValueError("a retention rule applies to assets not in the trash")
        return value


class LibrarySettingsUpdate(BaseModel):
    """`PUT /v1/library/settings`: the whole of the tenant's library settings."""

    model_config = ConfigDict(extra="forbid")

    trash_days: int = Field(
        default=DEFAULT_TRASH_DAYS,
        ge=1,
        le=MAX_TRASH_DAYS,
        description="How long a deleted asset stays restorable before it is purged (set when "
        "it is deleted: a change applies to later deletions).",
    )
    retention_rules: list[RetentionRule] = Field(
        default_factory=list, max_length=MAX_RETENTION_RULES
    )

    @field_validator("retention_rules")
    @classmethod
    def _names_unique(cls, rules: list[RetentionRule]) -> list[RetentionRule]:
        names = [rule.name for rule in rules]
        if len(set(names)) < len(names):
            raise ValueError("retention rule names must be unique")
        return rules


class LibrarySettingsPublic(LibrarySettingsUpdate):
    updated_at: datetime | None = Field(description="Null while the defaults apply.")


class TrashEmptied(BaseModel):
    """`DELETE /v1/trash`: what was deleted for good."""

    purged: int = Field(description="Assets whose objects and records are gone.")
