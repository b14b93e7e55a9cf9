"""Clients for the volume benchmark: tenants that submit jobs and hear their ends on SSE.

Each tenant holds one pooled HTTP client and one tenant-wide SSE stream; a job is timed from just
before its `POST /v1/jobs` to its answer (submit) and to its final event on the stream (end).
"""

import asyncio
import json
import multiprocessing
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx

CLIENT_NICE = -10
"""The open-loop client processes' CPU priority (root may raise it; others keep their own)."""
STARTUP_S = 5.0
"""Time given to the client processes to start and open their streams."""
FINAL = {"studio.job.completed", "studio.job.failed", "studio.job.rejected"}
DRAFT_64: dict[str, Any] = {
    "kind": "generate",
    "params": {"prompt": "benchmark", "quality": "draft", "width": 64, "height": 64},
}
SLOW_256: dict[str, Any] = {
    "kind": "generate",
    "params": {"prompt": "benchmark product shot", "width": 256, "height": 256},
}


@dataclass
class Timed:
    """One job: when it was sent, answered and ended (perf_counter seconds), and its end."""

    sent: float
    answered: float = 0.0
    ended: float = 0.0
    outcome: str = ""
    event: dict[str, Any] = field(default_factory=dict)


class Tenant:
    """A tenant's client: submissions to `url`; its stream from `events_url` (default `url`:
    an ingress; a benchmark that reaches the processes directly names a projector)."""

    def __init__(
        self, url: str, key: str, connections: int = 256, events_url: str | None = None
    ) -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self.http = httpx.AsyncClient(
            base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=600, limits=limits
        )
        self._events = f"{events_url or ''}/v1/events"
        self._ends: dict[str, asyncio.Future[tuple[float, dict[str, Any]]]] = {}
        self._listener: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Open the tenant's SSE stream (returns once the server answered)."""
        opened = asyncio.Event()
        self._listener = asyncio.create_task(self._listen(opened))
        await asyncio.wait_for(opened.wait(), 30)

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)
        await self.http.aclose()

    async def _listen(self, opened: asyncio.Event) -> None:
        async with self.http.stream("GET", self._events, timeout=None) as response:
            response.raise_for_status()
            opened.set()
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event["type"] in FINAL:
                    end = self._end(event["job_id"])
                    if not end.done():
                        end.set_result((time.perf_counter(), event))

    def _end(self, job_id: str) -> asyncio.Future[tuple[float, dict[str, Any]]]:
        return self._ends.setdefault(job_id, asyncio.get_running_loop().create_future())

    async def run(self, body: dict[str, Any], timeout_s: float) -> Timed:
        """Submit one job and wait for its end (at most `timeout_s` after its answer)."""
        timed = Timed(sent=time.perf_counter())
        answer = await self.http.post("/v1/jobs", json=body)
        timed.answered = time.perf_counter()
        if answer.status_code != 202:
            timed.outcome = f"http {answer.status_code}"
            return timed
        end = self._end(answer.json()["id"])
        try:
            timed.ended, timed.event = await asyncio.wait_for(end, timeout_s)
            timed.outcome = timed.event["type"].rsplit(".", 1)[-1]
        except TimeoutError:
            timed.outcome = "timeout"
        return timed


async def tenant_key(url: str, admin: str, name: str, plan: str, credits: int) -> str:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        body = {"name": name, "plan": plan, "credits": credits}
        answer = await http.post(
            "/v1/admin/tenants", json=body, headers={"Authorization": f"Bearer {admin}"}
        )
        answer.raise_for_status()
        return str(answer.json()["api_key"])


