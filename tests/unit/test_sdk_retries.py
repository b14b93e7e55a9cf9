"""The SDK's retry rule: which outcomes are tried again, after how long, how many times."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx

from studio.retries import Retry, retry_after


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_retry_after_is_read_as_seconds_or_as_a_date() -> None:
    assert retry_after(answer(429, **{"Retry-After": "7"})) == 7
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    waited = retry_after(answer(503, **{"Retry-After": later}))
    assert waited is not None
    assert 80 < waited <= 90
    assert retry_after(answer(503)) is None
    assert retry_after(answer(503, **{"Retry-After": "soon"})) is None


def between(low: float, high: float, wait: float | None) -> bool:
    return wait is not None and low <= wait <= high


def test_only_429_503_and_safe_broken_calls_are_retried() -> None:
    retry = Retry(attempts=3, backoff_s=0.5)
    assert between(0.25, 0.5, retry.wait(False, 0, answer(503)))
    assert between(0.5, 1.0, retry.wait(False, 1, answer(429))), "the backoff doubles"
    assert retry.wait(True, 0, answer(500)) is None
    broken = httpx.ReadError("cut")
    assert between(0.25, 0.5, retry.wait(True, 0, broken))
    assert retry.wait(False, 0, broken) is None, "a POST without a key is never sent twice"


def test_backoffs_are_jittered_within_half_of_their_ceiling() -> None:
    waits = {
        Retry(attempts=9, backoff_s=1, max_wait_s=4).wait(True, 5, answer(503)) for _ in range(50)
    }
    assert all(between(2, 4, wait) for wait in waits)
    assert len(waits) > 1, "clients refused together do not come back together"


def in_use(code: str) -> httpx.Response:
    error = {"code": code, "message": "the first request with this key is still running"}
    return httpx.Response(409, json={"error": error})


def test_a_key_still_in_use_is_retried_and_other_conflicts_are_not() -> None:
    retry = Retry(attempts=3, backoff_s=0.5)
    assert between(0.25, 0.5, retry.wait(False, 0, in_use("idempotency_key_in_use")))
    assert retry.wait(False, 0, in_use("job_started")) is None
    assert retry.wait(False, 0, httpx.Response(409, text="<html>conflict</html>")) is None


def test_attempts_are_bounded() -> None:
    retry = Retry(attempts=2)
    assert retry.wait(True, 0, answer(503)) is not None
    assert retry.wait(True, 1, answer(503)) is None
    assert Retry(attempts=1).wait(True, 0, answer(503)) is None
