"""Domain metrics of the transform service (provider calls are in `shared.providers.metrics`)."""

from prometheus_client import Counter, Histogram

from shared.metrics import DURATION_BUCKETS

JOBS = Counter(
    "studio_transform_jobs_total",
    "Jobs this service ended, by kind and outcome.",
    ["kind", "outcome"],
)
JOB_SECONDS = Histogram(
    "studio_transform_job_seconds",
    "Time from taking a job to completing it, by kind and engine.",
    ["kind", "provider"],
    buckets=DURATION_BUCKETS,
)
OUTPUT_SECONDS = Counter(
    "studio_transform_output_seconds_total", "Seconds of video made, by kind.", ["kind"]
)
