"""Batches: a 50-row CSV is priced by a dry run (the numbers the API gives), submitted, and
followed live to 100 %, then downloaded and reopened from the list; a CSV with bad rows shows
each row and why, and cannot be submitted."""

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page, expect

from tests.support.console import PHONE, axe_violations, describe, save_screenshot

DRAFT = {"quality": "draft", "width": 64, "height": 64}
TEMPLATE = {"kind": "generate", "params": {"prompt": "{product} on marble", **DRAFT}}
ROWS = 50
LIVE = 60_000

WATCH_PROGRESS = """() => {
  window.__progress = [];
  const seen = () => {
    const bar = document.querySelector('[aria-label="Batch progress"]');
    const value = bar && Number(bar.getAttribute('aria-valuenow'));
    if (bar && window.__progress.at(-1) !== value) window.__progress.push(value);
  };
  new MutationObserver(seen).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'],
  });
}"""


async def dry_run(api: httpx.AsyncClient, csv: str, template: dict[str, Any]) -> dict[str, Any]:
    """The API's own dry run of the same campaign."""
    answer = await api.post(
        "/v1/batches",
        files={"file": ("campaign.csv", csv.encode(), "text/csv")},
        data={"template": json.dumps(template), "dry_run": "true"},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def fill_campaign(page: Page, path: Path, template: dict[str, Any], name: str = "") -> None:
    await page.goto("/console/batches")
    await page.locator("input[type=file]").set_input_files(path)
    await page.get_by_label("Job template").fill(json.dumps(template))
    if name:
        await page.get_by_label("Batch name").fill(name)
    await page.get_by_role("button", name="Check and estimate").click()


async def test_a_50_row_csv_is_estimated_then_followed_to_100_percent(
    console: Page, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    page = console
    csv = "\n".join(["product", *(f"product {n}" for n in range(ROWS))]) + "\n"
    path = tmp_path / "spring.csv"
    path.write_text(csv)
    await fill_campaign(page, path, TEMPLATE, name="spring launch")

    check = await dry_run(api, csv, TEMPLATE)
    assert (check["jobs"], check["valid"]) == (ROWS, True)
    estimate = page.get_by_test_id("campaign-estimate")
    await expect(estimate.get_by_test_id("estimate-jobs")).to_have_text(str(ROWS))
    credits = check["estimate"]["credits"]
    await expect(estimate.get_by_test_id("estimate-credits")).to_have_text(str(credits))
    await expect(estimate.get_by_test_id("cost-chip")).to_contain_text(
        f"{credits} credits · ${check['estimate']['price_usd']}"
    )
    assert (await api.get("/v1/batches")).json()["items"] == [], "a dry run creates nothing"
    assert not (violations := await axe_violations(page)), describe(violations)

    await page.evaluate(WATCH_PROGRESS)
    await page.get_by_role("button", name=f"Submit {ROWS} jobs").click()
    bar = page.get_by_role("progressbar", name="Batch progress")
    await expect(bar).to_have_attribute("aria-valuenow", "100", timeout=LIVE)
    await expect(page.get_by_test_id("batch-ended")).to_have_text(
        f"{ROWS} of {ROWS} jobs ended (100 %)"
    )
    await expect(page.get_by_test_id("count-completed")).to_have_text(f"{ROWS} completed")
    await expect(page.get_by_test_id("batch-progress")).to_have_attribute(
        "data-status", "completed", timeout=LIVE
    )
    seen: list[int] = await page.evaluate("window.__progress")
    assert seen[-1] == 100
    assert seen == sorted(seen), f"the bar only moves forward: {seen}"

    (batch,) = (await api.get("/v1/batches")).json()["items"]
    assert (batch["name"], batch["jobs"], batch["counts"]["completed"]) == (
        "spring launch",
        ROWS,
        ROWS,
    )
    await expect(page).to_have_url(re.compile(f"batch={batch['id']}"))
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "batches")

    async with page.expect_download() as downloading:
        await page.get_by_role("button", name="Download the archive (zip)").click()
    download = await downloading.value
    assert download.suggested_filename == f"{batch['id']}.zip"
    archive = zipfile.ZipFile(await download.path())
    manifest = json.loads(archive.read("manifest.json"))
    rows = archive.read("manifest.csv").decode().strip().splitlines()
    assert (len(manifest["files"]), len(rows) - 1, manifest["pending"]) == (ROWS, ROWS, [])
    assert all(archive.getinfo(entry["file"]).file_size > 0 for entry in manifest["files"])

    await page.goto("/console/batches")
    await page.get_by_role("button", name="Open spring launch").click()
    await expect(bar).to_have_attribute("aria-valuenow", "100")
    await page.set_viewport_size(PHONE)
    box = await bar.bounding_box()
    assert box is not None
    assert box["width"] <= PHONE["width"]


async def test_bad_rows_are_shown_with_why_and_block_the_submission(
    console: Page, api: httpx.AsyncClient, tmp_path: Path
) -> None:
    page = console
    template = {
        "kind": "generate",
        "params": {"prompt": "{product}", "variations": "{variations}", **DRAFT},
    }
    csv = "product,variations\nred shoes,1\n,1\ngreen hat,2\nblue bag,11\n"
    path = tmp_path / "campaign.csv"
    path.write_text(csv)
    await fill_campaign(page, path, template)

    problems = page.get_by_role("table", name="Rows that would be refused")
    await expect(problems.locator("tbody tr")).to_have_count(2)
    await expect(problems.locator('tr[data-row="2"]')).to_contain_text(
        "the template uses {product}, which this row does not have"
    )
    await expect(problems.locator('tr[data-row="4"]')).to_contain_text("params.variations")
    await expect(problems.locator('tr[data-row="4"]')).to_contain_text("less than or equal to 10")
    await expect(
        page.get_by_role("alert").filter(has_text="2 of 4 rows are not valid")
    ).to_be_visible()
    await expect(page.get_by_test_id("estimate-credits")).to_have_text("3")  # rows 1 and 3
    await expect(page.get_by_role("button", name="Submit 4 jobs")).to_be_disabled()
    assert not (violations := await axe_violations(page)), describe(violations)
    assert (await api.get("/v1/batches")).json()["items"] == []
