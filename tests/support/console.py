"""Driving the console in a real headless Chromium (Debian's package): sign-in, accessibility
checks with axe-core (from the console's own npm packages), pixels of what a page shows, and
screenshots for the docs."""

import io
import os
from pathlib import Path
from typing import Any

from PIL import Image, ImageStat
from playwright.async_api import Locator, Page, ViewportSize

from deploy.local.stack import REPO
from tests.support.stack import RunningStack

CHROMIUM = "/usr/bin/chromium"
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("STUDIO_SCREENSHOTS")
"""A folder to save each page's screenshot in (`docs/console` for the docs), or none."""
SERIOUS = ("serious", "critical")
KEY_NAME = "studio.api-key"


def context_options(stack: RunningStack) -> dict[str, Any]:
    """A 1280×800 tab on the stack's gateway. `bypass_csp` lets the tests inject axe-core (the
    console's own Content-Security-Policy allows only its own scripts)."""
    return {
        "viewport": VIEWPORT,
        "base_url": stack.url,
        "accept_downloads": True,
        "bypass_csp": True,
    }


def sign_in_script(key: str) -> str:
    """Page script that puts the key where the sign-in screen keeps it (session storage)."""
    return f"window.sessionStorage.setItem({KEY_NAME!r}, {key!r});"


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2 A/AA violations on the page as it is now."""
    await page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = await page.evaluate(
        "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
    )
    return [v for v in result["violations"] if v["impact"] in SERIOUS]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


async def fits_the_phone(page: Page) -> None:
    """Resize the page to a phone's screen and wait until it is laid out no wider than that
    (the app shell's layout transition makes it briefly wider right after the resize)."""
    await page.set_viewport_size(PHONE)
    await page.wait_for_function(f"document.documentElement.scrollWidth <= {PHONE['width']}")


async def pixels(locator: Locator) -> Image.Image:
    """What the browser paints for an element, as an RGB image."""
    return Image.open(io.BytesIO(await locator.screenshot())).convert("RGB")


def is_picture(image: Image.Image, spread: float = 12.0) -> bool:
    """Whether an area shows an image rather than a blank or flat fill: its colours vary."""
    return max(ImageStat.Stat(image).stddev) >= spread


async def save_screenshot(page: Page, name: str) -> None:
    """Keep the page's screenshot when `STUDIO_SCREENSHOTS` names a folder: the whole page, in a
    window as tall as it (a full-page capture would repeat the shell's fixed header)."""
    if not SCREENSHOTS:
        return
    size = page.viewport_size or VIEWPORT
    height = await page.evaluate("document.documentElement.scrollHeight")
    await page.set_viewport_size({"width": size["width"], "height": min(height, 4000)})
    await page.screenshot(
        path=str(Path(SCREENSHOTS) / f"{name}.png")
    )  # Playwright makes the folder
    await page.set_viewport_size(size)
