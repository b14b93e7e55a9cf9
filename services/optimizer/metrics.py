"""Domain metrics of the optimizer service."""

from prometheus_client import Counter

from services.optimizer import SERVICE
from shared.workers.metrics import job_seconds, jobs_ended

JOBS = jobs_ended(SERVICE, by_kind=False)
OUTPUTS = Counter(
    "studio_optimizer_outputs_total",
    "Platform outputs made or failed, by platform and outcome.",
    ["platform", "outcome"],
)
JOB_SECONDS = job_seconds(SERVICE)
