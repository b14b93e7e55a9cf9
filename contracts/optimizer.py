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


HINT_DESCRIPTION = (
    "A heuristic of visual legibility on the platform: how visible the subject is, how readable "
    "any text is at the platform's display size, whether faces and text clear its UI overlays, "
    "contrast and colourfulness, and clutter. It is measured from the output's pixels and "
    "detections; it is not a prediction of clicks, reach or engagement."
)


class HintComponent(_Report):
    """One measured part of an engagement hint."""

    name: Literal[
        "subject_visibility", "text_legibility", "safe_zone_clearance", "contrast", "clutter"
    ]
    score: int | None = Field(
        ge=0, le=100, description="0-100; null when it does not apply (no text found)."
    )
    weight: float = Field(description="Its weight in the total (the weights sum to 1).")
    value: float | None = Field(description="The measured quantity `measure` names.")
    measure: str = Field(description="What `value` is, e.g. `tallest text line as displayed (px)`.")
    why: str = Field(description="One line: what was measured and how it scored.")


class EngagementHint(_Report):
    """A measured, explained score of an output's visual legibility (not a click prediction)."""

    method: Literal["heuristic"] = "heuristic"
    description: str = HINT_DESCRIPTION
    score: int = Field(
        ge=0,
        le=100,
        description="The weighted mean of the components that apply, their weights rescaled to 1.",
    )
    display_width: int = Field(
        description="Width (CSS px) the output is assumed shown at: faces and text are measured "
        "as displayed at it."
    )
    components: list[HintComponent]


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
    engagement_hint: EngagementHint | None = Field(
        default=None,
        description="A heuristic of the output's visual legibility with its measured components "
        "(null in reports made before it existed).",
    )


class OutputFailure(_Report):
    """A format the job could not make; the others are still delivered."""

    preset: str
    code: str = Field(description="e.g. `byte_limit_unreachable`.")
    message: str


AssetRole = Literal["output", "safe_zone_preview", "poster"]
