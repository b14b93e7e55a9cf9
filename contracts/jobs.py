"""Job kinds, their parameter models and the service that runs each; job statuses."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

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
from contracts.params.image_inputs import ImageJobParams
from contracts.params.optimize import OptimizeParams
from contracts.params.transform import AvatarParams, ImageTo3DParams, ImageToVideoParams
from contracts.params.upscale import (
    UpscaleConservativeParams,
    UpscaleCreativeParams,
    UpscaleFastParams,
)


class JobStatus(StrEnum):
    """Where a job is. `completed`, `failed`, `rejected` and `cancelled` are final."""

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
_RANKS = {JobStatus.ACCEPTED: 0, JobStatus.APPROVED: 1, JobStatus.RUNNING: 2}


@dataclass(frozen=True)
class KindSpec:
    """What a job kind takes and which worker service runs it."""

    params: type[BaseModel]
    service: str
    inputs: tuple[str, ...] = ()
    """Params naming assets the job reads; the gateway resolves them into `JobSpec.inputs`."""


IMAGE_JOBS: tuple[type[ImageJobParams], ...] = (
    EraseParams,
    InpaintParams,
    OutpaintParams,
    SearchReplaceParams,
    SearchRecolorParams,
    RemoveBackgroundParams,
    ReplaceBackgroundParams,
    InstructParams,
    UpscaleFastParams,
    UpscaleConservativeParams,
    UpscaleCreativeParams,
    ControlSketchParams,
    ControlStructureParams,
    ControlStyleParams,
    StyleTransferParams,
)
"""The edit, upscale and control kinds, run by the editing service."""

JOB_KINDS: dict[str, KindSpec] = {
    "generate": KindSpec(params=GenerateParams, service="generation"),
    "optimize.social": KindSpec(OptimizeParams, "optimizer", inputs=("asset_id",)),
    **{
        params.KIND: KindSpec(params, "editing", inputs=params.media_params())
        for params in IMAGE_JOBS
    },
    **{
        params.KIND: KindSpec(params, "transform", inputs=params.media_params())
        for params in (ImageToVideoParams, AvatarParams, ImageTo3DParams)
    },
}


class UnknownKindError(ValueError):
    """The job kind is not one the platform runs."""


def parse_params(kind: str, params: dict[str, Any]) -> BaseModel:
    """Validate `params` against the model of `kind` (raises pydantic's ValidationError)."""
    spec = JOB_KINDS.get(kind)
    if spec is None:
        raise UnknownKindError(kind)
    return spec.params.model_validate(params)
