"""The Library: a grid that loads its next page as it scrolls, filters and finding by id, and an
asset's detail (its image, metadata, versions, download), opened from the grid or `?asset=`."""

import asyncio
import hashlib
import re
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Page, expect

from tests.support.client import draft_job, run_job
from tests.support.console import (
    axe_violations,
    describe,
    fits_the_phone,
    is_picture,
    pixels,
    save_screenshot,
)
from tests.support.edit_jobs import edit, png, subject_on_plain, upload

PAGE = 24


async def make_library(api: httpx.AsyncClient) -> dict[str, Any]:
    """An upload and its upscaled version, then three jobs of ten variations: 32 assets."""
    original = await upload(api, png(subject_on_plain()), "subject.png")
    upscaled = await run_job(api, edit("upscale.fast", original, quality="draft"))
    assert upscaled["status"] == "completed", upscaled
    jobs = await asyncio.gather(
        *(
            run_job(api, draft_job(prompt=f"shelf {n}", variations=10, width=64, height=64))
            for n in range(3)
        )
    )
    assert all(job["status"] == "completed" for job in jobs), jobs
    return {"original": original, "upscaled": upscaled["asset_ids"][0], "jobs": jobs}


def cards(page: Page) -> Any:
    return page.get_by_test_id("asset-card")


def search_box(page: Page) -> Any:
    return page.get_by_role("searchbox", name="Search", exact=True)


async def test_the_library_scrolls_filters_and_opens_an_asset(
    console: Page, api: httpx.AsyncClient
) -> None:
    made = await make_library(api)
    page = console
    await page.goto("/console/library")
    await expect(cards(page)).to_have_count(PAGE)
    await expect(page.get_by_role("button", name="Load more")).to_be_visible()
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "library")

    await cards(page).last.scroll_into_view_if_needed()  # the sentinel comes into view
    await expect(cards(page)).to_have_count(32)
    await expect(page.get_by_role("button", name="Load more")).to_have_count(0)

    await page.get_by_role("combobox", name="Kind").click()
    await page.get_by_role("option", name="upload", exact=True).click()
    await expect(cards(page)).to_have_count(1)
    await expect(cards(page)).to_have_attribute("data-asset-id", made["original"])
    await page.get_by_role("button", name="Clear all filters").click()

    job = made["jobs"][1]
    await search_box(page).fill(job["id"])
    await search_box(page).press("Enter")
    await expect(cards(page)).to_have_count(10)
    shown = {await card.get_attribute("data-asset-id") for card in await cards(page).all()}
    assert shown == set(job["asset_ids"])

    asset = (await api.get(f"/v1/assets/{job['asset_ids'][0]}")).json()
    await page.get_by_role("button", name=f"Open {asset['id']}").click()
    await expect(page).to_have_url(f"/console/library?job_id={job['id']}&asset={asset['id']}")
    detail = page.get_by_test_id("asset-detail")
    metadata = detail.get_by_test_id("asset-metadata")
    for fact in (asset["sha256"], f"{asset['bytes']:,} bytes", "local-draft", asset["prompt"]):
        await expect(metadata).to_contain_text(fact)
    image = detail.get_by_role("img").first
    await expect(image).to_have_attribute("data-asset-id", asset["id"])
    assert is_picture(await pixels(image)), "the asset's image is drawn"
    await expect(detail.get_by_test_id("asset-version")).to_have_count(1)
    async with page.expect_download() as downloading:
        await detail.get_by_role("button", name="Download png").click()
    saved = Path(await (await downloading.value).path())
    content = await asyncio.to_thread(saved.read_bytes)
    assert hashlib.sha256(content).hexdigest() == asset["sha256"]
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_an_asset_opens_from_the_address_with_its_versions(
    console: Page, api: httpx.AsyncClient
) -> None:
    original = await upload(api, png(subject_on_plain()), "subject.png")
    upscaled = await run_job(api, edit("upscale.fast", original, quality="draft"))
    (version,) = upscaled["asset_ids"]
    page = console
    await page.goto(f"/console/library?asset={original}")
    detail = page.get_by_test_id("asset-detail")
    await expect(detail).to_have_attribute("data-asset-id", original)
    await expect(detail.get_by_test_id("asset-metadata")).to_contain_text("subject.png")
    versions = detail.get_by_test_id("asset-version")
    await expect(versions).to_have_count(2)
    await expect(versions.first).to_have_attribute("aria-current", "true")
    await detail.get_by_role("button", name=f"Open version 2, {version}").click()
    await expect(detail).to_have_attribute("data-asset-id", version)
    await expect(detail.get_by_test_id("asset-metadata")).to_contain_text("upscale.fast")
    await expect(detail.get_by_role("link", name="Edit")).to_have_attribute(
        "href", f"/console/edit?asset={version}"
    )

    await expect(detail.get_by_role("button", name=re.compile(r"^Download"))).to_be_visible()
    await fits_the_phone(page)
    assert not (violations := await axe_violations(page)), describe(violations)
