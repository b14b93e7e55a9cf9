"""Jobs: their records, submitting one (preflight, Idempotency-Key), cancelling them."""
