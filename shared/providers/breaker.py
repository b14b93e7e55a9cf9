"""A circuit breaker per provider: after `failures` consecutive failures the circuit opens and
routing passes the provider over; after `open_s` one trial call is let through (half-open), whose
outcome closes the circuit or opens it again.

Hand-written (about 50 lines): routing needs to *ask* whether a provider may be tried, without
calling it, and `GET /v1/providers` shows the state; the async breaker libraries wrap calls."""

import time
from dataclasses import dataclass, field
from enum import StrEnum


class CircuitState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass
class CircuitBreaker:
    failures: int
    open_s: float
    state: CircuitState = CircuitState.CLOSED
    consecutive_failures: int = 0
    opened_at: float = 0.0
    _trial_running: bool = field(default=False, repr=False)

    def allows(self) -> bool:
        """Whether a call may go to the provider now (takes the one half-open trial)."""
        if self.state is CircuitState.CLOSED:
            return True
        if self.state is CircuitState.OPEN and time.monotonic() - self.opened_at >= self.open_s:
            self.state = CircuitState.HALF_OPEN
        if self.state is CircuitState.HALF_OPEN and not self._trial_running:
            self._trial_running = True
            return True
        return False

    def succeeded(self) -> None:
        self.state = CircuitState.CLOSED
        self.consecutive_failures = 0
        self._trial_running = False

    def failed(self) -> None:
        self.consecutive_failures += 1
        self._trial_running = False
        if self.state is CircuitState.HALF_OPEN or self.consecutive_failures >= self.failures:
            self.state = CircuitState.OPEN
            self.opened_at = time.monotonic()

    def released(self) -> None:
        """A trial that ended without a verdict (a refused request) gives its turn back."""
        self._trial_running = False

    def seconds_until_trial(self) -> float:
        if self.state is not CircuitState.OPEN:
            return 0.0
        return max(0.0, self.open_s - (time.monotonic() - self.opened_at))
