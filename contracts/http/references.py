"""The reference library (`/v1/references`): images saved as sketches, structures or styles to
guide control jobs. A reference is an asset carrying the tags `reference` and
`reference:<type>`, so the library lists, searches and keeps it like any asset."""

from pydantic import BaseModel, ConfigDict, Field

from contracts.http.assets import AssetPublic
from contracts.http.pages import Page
from contracts.media import AssetId
from contracts.params.multi_control import CONTROL_TYPES, ControlType

REFERENCE_TAG = "reference"


def type_tag(kind: ControlType) -> str:
    """The tag naming a reference's type."""
    return f"{REFERENCE_TAG}:{kind}"


def reference_type(tags: list[str]) -> ControlType | None:
    """The type the tags make an asset a reference of, or None."""
    if REFERENCE_TAG not in tags:
        return None
    return next((kind for kind in CONTROL_TYPES if type_tag(kind) in tags), None)


def as_reference(tags: list[str], kind: ControlType) -> list[str]:
    """`tags` making the asset a reference of `kind` (and of no other type)."""
    kept = [tag for tag in tags if tag != REFERENCE_TAG and not tag.startswith("reference:")]
    return sorted({*kept, REFERENCE_TAG, type_tag(kind)})


def without_reference(tags: list[str]) -> list[str]:
    return [tag for tag in tags if tag != REFERENCE_TAG and not tag.startswith("reference:")]


class ReferenceCreate(BaseModel):
    """Save an image of the library as a reference of a type."""

    model_config = ConfigDict(extra="forbid")

    asset_id: AssetId
    type: ControlType = Field(description="What it guides: `sketch`, `structure` or `style`.")
    title: str | None = Field(default=None, max_length=200, description="Sets the asset's title.")


class ReferencePublic(BaseModel):
    """A saved reference: its type and the asset it is."""

    id: str = Field(description="The asset's id: give it as `reference_id` in a control.")
    type: ControlType
    asset: AssetPublic


class ReferencesPublic(Page[ReferencePublic]):
    """A page of references, newest first."""
