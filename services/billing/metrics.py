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
UNCHARGED = Counter(
    "studio_billing_uncharged_credits_total",
    "Credits of work done but not charged (completed after its hold was settled or expired, "
    "or costing more than its hold): the platform's loss.",
)
EXPIRED_HOLDS = Counter(
    "studio_billing_expired_holds_total", "Holds released because their job never ended."
)
DRIFT = Gauge(
    "studio_billing_ledger_drift_credits",
    "Sum over accounts of |balance - ledger sum| + |reserved - held| at the last measure.",
)
DRIFTING_ACCOUNTS = Gauge(
    "studio_billing_drifting_accounts", "Accounts whose balance disagreed with their ledger."
)
REPAIRED = Counter(
    "studio_billing_repaired_credits_total",
    "Credits of drift repaired from the ledger at start-up.",
)
