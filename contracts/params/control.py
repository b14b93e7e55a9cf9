"""Parameters of the `control.*` kinds: a new image guided by a sketch, a structure, a style
reference or a style transfer (Stability v2beta limits)."""

from collections.abc import Mapping
from typing import ClassVar, Literal

from pydantic import Field

from contracts.media import AssetId
from contracts.params.edit import NegativePrompt, Strength
from contracts.params.generate import Prompt
from contracts.params.image_inputs import UP_TO_9MP, ImageJobParams, PixelRule, Styled

STYLE_TRANSFER = PixelRule(max_aspect=2.5)
StabilityRatio = Literal["21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21"]


class GuidedParams(ImageJobParams, Styled):
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_9MP}
    prompt: Prompt
    negative_prompt: NegativePrompt | None = None


class ControlSketchParams(GuidedParams):
    """A finished image from a sketch, at the sketch's size."""

    KIND = "control.sketch"
    control_strength: Strength = Field(default=0.7, description="How closely to follow it.")


class ControlStructureParams(GuidedParams):
    """A new image keeping the source's structure (edges, layout), at its size."""

    KIND = "control.structure"
    control_strength: Strength = Field(default=0.7, description="How closely to follow it.")


class ControlStyleParams(GuidedParams):
    """A new image (about 1 MP) in the style of the source."""

    KIND = "control.style"
    aspect_ratio: StabilityRatio = "1:1"
    fidelity: Strength = Field(default=0.5, description="How closely the style follows it.")


class StyleTransferParams(ImageJobParams):
    """The source (`asset_id`) redrawn in the style of `style_asset_id`."""

    KIND = "control.style_transfer"
    RULES: ClassVar[Mapping[str, PixelRule]] = {
        "asset_id": STYLE_TRANSFER,
        "style_asset_id": PixelRule(),
    }
    style_asset_id: AssetId
    prompt: Prompt | None = None
    negative_prompt: NegativePrompt | None = None
    style_strength: Strength = 1.0
    composition_fidelity: Strength = 0.9
    change_strength: float = Field(default=0.9, ge=0.1, le=1)
