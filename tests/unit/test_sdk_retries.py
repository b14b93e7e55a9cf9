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


def test_only_429_503_and_safe_broken_calls_are_retried() -> None:
    retry = Retry(attempts=3, backoff_s=0.5)
    assert retry.wait(False, 0, answer(503)) == 0.5
    assert retry.wait(False, 1, answer(429)) == 1.0, "the backoff doubles"
    assert retry.wait(True, 0, answer(500)) is None
    broken = httpx.ReadError("cut")
    assert retry.wait(True, 0, broken) == 0.5
    assert retry.wait(False, 0, broken) is None, "a POST without a key is never sent twice"


def test_attempts_are_bounded() -> None:
    retry = Retry(attempts=2)
    assert retry.wait(True, 0, answer(503)) is not None
    assert retry.wait(True, 1, answer(503)) is None
    assert Retry(attempts=1).wait(True, 0, answer(503)) is None
