import pytest

from shared.errors import RateLimitedError


@pytest.mark.parametrize(
    ("wait_s", "header"), [(0.0, 1), (0.02, 1), (1.0, 1), (1.2, 2), (9.99, 10)]
)
def test_a_rate_limit_waits_whole_seconds_and_says_so(wait_s: float, header: int) -> None:
    error = RateLimitedError(wait_s)
    assert error.retry_after_s == header
    assert f"retry in {header} second" in error.message
