"""Per-tenant rate limits: a token bucket per tenant, sized by its plan.

Hand-written (twenty lines) because the well-kept limiter libraries implement windows, not the
token bucket that bursts of campaign submissions want; buckets live per gateway instance.
"""

import time

from contracts.billing.plans import RateLimit
from shared.errors import RateLimitedError


class TokenBuckets:
    def __init__(self) -> None:
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, tenant_id: str, limit: RateLimit) -> None:
        """Spend one token of the tenant's bucket, or raise `RateLimitedError` with the wait."""
        now = time.monotonic()
        tokens, then = self._buckets.get(tenant_id, (float(limit.burst), now))
        tokens = min(float(limit.burst), tokens + (now - then) * limit.per_second)
        if tokens < 1:
            self._buckets[tenant_id] = (tokens, now)
            raise RateLimitedError((1 - tokens) / limit.per_second)
        self._buckets[tenant_id] = (tokens - 1, now)
