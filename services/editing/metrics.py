"""Domain metrics of the editing service (provider calls are in `shared.providers.metrics`)."""

from services.editing import SERVICE
from shared.workers.metrics import job_seconds, jobs_ended

JOBS = jobs_ended(SERVICE)
JOB_SECONDS = job_seconds(SERVICE, ["kind", "provider"], by="kind and engine")
