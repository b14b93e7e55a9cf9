"""Domain metrics of the billing service."""

from prometheus_client import Counter

DECISIONS = Counter(
    "studio_billing_decisions_total",
    "Pre-flight decisions, by kind and decision.",
    ["kind", "decision"],
)
