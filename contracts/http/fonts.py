"""Font bodies: the bundled families (`GET /v1/fonts`); uploads answer `AssetPublic`."""

from pydantic import BaseModel, Field

from contracts.catalog.fonts import BUNDLED_FONTS, Script


class FontPublic(BaseModel):
    id: str = Field(description="What `edit.text_overlay`'s `font` names.")
    name: str
    scripts: list[Script] = Field(description="The scripts it has a face for.")


class FontsPublic(BaseModel):
    items: list[FontPublic]

    @classmethod
    def bundled(cls) -> "FontsPublic":
        return cls(
            items=[
                FontPublic(id=f.id, name=f.name, scripts=list(f.faces))
                for f in BUNDLED_FONTS.values()
            ]
        )
