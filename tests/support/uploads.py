"""Helpers of the upload tests: images to upload, what the tenant stored."""

import io

import httpx
import numpy as np
from PIL import Image

from tests.support.client import download
from tests.support.stack import RunningStack

ALLOWED_HOST = "127.0.0.2"
"""The test stack's `GATEWAY_UPLOAD_URL_ALLOW`: loopback, yet fetchable (127.0.0.1 is not)."""
GPS, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, fmt, **options)
    return out.getvalue()


def photo_with_location(orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: turned (orientation 6), with a camera make and GPS."""
    ramp = (np.arange(96 * 64 * 3) % 253).astype(np.uint8).reshape(64, 96, 3)
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
    exif.get_ifd(GPS).update({1: "N", 2: (52.0, 30.0, 0.0), 3: "E", 4: (13.0, 24.0, 0.0)})
    out = io.BytesIO()
    Image.fromarray(ramp).save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


async def tenant_objects(stack: RunningStack, api: httpx.AsyncClient) -> list[str]:
    from minio import Minio

    tenant_id = (await api.get("/v1/billing/account")).json()["tenant_id"]
    s3 = stack.local.s3_settings()
    client = Minio(
        s3.endpoint, s3.access_key, s3.secret_key.get_secret_value(), secure=False, region=s3.region
    )
    listed = client.list_objects(s3.bucket, prefix=f"{tenant_id}/", recursive=True)
    return [str(item.object_name) for item in listed]


async def stored_content(api: httpx.AsyncClient, asset: dict[str, object]) -> bytes:
    content = await api.get(f"/v1/assets/{asset['id']}/content")
    assert content.status_code == 302
    return await download(content.headers["location"])


async def assert_nothing_stored(stack: RunningStack, api: httpx.AsyncClient) -> None:
    assert (await api.get("/v1/assets")).json()["items"] == []
    assert await tenant_objects(stack, api) == []
