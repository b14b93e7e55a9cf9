"""Fixtures of the console tier: one headless Chromium per session, a signed-in page per test
(its own tenant), on the test session's stack."""

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page, async_playwright

from tests.support.console import CHROMIUM, context_options, sign_in_script
from tests.support.stack import RunningStack


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        await launched.close()


@pytest.fixture
async def blank_page(browser: Browser, stack: RunningStack) -> AsyncIterator[Page]:
    """A page with nobody signed in, at 1280×800."""
    context = await browser.new_context(**context_options(stack))
    page = await context.new_page()
    yield page
    await context.close()


@pytest.fixture
async def console(browser: Browser, stack: RunningStack, tenant_key: str) -> AsyncIterator[Page]:
    """A page signed in as a fresh enterprise tenant (`tenant_key`), at 1280×800."""
    context = await browser.new_context(**context_options(stack))
    await context.add_init_script(sign_in_script(tenant_key))
    page = await context.new_page()
    page.set_default_timeout(15_000)
    yield page
    await context.close()
