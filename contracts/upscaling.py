"""What smart upscaling (`upscale.auto`) shares on the wire: its modes and presets, a print
size, and the explained choice a completed job reports."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MM_PER_INCH = 25.4


class UpscaleMode(StrEnum):
    """The concrete upscale kinds `upscale.auto` chooses from (`upscale.<mode>`)."""

    FAST = "fast"
    CONSERVATIVE = "conservative"
    CREATIVE = "creative"

    @property
    def kind(self) -> str:
        return f"upscale.{self.value}"


MODE_MAX_OUTPUT: dict[UpscaleMode, int] = {
    UpscaleMode.FAST: 16_777_216,
    UpscaleMode.CONSERVATIVE: 4_194_304,
    UpscaleMode.CREATIVE: 16_777_216,
}
"""Pixels each mode's engine makes at most (Stability v2beta: 4x up to 16 MP, about 4 MP, up
to 4K)."""


class UpscalePreset(StrEnum):
    """`web`: fast, 2048 px long side, sRGB JPEG or WebP. `print`: conservative, a print size at
    its dpi, PNG with the dpi written. `social`: a platform format's size."""

    WEB = "web"
    PRINT = "print"
    SOCIAL = "social"


WEB_LONG_SIDE = 2048
PRESET_MODES: dict[UpscalePreset, UpscaleMode] = {
    UpscalePreset.WEB: UpscaleMode.FAST,
    UpscalePreset.PRINT: UpscaleMode.CONSERVATIVE,
}
"""The mode a preset fixes (`social` leaves the choice to the source)."""


class PrintSize(BaseModel):
    """A print's size: width and height in millimetres or inches, at `dpi`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    width: float = Field(gt=0, le=2000, description="In `unit`.")
    height: float = Field(gt=0, le=2000, description="In `unit`.")
    unit: Literal["mm", "in"] = "mm"
    dpi: int = Field(default=300, ge=72, le=1200)

    def pixels(self) -> tuple[int, int]:
        """The print's size in pixels at its dpi."""
        per_unit = self.dpi / (MM_PER_INCH if self.unit == "mm" else 1)
        return max(1, round(self.width * per_unit)), max(1, round(self.height * per_unit))


class ChoiceReason(BaseModel):
    """One fact that weighed in the choice, measured where it can be."""

    model_config = ConfigDict(frozen=True)

    factor: Literal["preset", "quality", "size", "target", "noise", "faces", "text", "default"]
    value: float | None = Field(default=None, description="The measured figure, if any.")
    message: str


class UpscaleChoice(BaseModel):
    """Which mode `upscale.auto` ran and why, with the source's measured facts."""

    model_config = ConfigDict(frozen=True)

    mode: UpscaleMode
    kind: str = Field(description="The kind that ran, e.g. `upscale.fast`.")
    reasons: list[ChoiceReason] = Field(description="Why, the deciding reason first.")
    source: tuple[int, int] = Field(description="Source width and height.")
    target: tuple[int, int] = Field(description="Output width and height.")
    noise: float = Field(description="Estimated noise (grey-level standard deviation, 0-255).")
    faces: int = Field(description="Faces detected in the source.")
    text_regions: int = Field(description="Regions shaped like lines of text.")
    dpi: int | None = Field(default=None, description="Resolution written in the file (print).")
