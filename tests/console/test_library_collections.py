"""The Library's other views: collections (made, filled from the grid's selection, in order,
reordered, downloaded), share links opened without a key, the trash (an asset deleted and
restored), the library settings, duplicates (a re-encoded copy trashed), exports, and the
storage figure on the Account page. One tenant and one set of assets for the whole file."""

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Locator, Page, expect

from tests.support.client import authed
from tests.support.console import (
    axe_violations,
    describe,
    fits_the_phone,
    is_picture,
    pixels,
    save_screenshot,
)
from tests.support.edit_jobs import subject_on_plain, upload
from tests.support.library import analysed, generated
from tests.support.stack import RunningStack

PROMPTS = ["a lighthouse on a cliff", "a bowl of ramen", "a hot air balloon over the desert"]


@pytest.fixture(scope="module")
async def tenant_key(stack: RunningStack) -> str:
    """One tenant for the file: its assets are made once (see `made`)."""
    return await stack.tenant()


@pytest.fixture(scope="module")
async def made(stack: RunningStack, tenant_key: str) -> AsyncIterator[list[dict[str, Any]]]:
    async with authed(stack.url, tenant_key) as client:
        yield await generated(client, PROMPTS)


def cards(page: Page) -> Locator:
    return page.get_by_test_id("asset-card")


async def no_violations(page: Page) -> None:
    assert not (violations := await axe_violations(page)), describe(violations)


async def shown_ids(page: Page) -> list[str | None]:
    return [await card.get_attribute("data-asset-id") for card in await cards(page).all()]


async def test_a_collection_is_made_filled_from_the_selection_and_reordered(
    console: Page, api: httpx.AsyncClient, made: list[dict[str, Any]]
) -> None:
    page = console
    await page.goto("/console/library/collections")
    await page.get_by_label("Name").fill("Summer campaign")
    await page.get_by_role("button", name="Create collection").click()
    card = page.get_by_test_id("collection-card")
    await expect(card).to_contain_text("0 assets")
    await no_violations(page)

    first, second = made[2]["id"], made[0]["id"]
    await page.get_by_role("link", name="Assets", exact=True).click()
    await expect(cards(page)).to_have_count(len(PROMPTS))
    for asset_id in (first, second):
        await page.get_by_role("checkbox", name=f"Select {asset_id}").check()
    await page.get_by_role("button", name="Add to collection…").click()
    dialog = page.get_by_role("dialog", name="Add to a collection")
    await dialog.get_by_role("combobox", name="Collection").click()
    await page.get_by_role("option", name="Summer campaign").click()
    await expect(dialog.get_by_test_id("bulk-count")).to_have_text(
        "2 assets of 2 will be added at its end, in the order picked."
    )
    await dialog.get_by_role("button", name="Add 2 assets").click()
    await expect(page.get_by_role("status")).to_contain_text("2 assets changed")

    await page.get_by_role("link", name="Collections").click()
    await expect(card).to_contain_text("2 assets")
    await expect(card.get_by_role("img")).to_have_attribute("data-asset-id", first)
    await save_screenshot(page, "library-collections")
    await card.get_by_role("link", name="Summer campaign").click()
    view = page.get_by_test_id("collection-view")
    await expect(view.get_by_test_id("collection-name")).to_have_text("Summer campaign")
    await expect(cards(page)).to_have_count(2)
    assert await shown_ids(page) == [first, second], "in the order they were picked"
    await no_violations(page)
    await save_screenshot(page, "library-collection")

    await page.get_by_role("button", name=f"Move {second} earlier").click()
    await expect(cards(page).first).to_have_attribute("data-asset-id", second)
    (collection,) = (await api.get("/v1/collections")).json()["items"]
    listed = (await api.get(f"/v1/collections/{collection['id']}/assets")).json()["items"]
    assert [item["id"] for item in listed] == [second, first]
    async with page.expect_download() as downloading:
        await view.get_by_role("button", name="Download zip").click()
    archive = Path(await (await downloading.value).path())
    names = await asyncio.to_thread(lambda: zipfile.ZipFile(archive).namelist())
    assert [name for name in names if name.startswith("0")] == [
        f"0001-{second}.png",
        f"0002-{first}.png",
    ], names
    await fits_the_phone(page)
    await no_violations(page)


async def test_a_share_link_shows_the_image_without_a_key(
    console: Page, blank_page: Page, made: list[dict[str, Any]]
) -> None:
    asset = made[1]
    page = console
    await page.goto(f"/console/library?asset={asset['id']}")
    detail = page.get_by_test_id("asset-detail")
    await detail.get_by_role("button", name="Create share link").click()
    created = detail.get_by_test_id("share-created")
    link = await created.get_by_role("textbox", name="Link").input_value()
    assert "/console/shared/" in link
    embed = await created.get_by_role("textbox", name="Embed code").input_value()
    assert embed.startswith("<picture"), embed
    assert "/v1/shared/" in embed, embed
    await expect(detail.get_by_test_id("share-link")).to_have_count(1)
    await no_violations(page)

    await detail.get_by_label("Password (optional)").fill("open sesame")
    await detail.get_by_role("checkbox", name="Allow download (off: view only)").uncheck()
    await detail.get_by_role("button", name="Create share link").click()
    await expect(detail.get_by_test_id("share-link")).to_have_count(2)
    locked = await created.get_by_role("textbox", name="Link").input_value()
    assert locked != link

    stranger = blank_page
    await stranger.goto(link)
    image = stranger.get_by_test_id("shared-image")
    await expect(image).to_have_js_property("complete", True)
    assert is_picture(await pixels(image)), "the shared image is drawn"
    await expect(stranger.get_by_role("link", name="Download")).to_be_visible()
    await no_violations(stranger)
    await save_screenshot(stranger, "shared")

    await stranger.goto(locked)
    await stranger.get_by_role("textbox", name="Password").fill("open sesame")
    await stranger.get_by_role("button", name="Open").click()
    await expect(image).to_have_js_property("complete", True)
    assert is_picture(await pixels(image)), "the image behind the password is drawn"
    await expect(stranger.get_by_role("link", name="Download")).to_have_count(0)
    await fits_the_phone(stranger)
    await no_violations(stranger)


