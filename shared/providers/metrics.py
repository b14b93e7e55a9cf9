"""Metrics of provider calls, the same in every service that makes them."""

from prometheus_client import Counter, Gauge, Histogram

from shared.metrics import DURATION_BUCKETS

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
