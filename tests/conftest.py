"""Fixtures of every test tier. The stack is started once per session, on free ports."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from services.gateway.admin import create_tenant
from tests.support.client import authed
from tests.support.stack import RunningStack, start_stack


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[RunningStack]:
    running = start_stack(tmp_path_factory.mktemp("studio"))
    yield running
    if request.session.testsfailed:
        print("\nservice logs (tail):\n" + running.logs())
    running.local.stop()


@pytest.fixture
async def tenant_key(stack: RunningStack) -> str:
    """The API key of a fresh tenant (every test its own tenant, so data never mixes)."""
    _, key = await create_tenant(stack.local.mongo_settings(), "test")
    return key


@pytest.fixture
async def api(stack: RunningStack, tenant_key: str) -> AsyncIterator[httpx.AsyncClient]:
    async with authed(stack.url, tenant_key) as client:
        yield client


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.stack)
