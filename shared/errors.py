"""The project's own errors. Adapters translate library exceptions into these at the boundary.

Consumers retry `RetryableError` and end the job on `PermanentError`; the gateway maps each to an
HTTP status in one handler. Nobody branches on an exception's message text: use `code`.
"""

import math

from contracts.http.errors import FieldError


class StudioError(Exception):
    """An error with a machine-readable `code`, a human `message` and optional field `details`."""

    retriable: bool = False

    def __init__(self, code: str, message: str, details: list[FieldError] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details or []

    @property
    def public_message(self) -> str:
        """What a tenant may read: permanent errors explain themselves; an outage's details
        (hosts, ports) stay in the logs."""
        if self.retriable:
            return f"a dependency was unavailable ({self.code}); submit the job again"
        return self.message


class PermanentError(StudioError):
    """Retrying cannot help (bad input, nothing configured to do the work)."""


class RetryableError(StudioError):
    """A dependency failed in a way that may pass (timeout, broker down, 5xx, throttled)."""

    retriable = True


class RateLimitedError(PermanentError):
    """Too many requests: try again after `retry_after_s`, whole seconds and at least one (the
    `Retry-After` header says the same)."""

    def __init__(self, wait_s: float) -> None:
        self.retry_after_s = max(1, math.ceil(wait_s))
        unit = "second" if self.retry_after_s == 1 else "seconds"
        super().__init__("rate_limited", f"too many requests; retry in {self.retry_after_s} {unit}")
