"""How provider answers are classified: retry, fall back, or stop."""

import email.utils
import time

import httpx

from contracts.events import AttemptOutcome
from shared.providers.base import Recovery, nearest_ratio
from shared.providers.http import failure_of, parse_retry_after
from shared.providers.stability import read_error


def answer(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"id": "x", "name": "some_error", "errors": ["something"]}
    return httpx.Response(status, json=body, headers=headers)


def test_statuses_map_to_recoveries() -> None:
    throttled = failure_of(answer(429, {"retry-after": "2"}), read_error)
    assert (throttled.recovery, throttled.retry_after_s) == (Recovery.RETRY, 2.0)
    assert throttled.outcome is AttemptOutcome.RATE_LIMITED
    assert failure_of(answer(503), read_error).recovery is Recovery.RETRY
    assert failure_of(answer(401), read_error).recovery is Recovery.FALLBACK
    invalid_here = failure_of(answer(400), read_error)
    assert (invalid_here.recovery, invalid_here.outcome) == (
        Recovery.FALLBACK,
        AttemptOutcome.REFUSED,
    )
    assert failure_of(answer(422), read_error).recovery is Recovery.STOP
    garbled = failure_of(httpx.Response(500, text="<html>oops"), read_error)
    assert (garbled.code, garbled.recovery) == ("http_500", Recovery.RETRY)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    seconds = parse_retry_after(later)
    assert seconds is not None
    assert 28 <= seconds <= 31


def test_nearest_ratio() -> None:
    assert nearest_ratio(1080, 1350, ("1:1", "4:5", "9:16")) == "4:5"
    assert nearest_ratio(1200, 400, ("16:9", "21:9", "1:1")) == "21:9"
