"""Bad input gets a clear error (status, machine-readable code, message) and changes nothing."""

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.client import authed, draft_job, events_until, finished
from tests.support.stack import RunningStack


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert body["error"]["message"]
    return str(body["error"]["code"])


@pytest.mark.parametrize("header", [None, "Bearer isk_wrong", "Basic abc", "Bearer", "isk_x"])
async def test_missing_or_invalid_key_is_401(stack: RunningStack, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    async with httpx.AsyncClient(base_url=stack.url, headers=headers) as anonymous:
        for method, path in [("POST", "/v1/jobs"), ("GET", "/v1/jobs/x"), ("GET", "/v1/assets")]:
            response = await anonymous.request(method, path, json=draft_job())
            assert response.status_code == 401
            assert error_code(response) == "unauthorized"
            assert response.headers["www-authenticate"] == "Bearer"


async def test_unknown_kind_is_422_naming_the_field(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/jobs", json={"kind": "paint", "params": {}})
    assert response.status_code == 422
    assert error_code(response) == "unknown_kind"
    assert [d["loc"] for d in response.json()["error"]["details"]] == ["kind"]


async def test_invalid_params_are_422_listing_every_field(api: httpx.AsyncClient) -> None:
    body = draft_job(variations=11, output_format="gif", seed=-1)
    response = await api.post("/v1/jobs", json=body)
    assert response.status_code == 422
    assert error_code(response) == "invalid_params"
    locs = {d["loc"] for d in response.json()["error"]["details"]}
    assert locs == {"params.variations", "params.output_format", "params.seed"}


async def test_malformed_body_is_422(api: httpx.AsyncClient) -> None:
    for content in [b"{not json", b'{"params": {}}', b'{"kind": "generate", "extra": 1}']:
        response = await api.post(
            "/v1/jobs", content=content, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
        assert error_code(response) == "invalid_request"


async def test_oversized_body_is_413(api: httpx.AsyncClient) -> None:
    body = draft_job(prompt="x" * 2_000_000)
    response = await api.post("/v1/jobs", json=body)
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"


async def test_nothing_is_created_by_refused_requests(api: httpx.AsyncClient) -> None:
    await api.post("/v1/jobs", json=draft_job(variations=0))
    await api.post("/v1/jobs", json={"kind": "nope"})
    assert (await api.get("/v1/jobs")).json()["items"] == []


async def test_another_tenants_job_and_assets_are_404(
    stack: RunningStack, api: httpx.AsyncClient, tenant_key: str
) -> None:
    job = (await api.post("/v1/jobs", json=draft_job())).json()
    events = await events_until(api, finished([job["id"]]), job_ids=[job["id"]])
    asset_id = events[-1]["data"]["assets"][0]["id"]
    other_key = await stack.tenant()
    async with authed(stack.url, other_key) as other:
        for path in [
            f"/v1/jobs/{job['id']}",
            f"/v1/assets/{asset_id}",
            f"/v1/assets/{asset_id}/content",
            f"/v1/events?job_id={job['id']}",
        ]:
            response = await other.get(path)
            assert response.status_code == 404, path
            assert error_code(response) == "not_found"
        assert (await other.get("/v1/assets")).json()["items"] == []
        assert (await other.get("/v1/jobs")).json()["items"] == []
    assert (await api.get(f"/v1/assets/{asset_id}")).status_code == 200


async def test_idempotency_key_returns_the_first_answer(api: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "campaign-42-row-7"}
    first = await api.post("/v1/jobs", json=draft_job(), headers=headers)
    again = await api.post("/v1/jobs", json=draft_job(), headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert len((await api.get("/v1/jobs")).json()["items"]) == 1

    changed = await api.post("/v1/jobs", json=draft_job(prompt="something else"), headers=headers)
    assert changed.status_code == 409
    assert error_code(changed) == "idempotency_key_reused"


async def test_unknown_ids_and_bad_cursors(api: httpx.AsyncClient) -> None:
    assert (await api.get("/v1/jobs/job_nope")).status_code == 404
    assert (await api.get("/v1/assets/ast_nope")).status_code == 404
    response = await api.get("/v1/assets", params={"cursor": "garbage!"})
    assert response.status_code == 422
    assert error_code(response) == "invalid_cursor"
    response = await api.get("/v1/jobs", params={"limit": 1000})
    assert response.status_code == 422


async def test_a_streamed_body_over_the_limit_is_413(api: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"kind": "generate", "params": {"prompt": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}}'

    headers = {"content-type": "application/json"}
    response = await api.post("/v1/jobs", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"
