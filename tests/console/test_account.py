"""The Account page: the ledger rows the tenant's jobs made, spend drawn as a chart, the plan's
rate limit from the API's headers, an API key made (shown once, working), listed and revoked,
and a webhook endpoint added with its delivery log."""

import asyncio
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.support.client import authed, draft_job, run_job, settled_balance
from tests.support.console import axe_violations, describe, fits_the_phone, save_screenshot
from tests.support.stack import RunningStack
from tests.support.webhooks import Receiver, serving_receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with serving_receiver() as found:
        yield found


async def refused(stack: RunningStack, key: str) -> bool:
    """Whether the API answers 401 to the key within a few seconds (revocation takes up to
    half a second to reach every gateway process)."""
    async with authed(stack.url, key) as client:
        for _ in range(50):
            if (await client.get("/v1/billing/account")).status_code == 401:
                return True
            await asyncio.sleep(0.1)
    return False


async def test_the_ledger_and_spend_of_the_tenants_jobs(
    console: Page, api: httpx.AsyncClient
) -> None:
    jobs = [await run_job(api, draft_job(variations=n)) for n in (1, 3)]
    balance = await settled_balance(api)
    ledger = (await api.get("/v1/billing/ledger")).json()["items"]
    made = [entry for entry in ledger if entry["job_id"] in {job["id"] for job in jobs}]
    assert len(made) >= 4, ledger  # each job reserved, then captured or released
    policy = (await api.get("/v1/billing/account")).headers["RateLimit-Policy"]
    burst = re.search(r"q=(\d+)", policy)
    assert burst, policy

    page = console
    await page.goto("/console/account")
    await expect(page.get_by_test_id("stat-balance")).to_have_text(f"{balance:,} credits")
    for entry in made:
        row = page.locator(f'[data-testid="ledger-row"][data-entry-id="{entry["id"]}"]')
        await expect(row).to_have_attribute("data-credits", str(entry["credits"]))
        await expect(row).to_contain_text(entry["job_id"])
        await expect(row).to_contain_text(entry["kind"])

    chart = page.get_by_test_id("spend-chart")
    spent = sum(job["cost"]["credits"] for job in jobs)
    await expect(chart).to_contain_text(f"{spent} credits on 2 jobs")
    await expect(chart.locator("svg path.recharts-rectangle").first).to_be_visible()
    await expect(page.get_by_test_id("rate-limit-policy")).to_contain_text(
        f"Bursts of up to {int(burst.group(1)):,} requests"
    )
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "account")

    await expect(page.get_by_test_id("ledger")).to_be_visible()
    await fits_the_phone(page)
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_an_api_key_is_shown_once_works_and_is_revoked(
    console: Page, stack: RunningStack
) -> None:
    page = console
    await page.goto("/console/account")
    await page.get_by_label("New key's name").fill("campaign laptop")
    await page.get_by_role("button", name="Create key").click()
    notice = page.get_by_test_id("secret-once")
    await expect(notice).to_contain_text("won't be shown again")
    key = (await notice.get_by_test_id("secret-value").inner_text()).strip()
    assert key.startswith("isk_")
    async with authed(stack.url, key) as client:
        assert (await client.get("/v1/billing/account")).status_code == 200

    row = page.locator('[data-testid="key-row"]', has_text="campaign laptop")
    await expect(row).to_have_attribute("data-revoked", "false")
    prefix = await row.get_attribute("data-prefix")
    assert prefix
    assert key.startswith(prefix)
    assert key not in await page.get_by_test_id("keys").inner_text()
    await notice.get_by_role("button", name="I have saved it").click()
    await expect(notice).to_have_count(0)
    assert key not in await page.content(), "once dismissed, the key is gone from the page"

    await row.get_by_role("button", name=f"Revoke {prefix}").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("refused from now on")
    assert not (violations := await axe_violations(page)), describe(violations)
    await dialog.get_by_role("button", name="Revoke").click()
    await expect(row).to_have_attribute("data-revoked", "true")
    assert await refused(stack, key), "the revoked key still works"


async def test_a_webhook_is_added_and_its_deliveries_logged(
    console: Page, api: httpx.AsyncClient, receiver: Receiver
) -> None:
    page = console
    await page.goto("/console/account")
    await page.get_by_label("Endpoint URL").fill(receiver.url)
    await page.get_by_label("Description").fill("campaign tracker")
    await page.get_by_role("button", name="Add endpoint").click()
    await expect(page.get_by_test_id("secret-value")).to_contain_text("whsec_")
    hook = page.get_by_test_id("webhook")
    await expect(hook).to_contain_text(receiver.url)
    await expect(hook).to_contain_text("studio.job.completed")
    (listed,) = (await api.get("/v1/webhooks")).json()["items"]
    await expect(hook).to_have_attribute("data-webhook-id", listed["id"])

    await run_job(api, draft_job())
    await receiver.until(1)
    await hook.get_by_role("button", name="Delivery log").click()
    delivery = hook.get_by_test_id("delivery-row")
    await expect(delivery).to_have_attribute("data-status", "delivered", timeout=15_000)
    await expect(delivery).to_contain_text("studio.job.completed")
    await expect(delivery).to_contain_text("HTTP 204")
    await delivery.get_by_role("button", name=re.compile("^Redeliver")).click()
    await receiver.until(2)
    assert receiver.received[1][0]["webhook-id"] == receiver.received[0][0]["webhook-id"]
    assert not (violations := await axe_violations(page)), describe(violations)
