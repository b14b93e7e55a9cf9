"""When to try a request again: 429 and 503 after their `Retry-After`, and a failed connection
when the request is idempotent; a bounded number of attempts."""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

RETRIED_STATUSES = frozenset({429, 503})
Outcome = httpx.Response | httpx.TransportError
"""What one attempt gave: an answer, or no answer."""


@dataclass(frozen=True)
class Retry:
    """`attempts` in all (1 = never retry); waits of `backoff_s` doubling up to `max_wait_s`
    when the answer names none. A `Retry-After` longer than `max_wait_s` is not waited out."""

    attempts: int = 4
    backoff_s: float = 0.5
    max_wait_s: float = 30.0

    def wait(self, idempotent: bool, attempt: int, outcome: Outcome) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when `outcome` is final."""
        if attempt + 1 >= self.attempts:
            return None
        if isinstance(outcome, httpx.TransportError):
            return self._backoff(attempt) if idempotent else None
        if outcome.status_code not in RETRIED_STATUSES:
            return None
        after = retry_after(outcome)
        if after is None:
            return self._backoff(attempt)
        return after if after <= self.max_wait_s else None

    def _backoff(self, attempt: int) -> float:
        return float(min(self.backoff_s * 2**attempt, self.max_wait_s))


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
