"""Submitting a job: validate it, honour the Idempotency-Key, record it, then publish it.

The record is written before anything is published, so an accepted job exists even if the broker
is down at that moment; the sweeper publishes it later.
"""

import logging
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel

from contracts import topics
from contracts.brand import BrandKit
from contracts.events import InputAsset
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.jobs import JOB_KINDS, JobStatus
from contracts.params.image_inputs import ChecksInputs
from contracts.params.overlay import BrandKitMissingError, Placed
from contracts.topics import Lane
from services.gateway.assets.references import References
from services.gateway.clients.library import LibraryClient
from services.gateway.jobs.idempotency import fingerprint, once
from services.gateway.jobs.preflight import Gatekeeper, Priced, priced
from services.gateway.jobs.records import JobRecord, Jobs
from services.gateway.tenants.brand_kits import BrandKits
from shared import metrics
from shared.bus import EventBus
from shared.database import now_ms
from shared.errors import PermanentError, RetryableError
from shared.ids import new_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    job: JobRecord
    replayed: bool


@dataclass
class Submitter:
    jobs: Jobs
    bus: EventBus
    gatekeeper: Gatekeeper
    brand_kits: BrandKits
    library: LibraryClient
    publish_within_s: float

    async def submit(
        self,
        tenant_id: str,
        body: JobCreate,
        idempotency_key: str | None,
        lane: Lane = "interactive",
    ) -> Submission:
        """Validate, honour the Idempotency-Key, record the job, then publish it."""
        job_spec = priced(body)
        request_hash = fingerprint(body.model_dump(mode="json"))

        async def create() -> JobRecord:
            await self.gatekeeper.admit(tenant_id, job_spec, body.kind)
            job = await self.new_record(tenant_id, body.kind, job_spec, lane)
            job.idempotency_key, job.request_hash = idempotency_key, request_hash
            await self.jobs.insert(job)
            return job

        earlier = partial(self.jobs.by_idempotency_key, tenant_id)
        job, replayed = await once(idempotency_key, request_hash, earlier, create)
        if not replayed:
            metrics.JOBS.labels(job.kind, JobStatus.ACCEPTED.value).inc()
            await self._publish(job)
        return Submission(job=job, replayed=replayed)

    async def new_record(
        self, tenant_id: str, kind: str, spec: Priced, lane: Lane, batch_id: str | None = None
    ) -> JobRecord:
        """A new job's record, with the brand kit and input assets its params name resolved
        (422 when they do not exist)."""
        now = now_ms()
        kit = await self._brand_kit(tenant_id, spec.params)
        params = _with_brand(spec.params, kit)
        return JobRecord(
            _id=new_id("job"),
            tenant_id=tenant_id,
            kind=kind,
            params=params.model_dump(mode="json"),
            lane=lane,
            batch_id=batch_id,
            brand_kit=kit,
            inputs=await self._inputs(tenant_id, kind, params),
            created_at_ms=now,
            updated_at_ms=now,
        )

    async def _brand_kit(self, tenant_id: str, params: BaseModel) -> BrandKit | None:
        """The kit the params name, as it is now (the job keeps this copy)."""
        kit_id = getattr(params, "brand_kit", None)
        if kit_id is None:
            return None
        kit = await self.brand_kits.find(tenant_id, kit_id)
        if kit is None:
            raise PermanentError(
                "invalid_params",
                f"no brand kit {kit_id}",
                [FieldError(loc="params.brand_kit", message="no such brand kit", type="not_found")],
            )
        return kit

    async def _inputs(self, tenant_id: str, kind: str, params: BaseModel) -> dict[str, InputAsset]:
        """The assets the params name, as the library stored them (the tenant's own only)."""
        await References(self.library).check(tenant_id, params)
        inputs = {}
        for name in JOB_KINDS[kind].inputs:
            asset_id = getattr(params, name, None)
            if asset_id is None:
                continue
            stored = await self.library.stored(tenant_id, asset_id)
            if stored is None:
                raise PermanentError(
                    "invalid_params",
                    f"no asset {asset_id}",
                    [FieldError(loc=f"params.{name}", message="no such asset", type="not_found")],
                )
            expected = params.media_type(name) if isinstance(params, ChecksInputs) else "image"
            if not stored.content_type.startswith(f"{expected}/"):
                raise PermanentError(
                    "unsupported_media_type",
                    f"asset {asset_id} is {stored.content_type}, not {expected}",
                    [
                        FieldError(
                            loc=f"params.{name}", message=f"not {expected}", type="media_type"
                        )
                    ],
                )
            inputs[name] = InputAsset(**stored.model_dump(exclude={"kind"}))
        _check_sizes(params, inputs)
        return inputs

    async def _publish(self, job: JobRecord) -> None:
        try:
            await self.bus.publish(
                topics.request_topic(job.lane), job.requested(), within_s=self.publish_within_s
            )
        except RetryableError as exc:
            log.warning("job recorded but not yet published; the sweeper will: %s", exc)


def _with_brand(params: BaseModel, kit: BrandKit | None) -> BaseModel:
    """The params with the fonts and logo they leave to the brand kit filled in from it (422
    when the kit lacks them), so the job keeps what it used."""
    if kit is None or not isinstance(params, Placed):
        return params
    try:
        return params.with_brand(kit)
    except BrandKitMissingError as exc:
        problem = FieldError(loc="params.brand_kit", message=str(exc), type="missing")
        raise PermanentError("invalid_params", str(exc), [problem]) from exc


def _check_sizes(params: BaseModel, inputs: dict[str, InputAsset]) -> None:
    """422 when an input image does not fit the kind (sizes, mask, result size)."""
    if not isinstance(params, ChecksInputs):
        return
    problems = params.input_problems(inputs)
    if problems:
        raise PermanentError(
            "invalid_params",
            "; ".join(f"{name}: {reason}" for name, reason in problems),
            [FieldError(loc=f"params.{name}", message=why, type="size") for name, why in problems],
        )
