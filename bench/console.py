"""The console in headless Chromium (Debian's), on its own stack (free ports):

1. `first load`: `/console/` signed in, to the Create page ready for input: bytes transferred
   (each response's encoded body, JS apart), the first-load JS as brotli and gzip files, and the
   time from navigation to interactive (the prompt box enabled), on a cold cache (a new browser
   context each round) and a warm one (the same context, reloaded);
2. `live board`: the Jobs page open while `--jobs` draft jobs are submitted over `--seconds`
   (paced); for each completion, the delay from the `completed` event reaching this script's own
   SSE stream to the board's completed count including it, the board's final count against the
   events (dropped updates), and the main thread's long tasks (PerformanceObserver `longtask`).

Targets (issue 20): first-load JS ≤ 250 kB compressed, interactive ≤ 1.5 s cold, every completion
on the board within 1 s of its event.

    python bench/console.py --rounds 5 --jobs 1000 --seconds 50
"""

import asyncio
import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from batch import own_stack
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, async_playwright

from deploy.local.stack import REPO, LocalStack

CHROMIUM = "/usr/bin/chromium"
DIST = REPO / "web" / "dist"
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
COMPLETED = "studio.job.completed"
DRAFT = {
    "kind": "generate",
    "params": {"prompt": "board", "quality": "draft", "width": 64, "height": 64},
}
BOARD_PROBE = """
window.__board = {completions: [], longTasks: []};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__board.longTasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});
const watch = () => {
  const counter = document.querySelector('[data-testid="completed-count"]');
  if (!counter) { setTimeout(watch, 50); return; }
  let seen = Number(counter.dataset.count ?? 0);
  new MutationObserver(() => {
    const now = Date.now();
    const count = Number(counter.dataset.count ?? 0);
    for (; seen < count; seen++) window.__board.completions.push(now);
  }).observe(counter, {attributes: true, attributeFilter: ["data-count"]});
};
watch();
"""


def sign_in(key: str) -> str:
    return f"sessionStorage.setItem('studio.api-key', {key!r});"


async def load_once(page: Page) -> dict[str, float]:
    """Navigate to the console; bytes by kind and ms to interactive."""
    sizes: dict[str, float] = {"js": 0.0, "all": 0.0}
    pending: list[asyncio.Task[None]] = []

    async def count(response: Any) -> None:
        body = max(0, (await response.request.sizes())["responseBodySize"])  # -1: from the cache
        sizes["all"] += body
        if response.url.endswith(".js"):
            sizes["js"] += body

    def on_response(response: Any) -> None:
        pending.append(asyncio.create_task(count(response)))

    page.on("response", on_response)
    await page.goto("/console/")
    await page.get_by_role("textbox", name="Prompt", exact=True).wait_for(state="visible")
    interactive = await page.evaluate("performance.now()")
    await asyncio.gather(*pending)
    page.remove_listener("response", on_response)
    return {"ms": interactive, "kb": sizes["all"] / 1000, "js_kb": sizes["js"] / 1000}


def first_load_files(page_scripts: list[str]) -> dict[str, float]:
    """The first load's JS files as the build compressed them (kB)."""
    totals = {"raw": 0.0, "br": 0.0, "gz": 0.0}
    for url in page_scripts:
        path = DIST / url.split("/console/", 1)[1]
        totals["raw"] += path.stat().st_size / 1000
        for encoding in ("br", "gz"):  # files under the build's 1 kB threshold stay as they are
            compressed = path.with_name(f"{path.name}.{encoding}")
            totals[encoding] += (compressed if compressed.exists() else path).stat().st_size / 1000
    return totals


async def first_load(browser: Browser, stack: LocalStack, key: str, rounds: int) -> None:
    cold, warm = [], []
    scripts: list[str] = []
    for _ in range(rounds):
        context = await new_context(browser, stack, key)
        page = await context.new_page()
        page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
        cold.append(await load_once(page))
        warm.append(await load_once(page))
        await context.close()
    files = first_load_files(sorted(set(scripts)))
    print("\nfirst load of /console (median of", rounds, "rounds)")
    print(f"{'cache':<6} {'interactive ms':>15} {'transferred kB':>15} {'JS kB':>8}")
    for name, runs in (("cold", cold), ("warm", warm)):
        ms, kb, js = (statistics.median(r[k] for r in runs) for k in ("ms", "kb", "js_kb"))
        print(f"{name:<6} {ms:>15.0f} {kb:>15.1f} {js:>8.1f}")
    print(
        f"first-load JS files: {files['raw']:.1f} kB raw, {files['br']:.1f} kB brotli, "
        f"{files['gz']:.1f} kB gzip (target ≤ 250 kB compressed; interactive ≤ 1500 ms cold)"
    )


