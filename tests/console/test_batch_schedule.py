"""Scheduled campaigns in the console: a batch scheduled at a local time (in a browser whose
zone is not UTC) waits `scheduled` with its release time, shows on the jobs board and is
cancelled; a past time is refused on its field by the dry run; the off-peak window is set on
the Account page and offered on submit; a 50-job dry run on Pro shows its volume discount."""

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from playwright.async_api import Browser, Page, expect

from tests.support.client import authed
from tests.support.console import (
    axe_violations,
    context_options,
    describe,
    fits_the_phone,
    sign_in_script,
)
from tests.support.stack import RunningStack

TEMPLATE = {
    "kind": "generate",
    "params": {"prompt": "{product} on marble", "quality": "draft", "width": 64, "height": 64},
}
ZONE = "Asia/Kolkata"
"""The browser's zone: +05:30, so a wrong offset (or a whole-hour one) moves the time."""
LOCAL = "%Y-%m-%dT%H:%M"


@asynccontextmanager
async def signed_in(browser: Browser, stack: RunningStack, key: str) -> AsyncIterator[Page]:
    """A page signed in with `key`, in a British browser (24-hour times) whose local time is
    `ZONE`."""
    context = await browser.new_context(**context_options(stack), timezone_id=ZONE, locale="en-GB")
    await context.add_init_script(sign_in_script(key))
    page = await context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        await context.close()


async def fill_campaign(page: Page, tmp_path: Path, rows: int) -> str:
    """The batches page with a campaign of `rows` draft jobs filled in; the CSV."""
    csv = "\n".join(["product", *(f"product {n}" for n in range(rows))]) + "\n"
    path = tmp_path / "campaign.csv"
    path.write_text(csv)
    await page.goto("/console/batches")
    await page.locator("input[type=file]").set_input_files(path)
    await page.get_by_label("Job template").fill(json.dumps(TEMPLATE))
    return csv


async def check_and_estimate(page: Page, rows: int) -> None:
    """Check and estimate the campaign: its dry run's answer shown."""
    await page.get_by_role("button", name="Check and estimate").click()
    await expect(page.get_by_test_id("estimate-jobs")).to_have_text(str(rows))


def local_minute(moment: datetime) -> str:
    """What a `datetime-local` input in `ZONE` shows for a moment."""
    return moment.astimezone(ZoneInfo(ZONE)).strftime(LOCAL)


def british(moment: datetime) -> str:
    """How the British browser writes a moment's local date and minute (`8 Dec 2026, 05:07`)."""
    local = moment.astimezone(ZoneInfo(ZONE))
    return f"{local.day} {local:%b %Y, %H:%M}"


