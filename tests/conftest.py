"""Fixtures of every test tier. The stack is started once per session, on free ports."""

import signal
from collections.abc import AsyncIterator, Iterator
from types import FrameType

import httpx
import pytest

from tests.support.client import authed
from tests.support.stack import RunningStack, start_stack

TEARDOWN_GRACE_S = 3.0
"""The session's stack is thrown away: a process still draining after this is killed."""


def _interrupt_on_sigterm() -> None:
    """A CI timeout sends SIGTERM: turn it into an interrupt so the stack is still torn down."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[RunningStack]:
    _interrupt_on_sigterm()
    running = start_stack(tmp_path_factory.mktemp("studio"))
    yield running
    if request.session.testsfailed:
        print("\nservice logs (tail):\n" + running.logs())
    running.local.stop(grace_s=TEARDOWN_GRACE_S)


@pytest.fixture
async def tenant_key(stack: RunningStack) -> str:
    """The API key of a fresh tenant (every test its own tenant, so data never mixes)."""
    return await stack.tenant()


@pytest.fixture
async def api(stack: RunningStack, tenant_key: str) -> AsyncIterator[httpx.AsyncClient]:
    async with authed(stack.url, tenant_key) as client:
        yield client


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.stack)
