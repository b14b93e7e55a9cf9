"""Parameters of the `upscale.*` kinds (Stability v2beta limits)."""

from collections.abc import Mapping
from typing import Annotated, ClassVar

from pydantic import Field

from contracts.params.edit import NegativePrompt
from contracts.params.generate import Prompt
from contracts.params.image_inputs import (
    FAST_UPSCALE,
    UP_TO_1MP,
    UP_TO_9MP,
    ImageJobParams,
    PixelRule,
    Styled,
)

FAST_FACTOR = 4


class UpscaleFastParams(ImageJobParams):
    """Four times each side, sharpened (up to 16 MP out)."""

    KIND = "upscale.fast"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": FAST_UPSCALE}
    """At most 1 MP in, so at most 16 MP out."""


class UpscaleConservativeParams(ImageJobParams):
    """To about 4 MP, keeping the image as it is."""

    KIND = "upscale.conservative"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_9MP}
    prompt: Prompt
    negative_prompt: NegativePrompt | None = None
    creativity: Annotated[float, Field(ge=0.2, le=0.5)] = 0.35


class UpscaleCreativeParams(ImageJobParams, Styled):
    """To up to 4K, re-imagining detail (best for small, degraded images under 1 MP)."""

    KIND = "upscale.creative"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_1MP}
    prompt: Prompt
    negative_prompt: NegativePrompt | None = None
    creativity: Annotated[float, Field(ge=0.1, le=0.5)] = 0.3
