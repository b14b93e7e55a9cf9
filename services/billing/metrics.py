"""Domain metrics of the billing service."""

from prometheus_client import Counter, Gauge

DECISIONS = Counter(
    "studio_billing_decisions_total",
    "Pre-flight decisions, by kind and outcome (approved or the rejection code).",
    ["kind", "outcome"],
)
CREDITS = Counter(
    "studio_billing_credits_total",
    "Credits moved, by movement (reserved, captured, released, granted).",
    ["movement"],
)
DRIFT = Gauge(
    "studio_billing_ledger_drift_credits",
    "Sum over accounts of |balance - ledger sum| + |reserved - held| at the last reconciliation.",
)
DRIFTING_ACCOUNTS = Gauge(
    "studio_billing_drifting_accounts", "Accounts whose balance disagreed with their ledger."
)