async def images_for(http: httpx.AsyncClient, admin: str, jobs: int) -> None:
    """Enough image packs (500 images each) for the campaign, beside the plan's allowance."""
    tenant_id = (await http.get("/v1/billing/account")).json()["tenant_id"]
    for n in range(-(-jobs // 500)):
        granted = await http.post(
            f"/v1/admin/tenants/{tenant_id}/packs",
            json={"pack": "images-500"},
            headers={"Authorization": f"Bearer {admin}", "Idempotency-Key": f"packs-{n}"},
        )
        granted.raise_for_status()


async def burst(
    tenants: list[Tenant], jobs: int, concurrency: int, body: dict[str, Any]
) -> list[Timed]:
    """`jobs` jobs spread over the tenants, `concurrency` submissions in flight at once."""
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> Timed:
        async with gate:
            sent = time.perf_counter()
            answer = await tenants[n % len(tenants)].http.post("/v1/jobs", json=body)
            answered = time.perf_counter()
        timed = Timed(sent=sent, answered=answered)
        if answer.status_code != 202:
            timed.outcome = f"http {answer.status_code}"
            return timed
        tenant = tenants[n % len(tenants)]
        end = tenant._end(answer.json()["id"])
        try:
            timed.ended, timed.event = await asyncio.wait_for(end, 900)
            timed.outcome = timed.event["type"].rsplit(".", 1)[-1]
        except TimeoutError:
            timed.outcome = "timeout"
        return timed

    return list(await asyncio.gather(*(one(n) for n in range(jobs))))


def open_loop(
    url: str,
    keys: list[str],
    rate: float,
    seconds: float,
    body: dict[str, Any],
    drain_s: float,
    events_url: str | None = None,
) -> list[Timed]:
    """Submissions at a fixed rate whatever the answers, then waiting up to `drain_s` for the
    jobs to end: a client process per tenant key (one Python process cannot send more than
    about 80 jobs/s and follow them on SSE), each its share of the rate, staggered."""
    start_at = time.perf_counter() + STARTUP_S  # CLOCK_MONOTONIC: one clock for all processes
    spawn = multiprocessing.get_context("spawn")
    share = rate / len(keys)
    with ProcessPoolExecutor(len(keys), mp_context=spawn) as pool:
        shares = [
            pool.submit(_client, url, key, share, seconds, body, drain_s, start, events_url)
            for key, start in zip(keys, _staggered(start_at, rate, len(keys)), strict=True)
        ]
        return [timed for share in shares for timed in share.result()]


def _staggered(start_at: float, rate: float, clients: int) -> list[float]:
    return [start_at + n / rate for n in range(clients)]


def _client(
    url: str,
    key: str,
    rate: float,
    seconds: float,
    body: dict[str, Any],
    drain_s: float,
    start_at: float,
    events_url: str | None,
) -> list[Timed]:
    # clients of a real platform bring their own CPU: here they take it first, so what is
    # measured is the platform's answer, not a load generator starved by the stack it loads
    os.nice(CLIENT_NICE)

    async def submit_all() -> list[Timed]:
        tenant = Tenant(url, key, connections=400, events_url=events_url)
        await tenant.open()
        try:
            runs: list[asyncio.Task[Timed]] = []
            for n in range(int(rate * seconds)):
                await _sleep_until(start_at + n / rate)
                runs.append(asyncio.create_task(tenant.run(body, drain_s)))
            timed = list(await asyncio.gather(*runs))
        finally:
            await tenant.close()
        for run in timed:
            run.event = {}  # only the times travel back
        return timed

    return asyncio.run(submit_all())


async def _sleep_until(moment: float) -> None:
    delay = moment - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)


async def together(calls: list[Callable[[], Awaitable[Timed]]]) -> list[Timed]:
    return list(await asyncio.gather(*(call() for call in calls)))


def quantile(values: list[float], percent: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[percent - 1]


def completed(runs: list[Timed]) -> list[Timed]:
    return [run for run in runs if run.outcome == "completed"]


def drained_per_s(runs: list[Timed]) -> float:
    done = completed(runs)
    if not done:
        return 0.0
    wall = max(run.ended for run in done) - min(run.sent for run in runs)
    return len(done) / wall
