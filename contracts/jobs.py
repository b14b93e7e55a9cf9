"""The job-kind registry: each kind's params (keyed by their `KIND`), service, plan feature and
pricing, one line per kind; job statuses."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from contracts.billing.plans import Feature
from contracts.params.control import (
    ControlSketchParams,
    ControlStructureParams,
    ControlStyleParams,
    StyleTransferParams,
)
from contracts.params.edit import (
    EraseParams,
    InpaintParams,
    InstructParams,
    OutpaintParams,
    RemoveBackgroundParams,
    ReplaceBackgroundParams,
    SearchRecolorParams,
    SearchReplaceParams,
)
from contracts.params.generate import GenerateParams
from contracts.params.image_inputs import ChecksInputs, ImageJobParams
from contracts.params.kind import KindParams
from contracts.params.multi_control import ControlMultiParams
from contracts.params.optimize import OptimizeParams
from contracts.params.overlay import TextOverlayParams, WatermarkParams
from contracts.params.transform import AvatarParams, ImageTo3DParams, ImageToVideoParams
from contracts.params.upscale import (
    UpscaleAutoParams,
    UpscaleConservativeParams,
    UpscaleCreativeParams,
    UpscaleFastParams,
)
from contracts.strictness import strict_json


class JobStatus(StrEnum):
    """Where a job is. `completed`, `failed`, `rejected` and `cancelled` are final; `scheduled`
    is a batch's job held until its release time (not sent anywhere yet)."""

    SCHEDULED = "scheduled"
    ACCEPTED = "accepted"
    APPROVED = "approved"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES

    @property
    def rank(self) -> int:
        """Statuses only move forward: an event of a lower rank never overwrites a higher one."""
        return _RANKS.get(self, 3)


FINAL_STATUSES = frozenset(
    {JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.REJECTED, JobStatus.CANCELLED}
)
_RANKS = {
    JobStatus.SCHEDULED: -1,
    JobStatus.ACCEPTED: 0,
    JobStatus.APPROVED: 1,
    JobStatus.RUNNING: 2,
}


class Pricing(StrEnum):
    """How a kind's estimate is reckoned (`contracts.billing.estimates`)."""

    IMAGES = "images"
    """Per image at the dearest route its tier may fall back to, times its variations."""
    EDIT = "edit"
    """One image at the dearest engine it may fall back to."""
    VIDEO = "video"
    """Per second (or per 5 s) of video at its resolution, on its one engine."""
    MODEL_3D = "model_3d"
    """One model on its one engine."""
    SOURCE = "source"
    """One source image, whatever the number of outputs (the platform's own work)."""


@dataclass(frozen=True)
class KindSpec:
    """What a job kind takes, which worker service runs it, what its tenant's plan must include
    and how it is priced (its engines and prices are the providers', `contracts.catalog`)."""

    params: type[KindParams]
    service: str
    feature: Feature
    pricing: Pricing
    inputs: tuple[str, ...] = ()
    """Params naming assets the job reads; the gateway resolves them into `JobSpec.inputs`."""

    @property
    def kind(self) -> str:
        return self.params.KIND


def _editing(params: type[ImageJobParams], feature: Feature) -> KindSpec:
    return KindSpec(params, "editing", feature, Pricing.EDIT, inputs=params.media_params())


def _transform(params: type[ChecksInputs], feature: Feature, pricing: Pricing) -> KindSpec:
    return KindSpec(params, "transform", feature, pricing, inputs=params.media_params())


KINDS: tuple[KindSpec, ...] = (
    KindSpec(GenerateParams, "generation", Feature.GENERATE_CORE, Pricing.IMAGES),
    KindSpec(OptimizeParams, "optimizer", Feature.SOCIAL_OPTIMIZER, Pricing.SOURCE, ("asset_id",)),
    _editing(EraseParams, Feature.EDIT_BASIC),
    _editing(InpaintParams, Feature.EDIT_BASIC),
    _editing(OutpaintParams, Feature.EDIT_BASIC),
    _editing(SearchReplaceParams, Feature.EDIT_ALL),
    _editing(SearchRecolorParams, Feature.EDIT_ALL),
    _editing(RemoveBackgroundParams, Feature.EDIT_BASIC),
    _editing(ReplaceBackgroundParams, Feature.EDIT_ALL),
    _editing(InstructParams, Feature.EDIT_ALL),
    _editing(TextOverlayParams, Feature.EDIT_BASIC),
    _editing(WatermarkParams, Feature.EDIT_BASIC),
    _editing(UpscaleFastParams, Feature.UPSCALE_FAST),
    _editing(UpscaleConservativeParams, Feature.UPSCALE_ALL),
    _editing(UpscaleCreativeParams, Feature.UPSCALE_ALL),
    _editing(UpscaleAutoParams, Feature.UPSCALE_ALL),
    _editing(ControlSketchParams, Feature.CONTROL),
    _editing(ControlStructureParams, Feature.CONTROL),
    _editing(ControlStyleParams, Feature.CONTROL),
    _editing(StyleTransferParams, Feature.CONTROL),
    _editing(ControlMultiParams, Feature.CONTROL),
    _transform(ImageToVideoParams, Feature.IMAGE_TO_VIDEO, Pricing.VIDEO),
    _transform(AvatarParams, Feature.AVATAR, Pricing.VIDEO),
    _transform(ImageTo3DParams, Feature.IMAGE_TO_3D, Pricing.MODEL_3D),
)
"""Every job kind, one line each. `generate` needs `generate.all_models` to pin a model beyond
the core ones (`contracts.billing.estimates`)."""

JOB_KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in KINDS}
IMAGE_JOBS: tuple[type[ImageJobParams], ...] = tuple(
    spec.params for spec in KINDS if issubclass(spec.params, ImageJobParams)
)
"""The edit, upscale and control kinds, run by the editing service."""


@contextmanager
def registered(spec: KindSpec) -> Iterator[KindSpec]:
    """`spec` registered for the duration of the block (tests register toy kinds)."""
    JOB_KINDS[spec.kind] = spec
    try:
        yield spec
    finally:
        del JOB_KINDS[spec.kind]


class UnknownKindError(ValueError):
    """The job kind is not one the platform runs."""


def parse_params(kind: str, params: dict[str, Any], *, strict: bool = False) -> BaseModel:
    """Validate `params` against the model of `kind` (raises pydantic's ValidationError);
    `strict` as JSON read strictly: no `"3"` for an integer (what a client sent)."""
    spec = JOB_KINDS.get(kind)
    if spec is None:
        raise UnknownKindError(kind)
    if strict:
        return spec.params.model_validate_json(strict_json(params), strict=True)
    return spec.params.model_validate(params)
