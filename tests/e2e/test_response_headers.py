"""Every response carries its own `Request-Id` (in an error's body too) and the security headers;
no server banner; a 405 says what is allowed."""

import httpx

from tests.support.client import draft_job
from tests.support.stack import RunningStack


async def test_every_answer_has_its_own_request_id_quoted_in_an_error(
    api: httpx.AsyncClient,
) -> None:
    answers = [
        await api.get("/v1/jobs"),
        await api.get("/v1/jobs/job_missing"),
        await api.post("/v1/jobs", json={"kind": "paint", "params": {}}),
    ]
    ids = [answer.headers["request-id"] for answer in answers]
    assert all(request_id.startswith("req_") for request_id in ids)
    assert len(set(ids)) == len(ids), "an id per request"
    for answer in answers[1:]:
        assert answer.json()["error"]["request_id"] == answer.headers["request-id"]


async def test_api_json_is_never_cached_nor_sniffed_and_names_no_server(
    stack: RunningStack, api: httpx.AsyncClient
) -> None:
    answer = await api.get("/v1/jobs")
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    port = stack.local.service_ports()["gateway"]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as direct:
        health = await direct.get("/healthz")
    assert "server" not in health.headers, "no uvicorn banner"
    assert health.headers["request-id"].startswith("req_")


async def test_a_wrong_method_is_405_with_allow(api: httpx.AsyncClient) -> None:
    answer = await api.delete("/v1/jobs")
    assert answer.status_code == 405
    assert answer.json()["error"]["code"] == "method_not_allowed"
    assert set(answer.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert answer.json()["error"]["request_id"] == answer.headers["request-id"]


async def test_a_body_refused_by_its_declared_size_still_has_a_request_id(
    api: httpx.AsyncClient,
) -> None:
    answer = await api.post("/v1/jobs", json=draft_job(prompt="x" * 2_000_000))
    assert answer.status_code == 413
    assert answer.json()["error"]["request_id"] == answer.headers["request-id"]
