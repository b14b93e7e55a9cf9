"""Prometheus metrics every service shares; each service adds its domain metrics beside them."""

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)

RECORDS_HANDLED = Counter(
    "studio_records_handled_total",
    "Bus records handled, by topic and outcome (ok, retried, dead_lettered, poison).",
    ["topic", "outcome"],
)
RECORD_SECONDS = Histogram(
    "studio_record_handle_seconds",
    "Time to handle one bus record, retries included.",
    ["topic"],
    buckets=DURATION_BUCKETS,
)
CONSUMER_LAG = Gauge(
    "studio_consumer_lag",
    "Records between the consumer's position and the partition's end.",
    ["group", "topic", "partition"],
)
WORKER_SLOTS = Gauge(
    "studio_worker_slots",
    "Records a consumer holds, by lane and state (running in a slot, or waiting for one).",
    ["group", "lane", "state"],
)
JOBS = Counter(
    "studio_jobs_total",
    "Jobs that reached a status, by kind and status.",
    ["kind", "status"],
)
JOB_SECONDS = Histogram(
    "studio_job_duration_seconds",
    "Time from a job's submission (or a worker's start) to its final status.",
    ["kind", "status"],
    buckets=DURATION_BUCKETS,
)


def exposition() -> tuple[bytes, str]:
    """The current metrics in Prometheus text format, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
