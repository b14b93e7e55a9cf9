"""The capacity model's arithmetic, pure: a target load and the measured inputs in, replicas,
partitions, MongoDB and S3 sizing out (`bench/capacity.py` reads the inputs and prints the plan;
`docs/capacity.md` explains every step).

CPU-bound work (the gateway, billing, the projector, the library, rendering drafts, fitting
provider images) needs `rate x CPU per unit / (pod CPU x utilisation)` replicas. Provider-bound
work needs, by Little's law, `images/s x provider latency` calls in flight; each generation
replica holds at most its `concurrency` of a provider's calls and starts at most its `rate_per_s`
of them a second, whatever its CPU.
"""

import math
from dataclasses import dataclass, field

SECONDS_PER_DAY = 86_400
PARTITION_COUNTS = (1, 2, 4, 6, 12, 24, 36, 48, 60, 120, 180, 240, 360, 720)
"""Highly composite counts: many replica counts divide them, so replicas get equal shares."""
INGEST = ("gateway",)
"""Sized for the submission peak: a submission is answered at once, it never queues."""
WORK = ("billing", "projector", "library")
"""Sized for the sustained job rate; their KEDA/HPA ceiling for the submission peak (a peak
above the sustained rate waits in Kafka as lag meanwhile)."""
CONSUMERS = (*WORK, "generation")
"""The services reading topics in consumer groups, whose replicas the partitions cap (the
gateway API only produces)."""


@dataclass(frozen=True)
class Route:
    """One slice of the provider mix: where a share of the images goes."""

    tier: str
    provider: str
    model: str
    share: float
    latency_s: float
    """The catalog's seconds per image of the model."""
    local: bool
    """Drawn by our CPU (the draft renderer), not a provider."""


@dataclass(frozen=True)
class Target:
    submits_per_s: float
    images_per_hour: float
    routes: tuple[Route, ...]
    images_per_job: int = 1
    downloads_per_image: float = 1.0
    utilisation: float = 0.7
    """Share of a pod's requested CPU the sizing fills (the gateway HPA's target)."""
    headroom: float = 2.0
    """Ceiling (KEDA/HPA max replicas) over the replicas the target needs."""

    @property
    def images_per_s(self) -> float:
        return self.images_per_hour / 3600

    @property
    def jobs_per_s(self) -> float:
        return self.images_per_s / self.images_per_job


@dataclass(frozen=True)
class ProviderLimits:
    concurrency: int
    """Calls in flight at once, per generation replica."""
    rate_per_s: float
    """Calls started per second, per generation replica."""


@dataclass(frozen=True)
class Inputs:
    cpu_ms_per_job: dict[str, float]
    """CPU per job (the gateway: per submission) of gateway, billing, projector, library."""
    cpu_ms_per_image: dict[str, float]
    """Generation's CPU per image: `draft` (rendered) and `provider` (fetched and fitted)."""
    pod_cpu: dict[str, float]
    """Cores each service's pod requests (deploy/k8s/base)."""
    worker_slots: int
    providers: dict[str, ProviderLimits]
    writes_per_job: dict[str, float]
    """Documents written (inserted or updated) per job, by collection."""
    documents_per_job: dict[str, float]
    bytes_per_document: dict[str, float]
    commands_per_job: float
    messages_per_job: float
    bytes_per_image: dict[str, float]
    """Stored bytes of a `draft` and of a `provider` image."""
    kept_days: dict[str, float] = field(default_factory=dict)
    """Collections a TTL empties after so many days (the others are kept)."""


@dataclass(frozen=True)
class Sizing:
    need: float
    """Replicas the target needs, unrounded (replica-equivalents)."""
    replicas: int
    ceiling: int
    bound_by: str


@dataclass(frozen=True)
class ProviderLoad:
    images_per_s: float
    in_flight: float
    replicas_needed: float


@dataclass(frozen=True)
class Plan:
    services: dict[str, Sizing]
    providers: dict[str, ProviderLoad]
    partitions: int
    mongo_writes_per_s: float
    mongo_peak_writes_per_s: float
    mongo_commands_per_s: float
    mongo_bytes_per_day: float
    mongo_bytes_after_30_days: float
    s3_puts_per_s: float
    s3_gets_per_s: float
    s3_bytes_per_day: float
    kafka_messages_per_s: float


