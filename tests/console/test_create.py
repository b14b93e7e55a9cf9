"""The Create studio: the estimate before submitting, four draft variations that really render,
and the API's refusals (402 and 422) shown where the user acted."""

import re

from playwright.async_api import Browser, Page, expect

from tests.support.console import (
    PHONE,
    axe_violations,
    context_options,
    describe,
    fits_the_phone,
    is_picture,
    pixels,
    save_screenshot,
    sign_in_script,
)
from tests.support.stack import RunningStack

PROMPT = "a lighthouse on a cliff at dusk"


async def fill_draft_form(page: Page, prompt: str = PROMPT) -> None:
    """The prompt, and the local-draft provider (which runs the draft tier on the CPU)."""
    await page.goto("/console/create")
    await page.get_by_role("textbox", name="Prompt", exact=True).fill(prompt)
    await page.get_by_role("combobox", name="Provider").click()
    await page.get_by_role("option", name="local-draft").click()


async def test_four_draft_variations_render_after_their_estimate(console: Page) -> None:
    page = console
    await fill_draft_form(page)
    estimate = page.get_by_test_id("estimate")
    await expect(estimate.get_by_test_id("cost-chip").first).to_contain_text("4 credits")
    await expect(estimate).to_contain_text("runs on local-draft")
    assert await page.get_by_test_id("variation").count() == 0, "nothing is made before submitting"

    await page.get_by_role("button", name="Generate 4 images").click()
    await expect(page.get_by_test_id("variation")).to_have_count(4)
    images = page.get_by_test_id("results").get_by_role(
        "img", name=re.compile(r"^Result, variation")
    )
    await expect(images).to_have_count(4, timeout=30_000)
    for index in range(4):
        image = images.nth(index)
        await image.evaluate("img => img.decode()")
        assert is_picture(await pixels(image)), f"variation {index + 1} shows no picture"
    await expect(page.get_by_test_id("job-status")).to_have_attribute("data-status", "completed")
    ids = {await images.nth(i).get_attribute("data-asset-id") for i in range(4)}
    assert len(ids) == 4, "four different images"
    assert all(i and i.startswith("ast_") for i in ids), ids

    first = page.get_by_test_id("variation").first
    asset_id = await images.first.get_attribute("data-asset-id")
    for label, path in [
        ("Edit", "edit"),
        ("Upscale", "upscale"),
        ("Optimize for social", "optimize"),
    ]:
        link = first.get_by_role("link", name=label)
        await expect(link).to_have_attribute("href", f"/console/{path}?asset={asset_id}")
    await expect(first.get_by_role("link", name="Open in library")).to_have_attribute(
        "href", f"/console/library?asset={asset_id}"
    )
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "create")

    await page.set_viewport_size(PHONE)
    await expect(images.first).to_be_visible()
    await fits_the_phone(page)


async def test_a_tenant_without_credits_sees_the_refusal_and_what_to_do(
    browser: Browser, stack: RunningStack
) -> None:
    # Pro: the Free plan's burst of 5 requests is less than the console's first load
    key = await stack.tenant(plan="pro", credits=0)
    context = await browser.new_context(**context_options(stack))
    await context.add_init_script(sign_in_script(key))
    page = await context.new_page()
    try:
        await fill_draft_form(page)
        await expect(page.get_by_test_id("estimate-refusal")).to_contain_text("Cannot run now")
        await page.get_by_role("button", name="Generate 4 images").click()

        refusal = page.get_by_test_id("api-error")
        await expect(refusal).to_have_attribute("data-code", "insufficient_credits")
        await expect(refusal).to_contain_text("402 insufficient_credits")
        await expect(refusal).to_contain_text("4 credits needed, 0 available")  # the API's message
        await expect(refusal).to_contain_text("top up credits")  # what to do about it
        await expect(page.get_by_test_id("variation")).to_have_count(0)
    finally:
        await context.close()


async def test_bad_input_is_refused_beside_its_field(console: Page) -> None:
    page = console
    await fill_draft_form(page)
    await page.get_by_role("textbox", name="Seed").fill("5000000000")
    await expect(page.get_by_test_id("estimate")).to_contain_text("params.seed")
    await page.get_by_role("button", name="Generate 4 images").click()

    refusal = page.get_by_test_id("api-error")
    await expect(refusal).to_have_attribute("data-code", "invalid_params")
    await expect(refusal).to_contain_text("params.seed")
    await expect(refusal).to_contain_text("4294967294")
    await expect(page.get_by_role("textbox", name="Seed")).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_test_id("variation")).to_have_count(0)
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_recommendations_render_with_why_and_picking_one_changes_the_estimate(
    console: Page,
) -> None:
    page = console
    await page.goto("/console/create")
    await page.get_by_role("textbox", name="Prompt", exact=True).fill(
        'a bakery window with a sign that says "FRESH BREAD"'
    )
    listed = page.get_by_test_id("recommendations")
    await expect(listed).to_contain_text("the prompt quotes text to show")
    first = listed.get_by_test_id("recommendation").first
    await expect(first).to_contain_text("renders text")
    await expect(first.get_by_test_id("cost-chip")).to_contain_text("credits")
    estimate = page.get_by_test_id("estimate")
    await expect(estimate).to_contain_text("runs on stability · core")  # auto: its dearest route
    await first.get_by_role("button", name="Pick wavespeed · qwen-image").click()
    await expect(page.get_by_role("combobox", name="Provider")).to_have_value("wavespeed")
    await expect(estimate).to_contain_text("runs on wavespeed · qwen-image")
    await expect(estimate.get_by_test_id("cost-chip").first).to_contain_text("8 credits")
    assert not (violations := await axe_violations(page)), describe(violations)
