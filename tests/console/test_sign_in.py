"""Signing in: the screen explains where keys come from, refuses a wrong key with the API's
message, and keeps a good one for the tab."""

from playwright.async_api import Page, expect

from tests.support.console import axe_violations, describe, save_screenshot


async def test_a_refused_key_is_explained_and_a_good_one_signs_in(
    blank_page: Page, tenant_key: str
) -> None:
    page = blank_page
    await page.goto("/console/")
    await expect(page).to_have_url("/console/sign-in")
    await expect(page.get_by_text("Where keys come from")).to_be_visible()
    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "sign-in")

    await page.get_by_label("API key").fill("isk_" + "x" * 40)
    await page.get_by_role("button", name="Sign in").click()
    refusal = page.get_by_test_id("api-error")
    await expect(refusal).to_have_attribute("data-code", "unauthorized")
    await expect(refusal).to_contain_text("sign in again")

    await page.get_by_label("API key").fill(tenant_key)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page).to_have_url("/console/create")
    await expect(page.get_by_test_id("balance")).to_contain_text("credits")
    assert await page.evaluate("sessionStorage.getItem('studio.api-key')") == tenant_key


async def test_signing_out_forgets_the_key(console: Page) -> None:
    await console.goto("/console/jobs")
    await console.get_by_role("button", name="Sign out").click()
    await expect(console).to_have_url("/console/sign-in")
