"""The public API reads input strictly: a body must be JSON and say so, values keep their JSON
types, text holds no control characters, every query parameter is one the operation takes, and
file names are cut to a safe last segment."""

import httpx

from tests.support.client import draft_job
from tests.support.uploads import image_bytes


async def test_a_body_that_is_not_declared_json_is_415(api: httpx.AsyncClient) -> None:
    body = '{"kind": "generate", "params": {"prompt": "a fox"}}'
    answer = await api.post("/v1/jobs", content=body, headers={"content-type": "text/plain"})
    assert answer.status_code == 415
    assert answer.json()["error"]["code"] == "unsupported_media_type"
    batch = await api.post("/v1/batches", content=b"{}", headers={"content-type": "text/csv"})
    assert batch.status_code == 415
    assert (await api.get("/v1/jobs")).json()["items"] == [], "nothing was accepted"


async def test_a_string_is_not_taken_for_a_number(api: httpx.AsyncClient) -> None:
    answer = await api.post("/v1/jobs", json=draft_job(variations="3"))
    assert answer.status_code == 422
    assert [d["loc"] for d in answer.json()["error"]["details"]] == ["params.variations"]
    estimate = await api.post("/v1/estimate", json={"jobs": [draft_job(variations="2")]})
    assert estimate.status_code == 422
    kit = await api.post("/v1/brand-kits", json={"name": 7})
    assert kit.status_code == 422
    assert kit.json()["error"]["details"][0]["loc"] == "name"


async def test_control_characters_in_text_are_refused(api: httpx.AsyncClient) -> None:
    answer = await api.post("/v1/jobs", json=draft_job(prompt="a fox\x00 in snow"))
    assert answer.status_code == 422
    detail = answer.json()["error"]["details"][0]
    assert (detail["loc"], detail["type"]) == ("params.prompt", "control_character")
    lines = await api.post("/v1/jobs", json=draft_job(prompt="a fox\nin snow\tat dusk"))
    assert lines.status_code == 202, "line breaks and tabs are text"
    batch = await api.post("/v1/batches", json={"name": "spring\x1b", "jobs": [draft_job()]})
    assert batch.status_code == 422
    assert batch.json()["error"]["details"][0]["loc"] == "name"


async def test_an_unknown_query_parameter_is_named(api: httpx.AsyncClient) -> None:
    answer = await api.get("/v1/assets", params={"q": "wristwatch"})
    assert answer.status_code == 422
    detail = answer.json()["error"]["details"][0]
    assert (detail["loc"], detail["type"]) == ("query.q", "extra")
    assert "job_id" in detail["message"], "it lists the parameters there are"
    filtered = await api.get("/v1/assets", params={"job_id": "job_x", "limit": 5})
    assert filtered.status_code == 200


async def test_query_values_are_read_strictly_and_an_empty_cursor_is_the_first_page(
    api: httpx.AsyncClient,
) -> None:
    assert (await api.get("/v1/billing/usage", params={"until": "0"})).status_code == 422
    usage = await api.get("/v1/billing/usage", params={"until": "2026-12-31"})
    assert usage.status_code == 200
    for path in ("/v1/jobs", "/v1/assets", "/v1/batches", "/v1/webhooks"):
        first = await api.get(path, params={"cursor": ""})
        assert first.status_code == 200, (path, first.text)
    assert (await api.get("/v1/billing/ledger", params={"limit": 10_000})).status_code == 422


async def test_an_upload_keeps_only_a_safe_file_name(api: httpx.AsyncClient) -> None:
    # written by hand: httpx (like a browser) would percent-encode the control character
    head = b'--B\r\nContent-Disposition: form-data; name="file"; filename="../../../etc/x\x07.png"'
    body = head + b"\r\nContent-Type: image/png\r\n\r\n" + image_bytes("PNG") + b"\r\n--B--\r\n"
    sent = await api.post(
        "/v1/uploads", content=body, headers={"Content-Type": "multipart/form-data; boundary=B"}
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["filename"] == "x.png"
    hidden = {"file": ("..\\..\\.hidden.png", image_bytes("PNG"), "image/png")}
    assert (await api.post("/v1/uploads", files=hidden)).json()["filename"] == "hidden.png"
