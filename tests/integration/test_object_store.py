"""The S3 adapter against the real S3 server (SeaweedFS)."""

import uuid

import httpx
import pytest

from shared.errors import PermanentError
from shared.objects import S3ObjectStore, object_key
from tests.support.stack import RunningStack


@pytest.fixture
def store(stack: RunningStack) -> S3ObjectStore:
    return S3ObjectStore(stack.local.s3_settings())


async def test_put_get_and_download_url(store: S3ObjectStore) -> None:
    key = object_key("ten_x", 2026, 11, f"ast_{uuid.uuid4().hex}", "png")
    assert key.startswith("ten_x/2026/11/ast_")
    await store.put(key, b"\x89PNG...", "image/png", {"sha256": "abc"})
    assert await store.get(key) == b"\x89PNG..."
    async with httpx.AsyncClient() as http:
        response = await http.get(await store.download_url(key, ttl_s=60))
    assert response.status_code == 200
    assert response.content == b"\x89PNG..."
    assert response.headers["content-type"] == "image/png"


async def test_a_missing_object_is_a_permanent_not_found(store: S3ObjectStore) -> None:
    with pytest.raises(PermanentError) as missing:
        await store.get("ten_x/nothing-here.png")
    assert missing.value.code == "object_not_found"


async def test_ping_and_bucket_creation_are_idempotent(store: S3ObjectStore) -> None:
    await store.ensure_bucket()
    await store.ensure_bucket()
    await store.ping()


async def test_presigned_urls_name_the_public_origin_and_are_signed_for_it(
    stack: RunningStack, store: S3ObjectStore
) -> None:
    key = object_key("ten_x", 2026, 12, f"ast_{uuid.uuid4().hex}", "png")
    await store.put(key, b"shared", "image/png", {})
    public = stack.local.s3_settings().model_copy(
        update={"public_endpoint": "https://media.example.com"}
    )
    url = httpx.URL(await S3ObjectStore(public).download_url(key, ttl_s=86_400))
    assert (url.scheme, url.host, url.port) == ("https", "media.example.com", None)
    assert url.params["X-Amz-Expires"] == "86400"
    # what the public host forwards to the store: the signature holds for the Host it names
    internal = httpx.URL(await store.download_url(key, ttl_s=60))
    async with httpx.AsyncClient() as http:
        forwarded = url.copy_with(scheme=internal.scheme, host=internal.host, port=internal.port)
        answer = await http.get(forwarded, headers={"Host": "media.example.com"})
        tampered = await http.get(forwarded, headers={"Host": "other.example.com"})
    assert answer.status_code == 200
    assert answer.content == b"shared"
    assert tampered.status_code == 403