async def test_an_asset_is_trashed_and_restored(
    console: Page, api: httpx.AsyncClient, made: list[dict[str, Any]]
) -> None:
    asset = made[0]
    page = console
    await page.goto(f"/console/library?asset={asset['id']}")
    detail = page.get_by_test_id("asset-detail")
    await detail.get_by_role("button", name="Move to trash").click()
    confirm = page.get_by_role("dialog", name="Move this asset to the trash?")
    await confirm.get_by_role("button", name="Move to trash").click()
    await expect(detail).to_have_count(0)
    await expect(cards(page)).to_have_count(len(PROMPTS) - 1)
    assert (await api.get(f"/v1/assets/{asset['id']}")).json()["trashed_at"] is not None

    await page.get_by_role("link", name="Trash").click()
    await expect(cards(page)).to_have_count(1)
    await expect(cards(page)).to_have_attribute("data-asset-id", asset["id"])
    await expect(cards(page)).to_contain_text("Gone for good")
    await no_violations(page)
    await save_screenshot(page, "library-trash")
    await page.get_by_role("button", name=f"Restore {asset['id']}").click()
    await expect(page.get_by_test_id("asset-count")).to_have_text("The trash is empty.")
    assert (await api.get(f"/v1/assets/{asset['id']}")).json()["trashed_at"] is None
    await page.get_by_role("link", name="Assets", exact=True).click()
    await expect(cards(page)).to_have_count(len(PROMPTS))


async def test_settings_duplicates_exports_and_storage(
    console: Page, api: httpx.AsyncClient, made: list[dict[str, Any]]
) -> None:
    picture, copy = io.BytesIO(), io.BytesIO()
    subject_on_plain().save(picture, "PNG")
    subject_on_plain().save(copy, "JPEG", quality=70)
    kept = await upload(api, picture.getvalue(), "subject.png")
    extra = await upload(api, copy.getvalue(), "subject.jpg")
    for asset_id in (kept, extra):
        await analysed(api, asset_id)
    page = console
    await page.goto("/console/library/settings")
    days = page.get_by_label("Days in the trash")
    await expect(days).to_have_value("30")
    await days.fill("14")
    await page.get_by_role("button", name="Add a rule").click()
    rule = page.get_by_test_id("retention-rule")
    await expect(rule.get_by_label("Rule 1 name")).to_have_value("Drafts after 7 days")
    await rule.get_by_role("button", name="How many now?").click()
    await expect(rule).to_contain_text("0 assets would go to the trash now.")
    await no_violations(page)
    await save_screenshot(page, "library-settings")
    await page.get_by_role("button", name="Save settings").click()
    await expect(page.get_by_role("status")).to_have_text("Saved.")
    settings = (await api.get("/v1/library/settings")).json()
    assert settings["trash_days"] == 14
    (saved,) = settings["retention_rules"]
    assert (saved["name"], saved["older_than_days"]) == ("Drafts after 7 days", 7)
    assert (saved["filter"]["quality"], saved["filter"]["favorite"]) == (["draft"], False)

    await page.get_by_role("link", name="Duplicates").click()
    await expect(page.get_by_test_id("duplicate-count")).to_have_text("1 group of near-duplicates")
    group = page.get_by_test_id("duplicate-group")
    copies = group.get_by_test_id("duplicate")
    await expect(copies).to_have_count(2)
    await expect(copies.first).to_have_attribute("data-asset-id", kept)
    await expect(group.get_by_role("radio", name="Keep this one").first).to_be_checked()
    await no_violations(page)
    await save_screenshot(page, "library-duplicates")
    await group.get_by_role("button", name="Trash the other 1").click()
    await expect(page.get_by_test_id("duplicate-count")).to_have_text(
        "No near-duplicates in the library."
    )
    assert (await api.get(f"/v1/assets/{extra}")).json()["trashed_at"] is not None

    await page.get_by_role("link", name="Exports").click()
    exports = page.get_by_test_id("exports")
    await expect(exports.get_by_role("row")).to_have_count(2)  # the collection's zip
    await expect(exports).to_contain_text("collection")
    await fits_the_phone(page)
    await no_violations(page)

    stats = (await api.get("/v1/library/stats")).json()
    await page.goto("/console/account")
    storage = page.get_by_test_id("stat-storage")
    await expect(storage).to_have_text(formatted_bytes(stats["totals"]["stored_bytes"]))
    assert stats["totals"]["stored_bytes"] > 0


def formatted_bytes(count: int) -> str:
    """The console's `formatBytes`: 1,000-based units, one decimal above bytes."""
    value, unit = float(count), 0
    while value >= 1000 and unit < 3:
        value, unit = value / 1000, unit + 1
    return f"{value:.{0 if unit == 0 else 1}f} {['B', 'kB', 'MB', 'GB'][unit]}"
