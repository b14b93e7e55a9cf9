"""What a worker reads from the job it runs: its params, its source asset, its seed (each refused
as `invalid_params` when the job does not hold it)."""

from types import UnionType
from typing import Any, TypeVar, overload

from pydantic import BaseModel, ValidationError

from contracts.events import FailureCode, InputAsset, RunJobEvent
from contracts.jobs import parse_params
from contracts.params.generate import MAX_SEED
from shared.errors import PermanentError
from shared.ids import seed_of

ParamsT = TypeVar("ParamsT", bound=BaseModel)


@overload
def job_params(job: RunJobEvent, expected: type[ParamsT], what: str) -> ParamsT: ...


@overload
def job_params(job: RunJobEvent, expected: UnionType, what: str) -> Any: ...


def job_params(job: RunJobEvent, expected: type[BaseModel] | UnionType, what: str) -> Any:
    """The job's params, validated by its kind's model, which must be an `expected` (a model or
    a union of models; `what` names it in the refusal: "an edit")."""
    try:
        params = parse_params(job.data.kind, job.data.params)
    except ValidationError as exc:
        raise PermanentError(FailureCode.INVALID_PARAMS, str(exc)) from exc
    if not isinstance(params, expected):
        raise PermanentError(FailureCode.INVALID_PARAMS, f"{job.data.kind} is not {what}")
    return params


def source_input(job: RunJobEvent, name: str = "asset_id", what: str = "image") -> InputAsset:
    """The job's input `name`, resolved by the gateway at submission."""
    source = job.data.inputs.get(name)
    if source is None:
        raise PermanentError(FailureCode.INVALID_PARAMS, f"the source {what} was not resolved")
    return source


def job_seed(job: RunJobEvent, asked: int | None) -> int:
    """The asked seed, else one drawn from the job id."""
    return asked if asked is not None else seed_of(job.job_id, MAX_SEED + 1)
