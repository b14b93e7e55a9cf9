"""Domain metrics of the optimizer service."""

from prometheus_client import Counter, Histogram

from shared.metrics import DURATION_BUCKETS

JOBS = Counter("studio_optimizer_jobs_total", "Jobs this service ended, by outcome.", ["outcome"])
OUTPUTS = Counter(
    "studio_optimizer_outputs_total",
    "Platform outputs made or failed, by platform and outcome.",
    ["platform", "outcome"],
)
JOB_SECONDS = Histogram(
    "studio_optimizer_job_seconds",
    "Time from taking a job to completing it.",
    buckets=DURATION_BUCKETS,
)