async def test_a_batch_scheduled_at_a_local_time_waits_and_is_cancelled(
    browser: Browser, stack: RunningStack, tenant_key: str, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    async with signed_in(browser, stack, tenant_key) as page:
        await fill_campaign(page, tmp_path, rows=2)
        await page.get_by_label("At a time").check()
        run_at = page.get_by_label("Run at")
        await run_at.fill(local_minute(datetime.now(UTC) - timedelta(hours=1)))
        await page.get_by_role("button", name="Check and estimate").click()
        await expect(run_at).to_have_attribute("aria-invalid", "true")
        await expect(page.get_by_text(re.compile(r"schedule_at .* is in the past"))).to_be_visible()
        await expect(page.get_by_role("button", name="Schedule 2 jobs")).to_have_count(0)

        ahead = (datetime.now(UTC) + timedelta(minutes=10)).replace(second=0, microsecond=0)
        await run_at.fill(local_minute(ahead))
        await expect(run_at).not_to_have_attribute("aria-invalid", "true")
        await check_and_estimate(page, rows=2)
        await page.get_by_role("button", name="Schedule 2 jobs").click()
        progress = page.get_by_test_id("batch-progress")
        await expect(progress).to_have_attribute("data-status", "scheduled")
        (batch,) = (await api.get("/v1/batches")).json()["items"]
        assert datetime.fromisoformat(batch["scheduled_at"]) == ahead, batch
        release = page.get_by_test_id("batch-release")
        await expect(release).to_have_attribute("data-at", batch["scheduled_at"])
        await expect(release).to_contain_text(re.compile(r"\((in (9|10) minutes)\)"))
        await expect(release).to_contain_text(f"Runs {british(ahead)}:00 (in")
        await expect(page.get_by_test_id("batch-status")).to_have_text("scheduled")
        await expect(page.get_by_test_id("count-scheduled")).to_have_text("2 scheduled")
        recent = page.get_by_role("table", name="Recent batches")
        await expect(recent).to_contain_text(f"scheduled until {british(ahead)}")
        assert not (violations := await axe_violations(page)), describe(violations)
        await fits_the_phone(page)

        await scheduled_jobs_on_the_board(page, api, batch["id"])

        await page.goto(f"/console/batches?batch={batch['id']}")
        await page.get_by_role("button", name="Cancel jobs not started").click()
        await expect(page.get_by_test_id("count-cancelled")).to_have_text("2 cancelled")
        await expect(page.get_by_test_id("batch-status")).to_have_text("cancelled")
        await expect(page.get_by_test_id("batch-release")).to_have_count(0)
        jobs = (await api.get(f"/v1/batches/{batch['id']}/jobs")).json()["items"]
        assert [job["status"] for job in jobs] == ["cancelled", "cancelled"], jobs


async def scheduled_jobs_on_the_board(page: Page, api: httpx.AsyncClient, batch_id: str) -> None:
    """The jobs board counts the batch's held jobs and filters them by `scheduled`."""
    held = (await api.get(f"/v1/batches/{batch_id}/jobs")).json()["items"]
    assert [job["status"] for job in held] == ["scheduled", "scheduled"], held
    await page.goto("/console/jobs")
    await expect(page.get_by_test_id("scheduled-count")).to_have_text("2 scheduled")
    await page.get_by_role("combobox", name="Status").click()
    await page.get_by_role("option", name="scheduled", exact=True).click()
    rows = page.get_by_test_id("job-row")
    await expect(rows).to_have_count(2)
    for job in held:
        row = page.locator(f'[data-testid="job-row"][data-job-id="{job["id"]}"]')
        await expect(row).to_have_attribute("data-status", "scheduled")


async def test_the_off_peak_window_is_set_on_the_account_page_and_used_on_submit(
    browser: Browser, stack: RunningStack, tenant_key: str, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    zone = ZoneInfo("Europe/Paris")
    opens = (datetime.now(zone) + timedelta(hours=2)).replace(second=0, microsecond=0)
    window = {"start": f"{opens:%H:%M}", "end": f"{opens + timedelta(hours=1):%H:%M}"}
    async with signed_in(browser, stack, tenant_key) as page:
        await page.goto("/console/account")
        current = page.get_by_test_id("off-peak-current")
        await expect(current).to_have_text("From 22:00 to 06:00 (UTC)")
        await page.get_by_label("Opens at").fill(window["start"])
        await page.get_by_label("Closes at").fill(window["end"])
        await page.get_by_role("combobox", name="Time zone").fill("Europe/Par")
        await page.get_by_role("option", name="Europe/Paris").click()
        await page.get_by_role("button", name="Save the window").click()
        await expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
        saved = (await api.get("/v1/off-peak-window")).json()
        assert saved == {**window, "timezone": "Europe/Paris"}, saved
        assert not (violations := await axe_violations(page)), describe(violations)

        await page.reload()
        shown = f"From {window['start']} to {window['end']} (Europe/Paris)"
        await expect(current).to_have_text(shown)
        await expect(page.get_by_label("Opens at")).to_have_value(window["start"])
        await expect(page.get_by_role("combobox", name="Time zone")).to_have_value("Europe/Paris")

        await fill_campaign(page, tmp_path, rows=2)
        await page.get_by_label("Off-peak", exact=True).check()
        note = page.get_by_test_id("off-peak-window")
        await expect(note).to_contain_text(f"{window['start']} to {window['end']} (Europe/Paris)")
        await check_and_estimate(page, rows=2)
        await page.get_by_role("button", name="Schedule 2 jobs").click()
        await expect(page.get_by_test_id("batch-progress")).to_have_attribute(
            "data-status", "scheduled"
        )
        (batch,) = (await api.get("/v1/batches")).json()["items"]
        assert datetime.fromisoformat(batch["scheduled_at"]) == opens, batch


async def test_a_50_job_dry_run_on_pro_shows_the_volume_discount(
    browser: Browser, stack: RunningStack, tmp_path: Path
) -> None:
    key = await stack.tenant(plan="pro")
    async with signed_in(browser, stack, key) as page:
        csv = await fill_campaign(page, tmp_path, rows=50)
        await check_and_estimate(page, rows=50)
        check = await dry_run_of(stack, key, csv)
        estimate = check["estimate"]
        off, credits = estimate["discount_credits"], estimate["credits"]
        tier = estimate["items"][0]["discount"]
        assert off > 0, estimate
        assert tier["name"] == "volume 50+ jobs: 10% off", estimate
        discount = page.get_by_test_id("volume-discount")
        await expect(discount).to_contain_text(f"Volume discount: {tier['name']}")
        await expect(page.get_by_test_id("discount-total")).to_have_text(
            f"{off} credits off: {credits + off} → {credits} credits for the 50 jobs."
        )
        await expect(page.get_by_test_id("discount-per-job")).to_contain_text(
            f"Per job {(credits + off) / 50:g} → {credits / 50:g} credits"
        )
        await expect(page.get_by_test_id("estimate-credits")).to_have_text(str(credits))
        assert not (violations := await axe_violations(page)), describe(violations)


async def dry_run_of(stack: RunningStack, key: str, csv: str) -> dict[str, Any]:
    """The API's own dry run of the campaign the page checked."""
    async with authed(stack.url, key) as client:
        answer = await client.post(
            "/v1/batches",
            files={"file": ("campaign.csv", csv.encode(), "text/csv")},
            data={"template": json.dumps(TEMPLATE), "dry_run": "true"},
        )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