def plan(target: Target, inputs: Inputs) -> Plan:
    services = {name: _cpu_sizing(target, inputs, name) for name in (*INGEST, *WORK)}
    providers = provider_loads(target, inputs)
    services["generation"] = _generation(target, inputs, providers)
    daily = target.jobs_per_s * SECONDS_PER_DAY
    stored = {
        c: n * inputs.bytes_per_document.get(c, 0.0) for c, n in inputs.documents_per_job.items()
    }
    kept_30 = {c: b * min(30.0, inputs.kept_days.get(c, 30.0)) for c, b in stored.items()}
    writes = sum(inputs.writes_per_job.values())
    return Plan(
        services=services,
        providers=providers,
        partitions=partitions_for(max(services[name].ceiling for name in CONSUMERS)),
        mongo_writes_per_s=target.jobs_per_s * writes,
        mongo_peak_writes_per_s=target.submits_per_s * writes,
        mongo_commands_per_s=target.jobs_per_s * inputs.commands_per_job,
        mongo_bytes_per_day=daily * sum(stored.values()),
        mongo_bytes_after_30_days=daily * sum(kept_30.values()),
        s3_puts_per_s=target.images_per_s,
        s3_gets_per_s=target.images_per_s * target.downloads_per_image,
        s3_bytes_per_day=SECONDS_PER_DAY * _image_bytes_per_s(target, inputs),
        kafka_messages_per_s=target.jobs_per_s * inputs.messages_per_job,
    )


def _cpu_sizing(target: Target, inputs: Inputs, service: str) -> Sizing:
    cpu_ms = inputs.cpu_ms_per_job[service]
    per_replica = replica_rate(inputs.pod_cpu[service], cpu_ms, target.utilisation)
    peak = target.submits_per_s / per_replica
    need = peak if service in INGEST else target.jobs_per_s / per_replica
    ceiling = max(math.ceil(need * target.headroom), math.ceil(peak))
    return Sizing(need, max(1, math.ceil(need)), max(1, ceiling), "CPU")


def replica_rate(pod_cpu: float, cpu_ms: float, utilisation: float) -> float:
    """Units a replica handles per second at `utilisation` of its pod's requested CPU."""
    return pod_cpu * utilisation * 1000 / cpu_ms


def provider_loads(target: Target, inputs: Inputs) -> dict[str, ProviderLoad]:
    """Per provider: images/s routed to it, calls in flight (Little's law), replicas its
    per-replica concurrency and rate limits call for."""
    loads: dict[str, ProviderLoad] = {}
    for route in target.routes:
        if route.local:
            continue
        rate = target.images_per_s * route.share
        limits = inputs.providers[route.provider]
        was = loads.get(route.provider, ProviderLoad(0.0, 0.0, 0.0))
        in_flight = was.in_flight + rate * route.latency_s
        images = was.images_per_s + rate
        need = max(in_flight / limits.concurrency, images / limits.rate_per_s)
        loads[route.provider] = ProviderLoad(images, in_flight, need)
    return loads


def _generation(target: Target, inputs: Inputs, providers: dict[str, ProviderLoad]) -> Sizing:
    cpu_s = 0.0
    slots = sum(load.in_flight for load in providers.values())
    for route in target.routes:
        per_image = inputs.cpu_ms_per_image["draft" if route.local else "provider"] / 1000
        cpu_s += target.images_per_s * route.share * per_image
        slots += target.images_per_s * route.share * per_image if route.local else 0.0
    needs = {"CPU": cpu_s / (inputs.pod_cpu["generation"] * target.utilisation)}
    needs["worker slots"] = slots / inputs.worker_slots
    for name, load in providers.items():
        needs[f"{name} concurrency/rate"] = load.replicas_needed
    bound_by = max(needs, key=lambda name: needs[name])
    need = needs[bound_by]
    return Sizing(
        need, max(1, math.ceil(need)), max(1, math.ceil(need * target.headroom)), bound_by
    )


def partitions_for(replicas: int) -> int:
    """The smallest highly composite count at least `replicas` (a consumer beyond the
    partitions would idle; partitions can be raised later, never lowered)."""
    return next((n for n in PARTITION_COUNTS if n >= replicas), replicas)


def _image_bytes_per_s(target: Target, inputs: Inputs) -> float:
    return sum(
        target.images_per_s * r.share * inputs.bytes_per_image["draft" if r.local else "provider"]
        for r in target.routes
    )
