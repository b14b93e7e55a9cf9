"""The Library finds assets by words and by meaning, filters them, edits one in its detail (saved
with `If-Match`, a conflicting edit refused with a clear message) and tags many at once after a
dry-run count. One tenant and one set of assets for the whole file."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Locator, Page, expect

from tests.support.client import authed
from tests.support.console import axe_violations, describe, fits_the_phone, save_screenshot
from tests.support.library import analysed, generated, search
from tests.support.stack import RunningStack

PROMPTS = [
    "golden hour by the sea",
    "a stack of pancakes with maple syrup",
    "wind turbines on green hills",
    "a cat sleeping on a windowsill",
    "a red sports car on a mountain road",
    "a vintage typewriter on a desk",
]


@pytest.fixture(scope="module")
async def tenant_key(stack: RunningStack) -> str:
    """One tenant for the file: its assets are made once (see `made`)."""
    return await stack.tenant()


@pytest.fixture(scope="module")
async def made(stack: RunningStack, tenant_key: str) -> AsyncIterator[dict[str, dict[str, Any]]]:
    """The assets by prompt, analysed (their embeddings, colours and tags are in)."""
    async with authed(stack.url, tenant_key) as client:
        assets = await generated(client, PROMPTS)
        yield {asset["prompt"]: await analysed(client, asset["id"]) for asset in assets}


def cards(page: Page) -> Locator:
    return page.get_by_test_id("asset-card")


def search_box(page: Page) -> Locator:
    return page.get_by_role("searchbox", name="Search", exact=True)


async def no_violations(page: Page) -> None:
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_search_by_words_and_meaning_and_filter_favourites(
    console: Page, api: httpx.AsyncClient, made: dict[str, dict[str, Any]]
) -> None:
    page = console
    await page.goto("/console/library")
    await expect(cards(page)).to_have_count(len(PROMPTS))
    await expect(page.get_by_test_id("asset-count")).to_have_text(f"{len(PROMPTS)} assets")

    await search_box(page).fill("typewriter")
    await search_box(page).press("Enter")
    await expect(cards(page)).to_have_count(1)
    typewriter = made["a vintage typewriter on a desk"]["id"]
    await expect(cards(page).first).to_have_attribute("data-asset-id", typewriter)
    await expect(page).to_have_url("/console/library?q=typewriter")

    await page.get_by_role("switch", name="By meaning").click()
    await expect(page.get_by_role("switch", name="By meaning")).to_be_checked()
    await search_box(page).fill("sunset beach ad")
    await search_box(page).press("Enter")
    golden = made["golden hour by the sea"]["id"]
    await expect(cards(page).first).to_have_attribute("data-asset-id", golden)
    await expect(page.get_by_role("combobox", name="Sort")).to_have_value("Best match")
    await no_violations(page)
    await save_screenshot(page, "library-search")

    pancakes = made["a stack of pancakes with maple syrup"]["id"]
    edited = await api.patch(f"/v1/assets/{pancakes}", json={"favorite": True, "rating": 4})
    assert edited.status_code == 200, edited.text
    await search_box(page).fill("")
    await search_box(page).press("Enter")
    await page.get_by_role("switch", name="Favourites only").click()
    await expect(cards(page)).to_have_count(1)
    await expect(cards(page)).to_have_attribute("data-asset-id", pancakes)
    await expect(cards(page)).to_contain_text("★")
    await page.get_by_role("button", name="Clear all filters").click()
    await expect(cards(page)).to_have_count(len(PROMPTS))
    await fits_the_phone(page)
    await no_violations(page)


async def test_an_edit_is_saved_and_a_conflicting_one_is_refused(
    console: Page, api: httpx.AsyncClient, made: dict[str, dict[str, Any]]
) -> None:
    asset = made["a red sports car on a mountain road"]
    page = console
    await page.goto(f"/console/library?asset={asset['id']}")
    detail = page.get_by_test_id("asset-detail")
    editor = detail.get_by_test_id("asset-editor")
    await expect(detail.get_by_test_id("auto-tags").get_by_text("· prompt").first).to_be_visible()
    colours = detail.get_by_test_id("dominant-colours").get_by_role("listitem")
    await expect(colours.first).to_have_attribute("data-colour", asset["dominant_colors"][0])
    await expect(detail.get_by_test_id("image-facts")).to_contain_text(asset["phash"])

    await editor.get_by_label("Title", exact=True).fill("Red car hero")
    tags = editor.get_by_role("combobox", name="Tags", exact=True)
    for tag in ("hero", "autos"):
        await tags.fill(tag)
        await tags.press("Enter")
    await editor.get_by_role("radio", name="4 stars").focus()  # the stars are keyboard-usable
    await page.keyboard.press("Space")
    await editor.get_by_role("button", name="Save changes").click()
    await expect(editor.get_by_role("status")).to_have_text("Saved.")
    saved = (await api.get(f"/v1/assets/{asset['id']}")).json()
    assert saved["title"] == "Red car hero"
    assert (sorted(saved["tags"]), saved["rating"]) == (["autos", "hero"], 4)

    await page.reload()
    editor = page.get_by_test_id("asset-editor")
    await expect(editor.get_by_label("Title", exact=True)).to_have_value("Red car hero")
    await expect(editor).to_contain_text("autos")
    await no_violations(page)
    await save_screenshot(page, "library-asset")

    await editor.get_by_label("Title", exact=True).fill("Red car, take two")
    other = await api.patch(f"/v1/assets/{asset['id']}", json={"title": "Changed elsewhere"})
    assert other.status_code == 200, other.text
    await editor.get_by_role("button", name="Save changes").click()
    conflict = editor.get_by_test_id("edit-conflict")
    await expect(conflict).to_contain_text("Someone else changed this asset")
    assert (await api.get(f"/v1/assets/{asset['id']}")).json()["title"] == "Changed elsewhere"
    await no_violations(page)
    await conflict.get_by_role("button", name="Reload the asset").click()
    await expect(editor.get_by_label("Title", exact=True)).to_have_value("Changed elsewhere")
    await expect(conflict).to_have_count(0)


async def test_bulk_tagging_shows_the_dry_run_count_first(
    console: Page, api: httpx.AsyncClient, made: dict[str, dict[str, Any]]
) -> None:
    picked = [made[prompt]["id"] for prompt in PROMPTS[2:4]]
    page = console
    await page.goto("/console/library")
    await expect(cards(page)).to_have_count(len(PROMPTS))
    for asset_id in picked:
        await page.get_by_role("checkbox", name=f"Select {asset_id}").check()
    await page.get_by_role("button", name="Tag…", exact=True).click()
    dialog = page.get_by_role("dialog", name="Tag assets")
    tags = dialog.get_by_role("combobox", name="Tags to add")
    await tags.fill("spring-campaign")
    await tags.press("Enter")
    count = dialog.get_by_test_id("bulk-count")
    await expect(count).to_have_text("2 assets of 2 will be tagged spring-campaign.")
    assert (await search(api, tags="spring-campaign"))["total"] == 0, "a dry run changes nothing"
    await tags.press("Tab")  # closes the tag suggestions (their list scrolls by the arrow keys)
    await no_violations(page)
    await dialog.get_by_role("button", name="Tag 2 assets").click()
    await expect(page.get_by_role("status")).to_contain_text("2 assets changed")
    tagged = await search(api, tags="spring-campaign")
    assert sorted(item["id"] for item in tagged["items"]) == sorted(picked)

    await page.get_by_role("combobox", name="Tags", exact=True).fill("spring")
    await page.get_by_role("option", name="spring-campaign").click()
    await expect(cards(page)).to_have_count(2)
