"""What the optimizer reports of each output: how it was framed, encoded and checked."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels."""


class Framing(StrEnum):
    """What decided the crop."""

    FACES = "faces"
    FACE = "face"
    SALIENCY = "saliency"
    FOCAL_POINT = "focal_point"
    CENTRE = "centre"
    FIT = "fit"


class _Report(BaseModel):
    model_config = ConfigDict(frozen=True)


class CropChoice(_Report):
    """Why the output shows what it shows, in source pixels."""

    framing: Framing
    box: Box = Field(description="The part of the source the output shows.")
    focal_point: tuple[int, int] = Field(description="The point the crop was centred on.")
    faces: list[Box] = Field(default_factory=list, description="Faces detected in the source.")
    salient_box: Box | None = Field(default=None, description="The most salient region.")
    faces_in_frame: int = Field(description="Detected faces wholly inside the crop.")


class QualityCheck(_Report):
    """One named, measured check of an output (no made-up scores)."""

    name: Literal[
        "sharpness",
        "exposure",
        "contrast",
        "faces_cut",
        "safe_zone",
        "circle_mask",
        "target_bytes",
        "upscaled",
    ]
    passed: bool
    value: float | None = None
    limit: str = Field(description="What passing means, e.g. `>= 60`.")
    message: str


class OutputReport(_Report):
    """How one output was made: framing, encoding search and checks."""

    level: str
    mode: str
    quality: int | None = Field(description="Encoder quality chosen (null for PNG).")
    encodes: int = Field(description="Encodes the byte-limit search needed.")
    max_bytes: int | None = Field(description="The byte limit that applied.")
    ssim: float = Field(
        description="Luma SSIM (7x7 window) of the file against the resized source it encodes."
    )
    ssim_scale: Literal["full", "half"] = Field(
        default="full",
        description="Measured at full size, or on both halved (outputs of 0.5 MP and more below "
        "the `quality` level: quicker, and a little higher than at full size).",
    )
    crop: CropChoice
    checks: list[QualityCheck]
    safe_zone_conflicts: list[str] = Field(
        default_factory=list, description="What overlaps a UI overlay: `face`, `text`."
    )


class OutputFailure(_Report):
    """A format the job could not make; the others are still delivered."""

    preset: str
    code: str = Field(description="e.g. `byte_limit_unreachable`.")
    message: str


AssetRole = Literal["output", "safe_zone_preview", "poster"]
