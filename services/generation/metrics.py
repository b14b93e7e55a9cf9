"""Domain metrics of the generation service."""

from prometheus_client import Counter, Gauge, Histogram

from shared.metrics import DURATION_BUCKETS

JOBS = Counter(
    "studio_generation_jobs_total",
    "Jobs this service ended, by kind and outcome.",
    ["kind", "outcome"],
)
JOB_SECONDS = Histogram(
    "studio_generation_job_seconds",
    "Time from taking a job to completing it.",
    ["kind"],
    buckets=DURATION_BUCKETS,
)
ATTEMPTS = Counter(
    "studio_provider_attempts_total",
    "Calls to providers (and providers passed over), by outcome.",
    ["provider", "model", "outcome"],
)
PROVIDER_SECONDS = Histogram(
    "studio_provider_call_seconds",
    "Time of one provider call, by outcome.",
    ["provider", "outcome"],
    buckets=DURATION_BUCKETS,
)
CIRCUIT = Gauge(
    "studio_provider_circuit_state",
    "Circuit of each provider: 0 closed, 1 half-open, 2 open.",
    ["provider"],
)
CACHE_HITS = Counter(
    "studio_generation_cache_hits_total", "Jobs served from the result cache (no provider call)."
)
