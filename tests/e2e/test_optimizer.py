"""`optimize.social` on the real local stack: upload a photo, get every platform's version, the
library filtering by platform, each output's engagement hint, the zip archive with its manifest,
and bad input refused."""

import csv
import io
import json
import zipfile
from typing import Any

import httpx
import pytest
from minio import Minio
from PIL import Image, ImageDraw

from contracts.catalog.platforms import PRESETS
from tests.support.client import run_job
from tests.support.photos import jpeg, photo
from tests.support.stack import RunningStack

HINT_COMPONENTS = {
    "subject_visibility",
    "text_legibility",
    "safe_zone_clearance",
    "contrast",
    "clutter",
}


async def upload(api: httpx.AsyncClient, data: bytes, name: str = "campaign.jpg") -> str:
    response = await api.post("/v1/uploads", files={"file": (name, data, "image/jpeg")})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def optimize(asset_id: str, **params: Any) -> dict[str, Any]:
    return {"kind": "optimize.social", "params": {"asset_id": asset_id, **params}}


async def job_assets(api: httpx.AsyncClient, job_id: str, **filters: str) -> list[dict[str, Any]]:
    response = await api.get("/v1/assets", params={"job_id": job_id, "limit": 100, **filters})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


@pytest.fixture(scope="module")
def campaign_photo() -> bytes:
    return jpeg(photo((4000, 3000)), quality=90)


async def test_one_photo_becomes_every_platform_format(
    api: httpx.AsyncClient, campaign_photo: bytes
) -> None:
    source = await upload(api, campaign_photo)
    job = await run_job(api, optimize(source, presets=["all"], level="balanced"))
    assert job["status"] == "completed", job
    assert job["cost"]["credits"] == 1
    assert job["failures"] == []

    outputs = await job_assets(api, job["id"], role="output")
    assert sorted(a["preset"] for a in outputs) == sorted(PRESETS)
    for asset in outputs:
        preset = PRESETS[asset["preset"]]
        assert (asset["width"], asset["height"]) == (preset.width, preset.height)
        assert asset["format"] in preset.formats
        assert preset.max_bytes is None or asset["bytes"] <= preset.max_bytes
        assert asset["source_asset_id"] == source
        assert asset["platform"] == preset.platform
        assert asset["report"]["crop"]["faces"], "the astronaut's face was detected"
        assert {c["name"] for c in asset["report"]["checks"]} >= {"sharpness", "exposure"}

    previews = await job_assets(api, job["id"], role="safe_zone_preview")
    with_overlays = {p.id for p in PRESETS.values() if p.safe or p.safe_box or p.mask}
    assert {a["preset"] for a in previews} == with_overlays

    stories = await job_assets(api, job["id"], preset="ig.story", role="output")
    assert [a["preset"] for a in stories] == ["ig.story"]
    content = await api.get(f"/v1/assets/{stories[0]['id']}/content")
    assert content.status_code == 302


async def test_every_output_carries_an_explained_engagement_hint(api: httpx.AsyncClient) -> None:
    poster = photo((1080, 1920))
    ImageDraw.Draw(poster).text((80, 60), "SUMMER SALE", fill="white", font_size=120)
    source = await upload(api, jpeg(poster))
    job = await run_job(api, optimize(source, presets=["ig.story", "x.header"], previews=False))
    assert job["status"] == "completed", job

    hints = {a["preset"]: a["report"]["engagement_hint"] for a in await job_assets(api, job["id"])}
    assert set(hints) == {"ig.story", "x.header"}
    for hint in hints.values():
        assert hint["method"] == "heuristic"
        assert "not a prediction of clicks" in hint["description"]
        components = {c["name"]: c for c in hint["components"]}
        assert set(components) == HINT_COMPONENTS
        assert all(c["why"] and c["measure"] and c["weight"] > 0 for c in components.values())
        scored = [(c["score"], c["weight"]) for c in components.values() if c["score"] is not None]
        assert hint["score"] == round(sum(s * w for s, w in scored) / sum(w for _, w in scored))
    story = {c["name"]: c for c in hints["ig.story"]["components"]}
    assert story["safe_zone_clearance"]["score"] < 100, (
        "the headline lies under the story's top bar"
    )
    header = {c["name"]: c for c in hints["x.header"]["components"]}
    assert header["safe_zone_clearance"]["why"] == "the format has no documented UI overlays"


