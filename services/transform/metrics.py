"""Domain metrics of the transform service (provider calls are in `shared.providers.metrics`)."""

from prometheus_client import Counter

from services.transform import SERVICE
from shared.workers.metrics import job_seconds, jobs_ended

JOBS = jobs_ended(SERVICE)
JOB_SECONDS = job_seconds(SERVICE, ["kind", "provider"], by="kind and engine")
OUTPUT_SECONDS = Counter(
    "studio_transform_output_seconds_total", "Seconds of video made, by kind.", ["kind"]
)
