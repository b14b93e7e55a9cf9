"""The SDK's clients against a real local HTTP server answering from a script: retries after
`Retry-After` with the same Idempotency-Key, what is not retried, pagination, and an event
stream resumed with `Last-Event-ID` after it broke off."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any

import pytest
from starlette.responses import JSONResponse, Response, StreamingResponse

from studio import AsyncStudio, Retry, Studio, StudioError
from studio.models import JobCancelledEvent, JobStartedEvent
from tests.support.scripted import scripted

STAMP = "2026-01-01T00:00:00Z"
LINKS = {
    "self": "/v1/jobs/job_1",
    "events": "/v1/events",
    "assets": "/v1/assets",
    "archive": "/v1/jobs/job_1/archive",
}


def job(job_id: str = "job_1") -> dict[str, Any]:
    return {
        "id": job_id,
        "kind": "generate",
        "status": "accepted",
        "lane": "interactive",
        "params": {},
        "created_at": STAMP,
        "updated_at": STAMP,
        "links": LINKS,
    }


def refusal(status: int, code: str, **headers: str) -> JSONResponse:
    error = {"code": code, "message": f"{code} here", "request_id": f"req_{status}"}
    return JSONResponse(
        {"error": error}, status, headers={"Request-Id": f"req_{status}", **headers}
    )


def event(event_id: str, kind: str, data: dict[str, Any]) -> str:
    body = {
        "id": event_id,
        "source": "/services/test",
        "type": f"studio.job.{kind}",
        "tenant_id": "ten_1",
        "job_id": "job_1",
        "data": data,
    }
    return f"id: {event_id}\ndata: {json.dumps(body)}\n\n"


def broken_after(*chunks: str) -> Response:
    """A stream that sends `chunks`, then breaks off (the connection is cut mid-body)."""

    async def body() -> AsyncIterator[str]:
        for chunk in chunks:
            yield chunk
        raise ConnectionResetError("cut")

    return StreamingResponse(body(), media_type="text/event-stream")


async def test_a_503_is_retried_after_its_retry_after_with_the_same_key() -> None:
    answers = refusal(503, "service_unavailable", **{"Retry-After": "1"}), JSONResponse(job(), 202)
    async with scripted(*answers) as server, AsyncStudio(server.url, "key") as studio:
        made = await studio.jobs.create({"kind": "generate", "params": {"prompt": "a fox"}})
    assert made.id == "job_1"
    first, second = server.arrivals
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] != ""
    assert second.at - first.at >= 1, "Retry-After: 1 was waited out"


async def test_the_sync_client_retries_a_429_the_same_way() -> None:
    answers = refusal(429, "rate_limited", **{"Retry-After": "1"}), JSONResponse(job(), 202)
    async with scripted(*answers) as server:
        with Studio(server.url, "key") as studio:
            made = await asyncio.to_thread(studio.jobs.create, {"kind": "generate"})
    assert made.status == "accepted"
    first, second = server.arrivals
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert second.at - first.at >= 1


async def test_each_call_has_its_own_key() -> None:
    async with (
        scripted(JSONResponse(job(), 202), JSONResponse(job(), 202)) as server,
        AsyncStudio(server.url, "key") as studio,
    ):
        await studio.jobs.create({"kind": "generate"})
        await studio.jobs.create({"kind": "generate"}, idempotency_key="mine")
    keys = [arrival.headers["idempotency-key"] for arrival in server.arrivals]
    assert keys[0] != "mine"
    assert keys[1] == "mine"


async def test_a_wait_longer_than_allowed_is_not_waited_and_the_error_is_read() -> None:
    answers = (refusal(429, "rate_limited", **{"Retry-After": "120"}),)
    async with (
        scripted(*answers) as server,
        AsyncStudio(server.url, "key", retry=Retry(max_wait_s=5)) as studio,
    ):
        with pytest.raises(StudioError) as refused:
            await studio.jobs.get("job_1")
    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert refused.value.request_id == "req_429"
    assert len(server.arrivals) == 1


async def test_a_refusal_is_not_retried() -> None:
    async with scripted(refusal(404, "not_found")) as server:
        with Studio(server.url, "key") as studio, pytest.raises(StudioError) as refused:
            await asyncio.to_thread(studio.jobs.get, "job_nope")
    assert (refused.value.status, refused.value.code, refused.value.message) == (
        404,
        "not_found",
        "not_found here",
    )
    assert len(server.arrivals) == 1


async def test_an_answer_without_the_envelope_is_named_by_its_status() -> None:
    async with scripted(Response("<h1>Bad Gateway</h1>", 502)) as server:
        with Studio(server.url, "key") as studio, pytest.raises(StudioError) as refused:
            await asyncio.to_thread(studio.account)
    assert (refused.value.status, refused.value.code) == (502, "http_502")


async def test_a_broken_answer_is_retried_only_when_repeating_is_safe() -> None:
    fast = Retry(backoff_s=0.01)
    async with (
        scripted(broken_after("{"), JSONResponse(job(), 200), broken_after("{")) as server,
        AsyncStudio(server.url, "key", retry=fast) as studio,
    ):
        assert (await studio.jobs.get("job_1")).id == "job_1"
        with pytest.raises(StudioError) as unreachable:
            await studio.estimate({"kind": "generate"})  # a POST without a key: never twice
    assert unreachable.value.status is None
    assert unreachable.value.code == "unreachable"
    assert [a.method for a in server.arrivals] == ["GET", "GET", "POST"]


async def test_pagination_follows_the_next_cursor() -> None:
    pages = [
        {"items": [job("job_1"), job("job_2")], "next": "c2"},
        {"items": [job("job_3")], "next": None},
    ]
    async with (
        scripted(*(JSONResponse(page) for page in pages)) as server,
        AsyncStudio(server.url, "key") as studio,
    ):
        ids = [found.id async for found in studio.iter_jobs(page_size=2)]
    assert ids == ["job_1", "job_2", "job_3"]
    assert [a.query for a in server.arrivals] == ["limit=2", "limit=2&cursor=c2"]


async def test_a_broken_stream_resumes_after_the_last_event_id() -> None:
    accepted = event("e1", "accepted", {"kind": "generate", "lane": "interactive"})
    started = event("e2", "started", {"kind": "generate", "service": "generation"})
    cancelled = event("e3", "cancelled", {"reason": "asked"})
    answers = (lambda: broken_after(accepted, started), lambda: broken_after(cancelled))
    async with (
        scripted(*answers) as server,
        AsyncStudio(server.url, "key", retry=Retry(backoff_s=0.01)) as studio,
    ):
        seen = []
        async with aclosing(studio.events(job_ids=["job_1"])) as events:
            async for found in events:
                seen.append(found)
                if found.type == "studio.job.cancelled":
                    break
    assert [e.id for e in seen] == ["e1", "e2", "e3"]
    assert isinstance(seen[1], JobStartedEvent)
    assert isinstance(seen[2], JobCancelledEvent)
    first, second = server.arrivals
    assert "last-event-id" not in first.headers
    assert second.headers["last-event-id"] == "e2"
    assert second.path == "/v1/events"