async def test_the_archive_holds_every_output_and_a_manifest(
    api: httpx.AsyncClient, campaign_photo: bytes
) -> None:
    source = await upload(api, campaign_photo)
    job = await run_job(
        api, optimize(source, presets=["instagram", "x.header"], previews=False, variants=2)
    )
    assert job["status"] == "completed", job

    response = await api.get(f"/v1/jobs/{job['id']}/archive")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assets = {a["id"]: a for a in await job_assets(api, job["id"])}
    assert len(manifest["files"]) == len(rows) == len(assets) == len(job["asset_ids"])
    for entry in manifest["files"]:
        data = archive.read(entry["file"])
        asset = assets[entry["asset_id"]]
        assert len(data) == entry["bytes"] == asset["bytes"]
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (entry["width"], entry["height"])
        assert entry["ssim"] == asset["report"]["ssim"]
        assert entry["platform"] == PRESETS[entry["preset"]].platform
    variants = {(e["preset"], e["variant"]) for e in manifest["files"]}
    assert ("x.header", 1) in variants, "a second crop of the header (A/B)"


async def test_a_byte_limit_that_cannot_be_met_fails_only_that_format(
    api: httpx.AsyncClient,
) -> None:
    grainy = jpeg(photo((2600, 1500), grain=40), quality=95)
    source = await upload(api, grainy)
    body = optimize(source, presets=["x.profile", "yt.banner"], max_bytes=40_000, previews=False)
    job = await run_job(api, body)
    assert job["status"] == "completed", job
    assert [f["preset"] for f in job["failures"]] == ["yt.banner"]
    assert job["failures"][0]["code"] == "byte_limit_unreachable"
    outputs = await job_assets(api, job["id"])
    assert [(a["preset"], a["bytes"] <= 40_000) for a in outputs] == [("x.profile", True)]


async def test_unknown_presets_are_refused_with_the_valid_ones(
    api: httpx.AsyncClient, campaign_photo: bytes
) -> None:
    source = await upload(api, jpeg(photo((640, 480))))
    response = await api.post("/v1/jobs", json=optimize(source, presets=["ig.story", "myspace"]))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_params"
    assert "myspace" in json.dumps(error)
    assert "ig.story" in json.dumps(error["details"])
    assert "tiktok" in json.dumps(error["details"])


async def test_an_unknown_source_asset_is_refused(api: httpx.AsyncClient) -> None:
    missing = "ast_" + "0" * 26
    response = await api.post("/v1/jobs", json=optimize(missing, presets=["all"]))
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == "params.asset_id"


async def test_a_source_that_is_not_an_image_fails_the_job_clearly(
    api: httpx.AsyncClient, stack: RunningStack
) -> None:
    source = await upload(api, jpeg(photo((640, 480))))
    stored = (await api.get(f"/v1/assets/{source}")).json()
    s3 = stack.local.s3_settings()
    minio = Minio(
        s3.endpoint, s3.access_key, s3.secret_key.get_secret_value(), secure=False, region=s3.region
    )
    key = next(
        o.object_name
        for o in minio.list_objects(s3.bucket, recursive=True)
        if o.object_name and source in o.object_name
    )
    garbage = b"%PDF-1.7 this is not an image" * 10
    minio.put_object(s3.bucket, key, io.BytesIO(garbage), len(garbage))
    assert stored["format"] == "jpeg"

    job = await run_job(api, optimize(source, presets=["ig.feed.square"]))
    assert job["status"] == "failed"
    assert job["error"]["code"] == "unsupported_media_type"
    assert "not a PNG, JPEG or WebP" in job["error"]["message"]