async def new_context(browser: Browser, stack: LocalStack, key: str) -> BrowserContext:
    context = await browser.new_context(viewport=VIEWPORT, base_url=stack.gateway_url)
    await context.add_init_script(sign_in(key))
    return context


class Completions:
    """This script's own SSE stream: when each `completed` event arrived (epoch ms)."""

    def __init__(self, expected: int) -> None:
        self.heard: list[float] = []
        self.expected = expected
        self.ready = asyncio.Event()
        self.all_heard = asyncio.Event()

    async def listen(self, http: httpx.AsyncClient) -> None:
        async with http.stream("GET", "/v1/events", timeout=None) as response:
            self.ready.set()
            async for line in response.aiter_lines():
                if line.startswith("data:") and json.loads(line[5:])["type"] == COMPLETED:
                    self.heard.append(time.time() * 1000)
                    if len(self.heard) >= self.expected:
                        self.all_heard.set()


async def submit_paced(http: httpx.AsyncClient, jobs: int, seconds: float) -> None:
    start = time.monotonic()
    sends = []
    for n in range(jobs):
        await asyncio.sleep(max(0.0, start + n * seconds / jobs - time.monotonic()))
        sends.append(asyncio.create_task(http.post("/v1/jobs", json=DRAFT)))
    for answer in await asyncio.gather(*sends):
        answer.raise_for_status()


async def live_board(
    browser: Browser, stack: LocalStack, key: str, jobs: int, seconds: float
) -> None:
    context = await new_context(browser, stack, key)
    await context.add_init_script(BOARD_PROBE)
    page = await context.new_page()
    await page.goto("/console/jobs")
    await page.locator('[data-testid="stream-state"][data-state="live"]').wait_for()
    completions = Completions(jobs)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=stack.gateway_url, headers=headers, timeout=60) as http:
        listener = asyncio.create_task(completions.listen(http))
        await completions.ready.wait()
        await submit_paced(http, jobs, seconds)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(completions.all_heard.wait(), timeout=120)
        await asyncio.sleep(2)  # the board's last updates
        listener.cancel()
    heard = completions.heard
    board = await page.evaluate("window.__board")
    await context.close()
    report_board(jobs, heard, board)


def report_board(jobs: int, heard: list[float], board: dict[str, list[float]]) -> None:
    shown = board["completions"]
    lags = sorted(max(0.0, s - h) for h, s in zip(heard, shown, strict=False))
    tasks = board["longTasks"]
    print(f"\nlive board: {jobs} jobs; completions: {len(heard)} on the stream, {len(shown)} shown")
    if lags:
        p50, p99 = lags[len(lags) // 2], lags[min(len(lags) - 1, int(len(lags) * 0.99))]
        print(f"event → board ms: p50 {p50:.0f}, p99 {p99:.0f}, max {lags[-1]:.0f} (target ≤ 1000)")
    print(f"dropped updates: {max(0, len(heard) - len(shown))}")
    longest = max(tasks, default=0)
    print(f"long tasks: {len(tasks)}, total {sum(tasks):.0f} ms, longest {longest:.0f} ms")


async def measure(stack: LocalStack, rounds: int, jobs: int, seconds: float) -> None:
    admin = await stack.admin_key()
    key = await stack.tenant_key(admin, "console", "enterprise", 10_000_000)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        await first_load(browser, stack, key, rounds)
        await live_board(browser, stack, key, jobs, seconds)
        await browser.close()


def main(
    rounds: Annotated[int, typer.Option(help="First loads per cache state.")] = 5,
    jobs: Annotated[int, typer.Option(help="Jobs completing while the board is open.")] = 1000,
    seconds: Annotated[float, typer.Option(help="Time over which they are submitted.")] = 50,
) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        stack = asyncio.run(own_stack(Path(root)))
        try:
            asyncio.run(measure(stack, rounds, jobs, seconds))
        finally:
            stack.stop()


if __name__ == "__main__":
    typer.run(main)
