"""Domain metrics of the generation service."""

from prometheus_client import Counter, Histogram

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
CACHE_HITS = Counter(
    "studio_generation_cache_hits_total", "Jobs served from the result cache (no provider call)."
)
