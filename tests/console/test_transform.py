"""The Transform studio: an image becomes a 3D model that shows in `<model-viewer>` and a draft
video that plays (with its poster), each followed to completion; a draft video that says a text
in the chosen language and voice (the local voice) plays with its sound."""

import re

import httpx
from playwright.async_api import Page, expect

from emulator.control import EmulatorControl
from tests.e2e.conftest import emulator  # noqa: F401 (the fixture, reused)
from tests.support.console import (
    PHONE,
    axe_violations,
    describe,
    is_picture,
    pixels,
    save_screenshot,
)
from tests.support.edit_jobs import upload
from tests.support.photos import astronaut, jpeg

RUN = 60_000


async def portrait(api: httpx.AsyncClient) -> str:
    return await upload(api, jpeg(astronaut().resize((320, 320))), "portrait.jpg")


async def completed(page: Page) -> None:
    status = page.get_by_test_id("job-status")
    await expect(status).to_have_attribute("data-status", "completed", timeout=RUN)


async def test_an_image_becomes_a_3d_model_to_turn(
    console: Page,
    api: httpx.AsyncClient,
    emulator: EmulatorControl,  # noqa: F811 (stability well-behaved)
) -> None:
    page = console
    image = await portrait(api)
    await page.goto(f"/console/transform?asset={image}")
    await page.get_by_text("3D model", exact=True).click()
    await page.get_by_role("combobox", name="Texture resolution").click()
    await page.get_by_role("option", name="512", exact=True).click()
    await expect(page.get_by_role("combobox", name="Texture resolution")).to_have_value("512")
    await expect(page.get_by_test_id("cost-chip").first).to_contain_text("10 credits")
    await page.get_by_role("button", name="Make the 3D model").click()
    await completed(page)

    (job,) = (await api.get("/v1/jobs")).json()["items"]
    assert (job["kind"], job["params"]["asset_id"]) == ("transform.image_to_3d", image)
    (model_id,) = job["asset_ids"]
    viewer = page.locator("model-viewer")
    await expect(viewer).to_have_attribute("data-asset-id", model_id)
    assert (await viewer.evaluate("v => v.src")).startswith("blob:")
    await page.wait_for_function(
        "() => document.querySelector('model-viewer')?.loaded === true", timeout=RUN
    )
    assert is_picture(await pixels(viewer)), "the model is drawn"
    await expect(page.get_by_role("button", name="Download GLB")).to_be_visible()
    assert not (violations := await axe_violations(page)), describe(violations)


async def test_a_draft_video_plays_with_its_poster(console: Page, api: httpx.AsyncClient) -> None:
    page = console
    image = await portrait(api)
    await page.goto(f"/console/transform?asset={image}")
    await page.get_by_label("Duration (seconds)").fill("3")
    await expect(page.get_by_test_id("cost-chip").first).to_contain_text("1 credit")
    await page.get_by_role("button", name="Make the video").click()
    await completed(page)

    video = page.locator("video")
    await expect(video).to_have_attribute("src", re.compile(r"^blob:"))
    await expect(video).to_have_attribute("poster", re.compile(r"^blob:"))
    await page.wait_for_function(
        "() => document.querySelector('video')?.readyState >= 1", timeout=RUN
    )
    duration = await video.evaluate("v => v.duration")
    assert abs(duration - 3) < 0.2, duration
    assert await video.evaluate("v => [v.videoWidth, v.videoHeight]") == [1280, 720]
    assert is_picture(await pixels(video)), "the poster shows before it plays"
    await expect(
        page.get_by_text(re.compile(r"MP4 · .* · 1280×720 · 3\.0 s · silent"))
    ).to_be_visible()

    assert not (violations := await axe_violations(page)), describe(violations)
    await save_screenshot(page, "transform")
    await page.set_viewport_size(PHONE)
    box = await video.bounding_box()
    assert box is not None
    assert box["width"] <= PHONE["width"]


async def test_a_draft_video_says_its_text_in_the_picked_voice(
    console: Page, api: httpx.AsyncClient
) -> None:
    page = console
    image = await portrait(api)
    await page.goto(f"/console/transform?asset={image}")
    await page.get_by_label("Duration (seconds)").fill("3")
    await page.get_by_text("Speak text", exact=True).click()
    await page.get_by_label("Text to speak").fill("Le printemps est là.")
    await page.get_by_role("combobox", name="Language").fill("French")
    await page.get_by_role("option", name="French", exact=True).click()
    await page.get_by_role("combobox", name="Voice").click()
    await page.get_by_role("option", name="Male 3", exact=True).click()
    await page.get_by_role("button", name="Make the video").click()
    await completed(page)

    (job,) = (await api.get("/v1/jobs")).json()["items"]
    params = job["params"]
    assert (params["tts_language"], params["tts_voice"]) == ("fr", "m3")
    video = page.locator("video")
    await page.wait_for_function(
        "() => document.querySelector('video')?.readyState >= 1", timeout=RUN
    )
    assert abs(await video.evaluate("v => v.duration") - 3) < 0.2
    await expect(page.get_by_text(re.compile(r"3\.0 s · audio aac"))).to_be_visible()
    await video.evaluate("v => { v.muted = true; return v.play(); }")
    await page.wait_for_function(
        "() => document.querySelector('video')?.webkitAudioDecodedByteCount > 0", timeout=RUN
    )
    assert not (violations := await axe_violations(page)), describe(violations)
