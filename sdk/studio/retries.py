"""When to try a request again: 429 and 503 after their `Retry-After`, a `409
idempotency_key_in_use` (the same key's first request is still being answered, e.g. one this
client gave up waiting for), and a failed connection when the request is idempotent; a bounded
number of attempts."""

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from studio.errors import error_body

RETRIED_STATUSES = frozenset({429, 503})
Outcome = httpx.Response | httpx.TransportError
"""What one attempt gave: an answer, or no answer."""


@dataclass(frozen=True)
class Retry:
    """`attempts` in all (1 = never retry); waits of `backoff_s` doubling up to `max_wait_s`,
    each drawn between half and all of that (jitter: clients refused together do not come back
    together), when the answer names none. A `Retry-After` is waited exactly; one longer than
    `max_wait_s` is not waited out."""

    attempts: int = 4
    backoff_s: float = 0.5
    max_wait_s: float = 30.0

    def wait(self, idempotent: bool, attempt: int, outcome: Outcome) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when `outcome` is final."""
        if attempt + 1 >= self.attempts:
            return None
        if isinstance(outcome, httpx.TransportError):
            return self.backoff(attempt) if idempotent else None
        if _in_use(outcome):
            return self.backoff(attempt)
        if outcome.status_code not in RETRIED_STATUSES:
            return None
        after = retry_after(outcome)
        if after is None:
            return self.backoff(attempt)
        return after if after <= self.max_wait_s else None

    def backoff(self, attempt: int) -> float:
        """The wait after failed attempt `attempt` (from 0) when the answer names none."""
        ceiling = min(self.backoff_s * 2**attempt, self.max_wait_s)
        return random.uniform(ceiling / 2, ceiling)


def _in_use(response: httpx.Response) -> bool:
    if response.status_code != 409:
        return False
    body = error_body(response)
    return body is not None and body.code == "idempotency_key_in_use"


def retry_after(response: httpx.Response) -> float | None:
    """The `Retry-After` header in seconds (delay-seconds or an HTTP date), if it has one."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
