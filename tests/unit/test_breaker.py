"""The circuit breaker: opens after N consecutive failures, lets one trial through once the open
period is over, and closes or re-opens on the trial's outcome."""

import time

import pytest

from shared.providers.breaker import CircuitBreaker, CircuitState


def test_opens_after_consecutive_failures_only() -> None:
    breaker = CircuitBreaker(failures=3, open_s=60)
    breaker.failed()
    breaker.failed()
    breaker.succeeded()  # a success resets the count
    breaker.failed()
    breaker.failed()
    assert breaker.allows()
    breaker.failed()
    assert breaker.state is CircuitState.OPEN
    assert not breaker.allows()
    assert 59 < breaker.seconds_until_trial() <= 60


def test_one_trial_after_the_open_period_then_closed_or_open_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    breaker = CircuitBreaker(failures=1, open_s=10)
    breaker.failed()
    now[0] += 10
    assert breaker.allows()  # the trial
    assert breaker.state is CircuitState.HALF_OPEN
    assert not breaker.allows()  # only one at a time
    breaker.failed()
    assert breaker.seconds_until_trial() == 10  # open again
    now[0] += 10
    assert breaker.allows()
    breaker.succeeded()
    assert str(breaker.state) == "closed"
    assert breaker.allows()
    assert breaker.allows()


def test_a_trial_without_verdict_gives_its_turn_back(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    breaker = CircuitBreaker(failures=1, open_s=1)
    breaker.failed()
    now[0] = 2
    assert breaker.allows()
    breaker.released()
    assert breaker.allows()
