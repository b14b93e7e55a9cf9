"""Parameters of the `edit.*` kinds. Field names follow the Stability v2beta API where it has
them (`docs/providers.md` 1.4), with its ranges."""

from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from contracts.catalog.colours import COLOURS, colour_in
from contracts.catalog.engines import LOCAL
from contracts.catalog.registry import engines
from contracts.media import AssetId, ImageFormat, StoredMedia
from contracts.params.generate import Prompt
from contracts.params.image_inputs import (
    MAX_OUTPUT_PIXELS,
    UP_TO_4MP,
    UP_TO_9MP,
    ImageJobParams,
    PixelRule,
    Styled,
    image_of,
    mask_problems,
)

NegativePrompt = Annotated[str, StringConstraints(max_length=10_000)]
Strength = Annotated[float, Field(ge=0, le=1)]
MAX_PAD = 2000


class MaskedParams(ImageJobParams):
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": PixelRule(), "mask_id": PixelRule()}

    mask_id: AssetId = Field(
        description="A PNG of the image's size: white where to change, black where to keep."
    )

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        return mask_problems(inputs)


class EraseParams(MaskedParams):
    """Remove what the mask covers, filled from its surroundings."""

    KIND = "edit.erase"
    grow_mask: int = Field(default=5, ge=0, le=20, description="Pixels to grow the mask by.")


class InpaintParams(MaskedParams, Styled):
    """Repaint what the mask covers as the prompt says."""

    KIND = "edit.inpaint"
    prompt: Prompt
    negative_prompt: NegativePrompt | None = None
    grow_mask: int = Field(default=5, ge=0, le=100, description="Pixels to grow the mask by.")


class OutpaintParams(ImageJobParams, Styled):
    """Extend the canvas by the given pixels per side, continuing the image."""

    KIND = "edit.outpaint"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_9MP}
    left: int = Field(default=0, ge=0, le=MAX_PAD)
    right: int = Field(default=0, ge=0, le=MAX_PAD)
    up: int = Field(default=0, ge=0, le=MAX_PAD)
    down: int = Field(default=0, ge=0, le=MAX_PAD)
    creativity: Strength = 0.5
    prompt: Prompt | None = None

    @model_validator(mode="after")
    def _extends_somewhere(self) -> Self:
        if not any((self.left, self.right, self.up, self.down)):
            raise ValueError("give at least one of left, right, up, down (pixels to add)")
        return self

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        image = image_of(inputs["asset_id"])
        width = image.width + self.left + self.right
        height = image.height + self.up + self.down
        if width * height > MAX_OUTPUT_PIXELS:
            return [("asset_id", f"the result would be {width}x{height}, over 16 MP")]
        return []


class SearchReplaceParams(ImageJobParams, Styled):
    """Find what `search_prompt` names and replace it as `prompt` says."""

    KIND = "edit.search_replace"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_9MP}
    prompt: Prompt
    search_prompt: Prompt
    negative_prompt: NegativePrompt | None = None
    grow_mask: int = Field(default=3, ge=0, le=20)


class SearchRecolorParams(ImageJobParams, Styled):
    """Recolour what `select_prompt` names (or the mask covers) as `prompt` says."""

    KIND = "edit.search_recolor"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_9MP, "mask_id": UP_TO_9MP}
    prompt: Prompt = Field(description="The new colours, e.g. 'deep teal'.")
    select_prompt: Prompt = Field(description="What to recolour, e.g. 'the red car'.")
    negative_prompt: NegativePrompt | None = None
    grow_mask: int = Field(default=3, ge=0, le=20)
    mask_id: AssetId | None = Field(
        default=None,
        description="Restricts a `local` recolour to this mask (providers select by prompt).",
    )

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        return mask_problems(inputs)

    @model_validator(mode="after")
    def _local_recolour_names_colours(self) -> Self:
        """The local engine goes by colour words: without them it could only fail later."""
        if engines(self.KIND, self.quality, self.provider)[0].provider != LOCAL:
            return self
        known = ", ".join(COLOURS)
        if colour_in(self.prompt) is None:
            raise ValueError(f"prompt names no colour the local engine knows ({known})")
        if self.mask_id is None and colour_in(self.select_prompt) is None:
            raise ValueError(
                f"select_prompt names no colour the local engine knows ({known}); give one, "
                "or a mask_id, or use quality standard"
            )
        return self


class RemoveBackgroundParams(ImageJobParams):
    """Cut the subject out: a transparent background."""

    KIND = "edit.remove_background"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_4MP}
    output_format: Literal[ImageFormat.PNG, ImageFormat.WEBP] = ImageFormat.PNG


class ReplaceBackgroundParams(ImageJobParams):
    """A new background behind the subject, from a prompt or a reference image, relit."""

    KIND = "edit.replace_background"
    RULES: ClassVar[Mapping[str, PixelRule]] = {
        "asset_id": UP_TO_9MP,
        "background_asset_id": PixelRule(),
        "light_asset_id": PixelRule(),
    }
    background_prompt: Prompt | None = None
    background_asset_id: AssetId | None = Field(
        default=None, description="An image whose look the new background takes."
    )
    foreground_prompt: Prompt | None = Field(default=None, description="Describes the subject.")
    negative_prompt: NegativePrompt | None = None
    preserve_original_subject: Strength = 0.6
    original_background_depth: Strength = 0.5
    keep_original_background: bool = False
    light_source_direction: Literal["left", "right", "above", "below"] | None = None
    light_asset_id: AssetId | None = Field(default=None, description="An image to light like.")
    light_source_strength: Strength | None = None

    @model_validator(mode="after")
    def _has_a_background_and_a_light(self) -> Self:
        if self.background_prompt is None and self.background_asset_id is None:
            raise ValueError("give background_prompt or background_asset_id (or both)")
        lit = self.light_source_direction is not None or self.light_asset_id is not None
        if self.light_source_strength is not None and not lit:
            raise ValueError("light_source_strength needs light_source_direction or light_asset_id")
        return self


class InstructParams(ImageJobParams):
    """Edit by a plain instruction, e.g. 'make the sky more dramatic'."""

    KIND = "edit.instruct"
    instruction: Prompt
