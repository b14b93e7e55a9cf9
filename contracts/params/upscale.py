"""Parameters of the `upscale.*` kinds (Stability v2beta limits), and `upscale.auto`, which
resolves to one of them."""

import math
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Self

from pydantic import Field, model_validator

from contracts.catalog.engines import LOCAL, Engine
from contracts.catalog.models import Quality, UnknownModelError
from contracts.catalog.platforms import PRESETS
from contracts.catalog.registry import engines
from contracts.media import ImageFormat, StoredMedia
from contracts.params.edit import NegativePrompt
from contracts.params.generate import Prompt
from contracts.params.image_inputs import (
    FAST_UPSCALE,
    UP_TO_1MP,
    UP_TO_9MP,
    ImageJobParams,
    PixelRule,
    Styled,
    image_of,
)
from contracts.params.upscale_presets import preset_format, preset_problem
from contracts.upscaling import (
    MODE_MAX_OUTPUT,
    PRESET_MODES,
    WEB_LONG_SIDE,
    PrintSize,
    UpscaleMode,
    UpscalePreset,
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


AUTO_SOURCE = PixelRule(min_side=32, min_pixels=1024)
DEFAULT_SCALE = 4.0
FAITHFUL_PROMPT = "the same image, sharper and with finer detail"
"""The prompt conservative and creative upscales get when an `upscale.auto` job gives none."""
MODE_PARAMS: dict[UpscaleMode, type[ImageJobParams]] = {
    UpscaleMode.FAST: UpscaleFastParams,
    UpscaleMode.CONSERVATIVE: UpscaleConservativeParams,
    UpscaleMode.CREATIVE: UpscaleCreativeParams,
}


class UpscaleAutoParams(ImageJobParams):
    """Fast, conservative or creative, chosen from the source (size, noise, faces, text) and the
    target; the job's `choice` explains it. A `preset` fixes the output's size and format."""

    KIND = "upscale.auto"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": AUTO_SOURCE}
    """The loosest of the modes' rules; `kind_problems` checks the modes it may choose."""

    prompt: Prompt | None = Field(
        default=None, description="For conservative and creative (a faithful one when absent)."
    )
    scale: Annotated[float, Field(ge=1, le=8)] | None = Field(
        default=None, description="Times each side (4 when neither it nor a preset is given)."
    )
    preset: UpscalePreset | None = None
    print_size: PrintSize | None = Field(default=None, description="With `preset: print`.")
    platform_format: str | None = Field(
        default=None, description="With `preset: social`: a format id of `GET /v1/platforms`."
    )

    @model_validator(mode="before")
    @classmethod
    def _preset_format(cls, data: Any) -> Any:
        """A preset's format when none is asked."""
        if isinstance(data, dict) and "output_format" not in data:
            fmt = preset_format(data.get("preset"), data.get("platform_format"))
            return data | ({"output_format": fmt} if fmt else {})
        return data

    @model_validator(mode="after")
    def _an_engine_runs_it(self) -> Self:
        if not self.modes():
            asked = f"{self.quality.value} quality" + (
                f" on {self.provider}" if self.provider != "auto" else ""
            )
            wanted = ", ".join(mode.kind for mode in self.wanted_modes())
            raise ValueError(f"no engine runs {wanted} at {asked}")
        return self

    @model_validator(mode="after")
    def _preset_fits(self) -> Self:
        problem = preset_problem(
            self.preset, self.print_size, self.platform_format, self.scale, self.output_format
        )
        if problem is not None:
            raise ValueError(problem)
        return self

    def wanted_modes(self) -> list[UpscaleMode]:
        """The modes the preset allows (every mode without one)."""
        fixed = PRESET_MODES.get(self.preset) if self.preset else None
        return [fixed] if fixed else list(UpscaleMode)

    def modes(self) -> list[UpscaleMode]:
        """The modes it may choose: allowed by the preset and run at its quality and provider;
        at `draft`, those the platform's own algorithm runs, when there are any."""
        running = {mode: _engines(mode, self) for mode in self.wanted_modes()}
        local = [mode for mode, found in running.items() if any(e.provider == LOCAL for e in found)]
        if self.quality is Quality.DRAFT and local:
            return local
        return [mode for mode, found in running.items() if found]

    def mode_kinds(self) -> list[str]:
        return [mode.kind for mode in self.modes()]

    def target_size(self, width: int, height: int, mode: UpscaleMode) -> tuple[int, int]:
        """The output's size for a `width`x`height` source run in `mode`."""
        if self.preset is UpscalePreset.PRINT and self.print_size:
            return self.print_size.pixels()
        if self.preset is UpscalePreset.SOCIAL and self.platform_format in PRESETS:
            fmt = PRESETS[self.platform_format]
            return fmt.width, fmt.height
        if self.preset is UpscalePreset.WEB:
            factor = WEB_LONG_SIDE / max(width, height)
        else:
            factor = self.scale or DEFAULT_SCALE
        factor = min(factor, math.sqrt(MODE_MAX_OUTPUT[mode] / (width * height)))
        return max(1, round(width * factor)), max(1, round(height * factor))

    def as_mode(self, mode: UpscaleMode) -> ImageJobParams:
        """These params as the concrete kind `mode` runs (PNG: the preset's format comes after)."""
        fields = self.model_dump(include={"asset_id", "quality", "provider", "seed"})
        if mode is not UpscaleMode.FAST:
            fields["prompt"] = self.prompt or FAITHFUL_PROMPT
        return MODE_PARAMS[mode].model_validate(fields | {"output_format": ImageFormat.PNG})

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        """The source must fit a mode it may choose."""
        if "asset_id" not in inputs:
            return []
        image = image_of(inputs["asset_id"])
        reasons = []
        for mode in self.modes():
            reason = MODE_PARAMS[mode].RULES["asset_id"].problem(image.width, image.height)
            if reason is None:
                return []
            reasons.append(f"{mode.kind}: {reason}")
        return [("asset_id", "no upscale mode takes this image (" + "; ".join(reasons) + ")")]


def _engines(mode: UpscaleMode, params: ImageJobParams) -> list[Engine]:
    try:
        return engines(mode.kind, params.quality, params.provider)
    except UnknownModelError:
        return []
