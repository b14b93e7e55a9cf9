"""Domain metrics of the generation service."""

from prometheus_client import Counter

from services.generation import SERVICE
from shared.workers.metrics import job_seconds, jobs_ended

JOBS = jobs_ended(SERVICE)
JOB_SECONDS = job_seconds(SERVICE, ["kind"])
CACHE_HITS = Counter(
    "studio_generation_cache_hits_total", "Jobs served from the result cache (no provider call)."
)
