"""Brand kits: a tenant's colours, preferred style and words to keep out, applied to a `generate`
job that names the kit, and its logo and fonts, which text overlays and watermarks use. The
gateway stores them and attaches the kit to the job it submits."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.catalog.styles import STYLES
from contracts.media import AssetId
from contracts.strictness import VISIBLE_TEXT

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Word = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60), VISIBLE_TEXT
]


class BrandKitSpec(BaseModel):
    """What a brand kit says (`POST /v1/brand-kits`, `PUT /v1/brand-kits/{id}`)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Acme",
                    "colors": ["#0A2540", "#FF5A5F"],
                    "avoid_words": ["cheap"],
                    "keywords": ["bold", "warm"],
                }
            ]
        },
    )

    name: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), VISIBLE_TEXT
    ]
    colors: list[HexColour] = Field(default_factory=list, max_length=8, description="#RRGGBB.")
    preferred_style: str | None = Field(
        default=None, description="A style preset used when a job names none."
    )
    avoid_words: list[Word] = Field(
        default_factory=list,
        max_length=100,
        description="Taken out of prompts and added to the negative prompt.",
    )
    keywords: list[Word] = Field(
        default_factory=list, max_length=20, description="Tone words added to prompts."
    )
    logo_asset_id: AssetId | None = Field(
        default=None,
        description="An image asset (a PNG with alpha is best): `edit.watermark` draws it.",
    )
    fonts: list[AssetId] = Field(
        default_factory=list,
        max_length=8,
        description="Uploaded fonts (`POST /v1/fonts`); `edit.text_overlay` with font `brand` "
        "uses the first.",
    )

    @model_validator(mode="after")
    def _style_exists(self) -> Self:
        if self.preferred_style is not None and self.preferred_style not in STYLES:
            raise ValueError(f"unknown style '{self.preferred_style}' (see GET /v1/styles)")
        return self


class BrandKit(BrandKitSpec):
    """A stored brand kit, as attached to the jobs that name it."""

    model_config = ConfigDict(json_schema_extra={})  # the spec's examples are not stored kits

    id: str
