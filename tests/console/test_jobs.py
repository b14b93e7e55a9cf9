"""The Jobs board: jobs submitted through the API appear and finish live (no reload), a failed
job shows its provider's reason and its attempts, and the status filter narrows the rows."""

import asyncio

import httpx
from playwright.async_api import Page, expect

from emulator.control import EmulatorControl
from tests.e2e.conftest import emulator  # noqa: F401 (the fixture, reused)
from tests.support.client import draft_job
from tests.support.console import PHONE, axe_violations, describe, save_screenshot

REASON = "NSFW content detected in the output"
PINNED_TO_WAVESPEED: dict[str, object] = {
    "kind": "generate",
    "params": {"prompt": "a mug", "width": 256, "height": 256, "provider": "wavespeed"},
}
LIVE = 30_000


async def submit(api: httpx.AsyncClient, body: dict[str, object]) -> str:
    answer = await api.post("/v1/jobs", json=body)
    assert answer.status_code == 202, answer.text
    return str(answer.json()["id"])


async def test_jobs_appear_and_finish_live_with_their_costs_and_errors(
    console: Page,
    api: httpx.AsyncClient,
    emulator: EmulatorControl,  # noqa: F811
) -> None:
    page = console
    await page.goto("/console/jobs")
    await expect(page.get_by_test_id("stream-state")).to_have_attribute("data-state", "live")
    await expect(page.get_by_test_id("completed-count")).to_have_text("0")
    await page.evaluate("window.__sameDocument = true")

    await emulator.behave("wavespeed", {"kind": "async_fail", "message": REASON})
    drafts = await asyncio.gather(
        *(submit(api, draft_job(prompt=f"board {n}", variations=2)) for n in range(3))
    )
    failing = await submit(api, PINNED_TO_WAVESPEED)

    for job_id in drafts:
        row = page.locator(f'[data-testid="job-row"][data-job-id="{job_id}"]')
        await expect(row).to_have_attribute("data-status", "completed", timeout=LIVE)
    failed = page.locator(f'[data-testid="job-row"][data-job-id="{failing}"]')
    await expect(failed).to_have_attribute("data-status", "failed", timeout=LIVE)
    await expect(failed.get_by_role("alert")).to_contain_text(REASON)
    await expect(page.get_by_test_id("completed-count")).to_have_text("3")
    assert await page.evaluate("window.__sameDocument === true"), "the page was not reloaded"

    for job_id in drafts:  # each row's cost is the API's
        job = (await api.get(f"/v1/jobs/{job_id}")).json()
        row = page.locator(f'[data-testid="job-row"][data-job-id="{job_id}"]')
        await expect(row.get_by_test_id("cost-chip")).to_have_text(
            f"{job['cost']['credits']} credits"
        )
        await expect(row).to_contain_text(job["provider"])

    await page.get_by_role("button", name=f"Show the provider attempts of {failing}").click()
    attempts = page.get_by_test_id("attempts")
    await expect(attempts).to_contain_text("wavespeed")
    await expect(attempts).to_contain_text("error")
    await expect(attempts).to_contain_text("prediction_failed")
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "jobs")

    await page.get_by_role("combobox", name="Status").click()
    await page.get_by_role("option", name="failed", exact=True).click()
    await expect(page.get_by_test_id("job-row")).to_have_count(1)
    await expect(page.get_by_test_id("job-row")).to_have_attribute("data-job-id", failing)

    await page.set_viewport_size(PHONE)
    await expect(failed).to_be_visible()
    assert not (violations := await axe_violations(page)), describe(violations)
