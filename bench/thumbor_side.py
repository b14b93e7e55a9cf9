"""Thumbor side of the smart-crop benchmark: one large JPEG, many target sizes, `/smart` crops.

Runs in its own venv (not the project's), see bench/thumbor-requirements.txt:

    uv venv --python 3.11 .bench/thumbor
    uv pip install -r bench/thumbor-requirements.txt --python .bench/thumbor/bin/python
    .bench/thumbor/bin/python bench/thumbor_side.py --image photo.jpg \
        --sizes 1080x1080,1080x1350,1500x500 --out /tmp/thumbor-out \
        [--quality 85] [--repeat 3] [--cpu 0]

What runs: thumbor's own tornado application (`thumbor.app.ThumborServiceApp`, built with the
same helpers `thumbor.server.main` uses), served in this process on 127.0.0.1 (ephemeral port)
and called with tornado's `AsyncHTTPClient`, one `GET /unsafe/WxH/smart/<image>` per size and
repetition, strictly one request at a time. Configuration:

- LOADER = thumbor.loaders.file_loader, rooted at the image's folder;
- STORAGE = thumbor.storages.no_storage: no cached original and no cached detector focal points,
  so every request loads and detects again; RESULT_STORAGE = None (no cached results);
- DETECTORS = face_detector + feature_detector, as thumbor's docs configure smart cropping (the
  feature detector runs only when no face is found);
- ENGINE = thumbor.engines.pil, QUALITY = --quality; everything else at thumbor's defaults
  (progressive + optimized JPEG, LANCZOS resampling, no optimizers, no filters);
- ENGINE_THREADPOOL_SIZE = 0: the image work runs on the event loop's thread, like the client.

Measured time, per request (wall clock, `time.perf_counter`): from issuing the GET until the whole
response body has been received. Inside it: the HTTP round trip on loopback (client and server
in this process: request write/parse, URL routing, response write/read), reading the file from
disk (page cache), full-size JPEG decode, grayscale conversion and Haar frontal-face detection
on the full image (plus goodFeaturesToTrack when no face is found), focal-point crop, LANCZOS
resize and JPEG encode. Outside it: interpreter start, imports, app construction, and untimed
warm-up requests (one `/meta` request per size, which also checks that detection found focal
points, and one image request) that load the Haar cascade once, as in a running server.

CPU: the process is pinned to one core (`os.sched_setaffinity`, core --cpu, default 0) and
OpenCV / OpenMP / BLAS run with one thread; both are set before cv2 or numpy is imported. Best of
--repeat is reported because other load on the machine only ever adds time.

Output: one line of JSON on stdout, {"engine": "thumbor <version>", "sizes": {"WxH": {"ms": best
of --repeat, "bytes": n}}, "total_ms": sum of the per-size ms}, and DIR/WxH.jpg for each size.
Diagnostics (focal points found, pinned core) go to stderr.
"""

import argparse
import asyncio
import gc
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

THREAD_ENV = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "OPENCV_FOR_THREADS_NUM",
)
DETECTORS = ["thumbor.detectors.face_detector", "thumbor.detectors.feature_detector"]
REQUEST_TIMEOUT_S = 600.0

Size = tuple[int, int]


@dataclass(frozen=True)
class Options:
    image: Path
    sizes: list[Size]
    out: Path
    quality: int
    repeat: int
    cpu: int


@dataclass
class Result:
    ms: float
    body: bytes


def parse_sizes(text: str) -> list[Size]:
    """`"1080x1080,1500x500"` -> `[(1080, 1080), (1500, 500)]`, in order, without duplicates."""
    sizes: list[Size] = []
    for item in text.split(","):
        width, sep, height = item.strip().lower().partition("x")
        if not sep or not width.isdigit() or not height.isdigit():
            raise argparse.ArgumentTypeError(f"bad size {item!r}: expected WxH, e.g. 1080x1350")
        size = (int(width), int(height))
        if 0 in size:
            raise argparse.ArgumentTypeError(f"bad size {item!r}: width and height must be > 0")
        if size not in sizes:
            sizes.append(size)
    return sizes


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--image", type=Path, required=True, help="source JPEG")
    parser.add_argument("--sizes", type=parse_sizes, required=True, help="WxH,WxH,...")
    parser.add_argument("--out", type=Path, required=True, help="folder for WxH.jpg outputs")
    parser.add_argument("--quality", type=int, default=85, help="JPEG quality (default 85)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size, best kept")
    parser.add_argument("--cpu", type=int, default=0, help="core to pin to (default 0)")
    ns = parser.parse_args(argv)
    if not ns.image.is_file():
        parser.error(f"--image {ns.image} is not a file")
    if not 1 <= ns.quality <= 100:
        parser.error("--quality must be in 1..100")
    if ns.repeat < 1:
        parser.error("--repeat must be >= 1")
    return Options(
        image=ns.image.resolve(),
        sizes=ns.sizes,
        out=ns.out,
        quality=ns.quality,
        repeat=ns.repeat,
        cpu=ns.cpu,
    )


def pin_to_one_core(cpu: int) -> int | None:
    """One CPU (`cpu`, else the first allowed), one thread for OpenCV/OpenMP/BLAS.

    Call before importing cv2 or numpy. Returns the core pinned to, None where unsupported.
    """
    for name in THREAD_ENV:
        os.environ[name] = "1"
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    chosen = cpu if cpu in allowed else min(allowed)
    os.sched_setaffinity(0, {chosen})
    return chosen


async def fetch(client: Any, url: str) -> Result:
    """One GET, timed from issuing it until the whole body is in; non-200 is an error."""
    start = time.perf_counter()
    response = await client.fetch(url, request_timeout=REQUEST_TIMEOUT_S, raise_error=False)
    ms = (time.perf_counter() - start) * 1000.0
    if response.code != 200:
        raise RuntimeError(f"GET {url} -> {response.code}: {response.body!r:.300}")
    return Result(ms=ms, body=bytes(response.body))


def describe_meta(body: bytes) -> str:
    """Focal points and crop box from a `/meta` answer; no focal point means no smart crop."""
    meta = json.loads(body)["thumbor"]
    points = meta.get("focal_points", [])
    if not points:
        raise RuntimeError("smart detection found no focal points (is OpenCV installed?)")
    found = ", ".join(
        f"{p['origin']} {p['width']}x{p['height']} @ ({p['x']:.0f},{p['y']:.0f})"
        for p in points[:3]
    )
    if len(points) > 3:
        found += f", ... ({len(points)} in all)"
    crops = [op for op in meta["operations"] if op["type"] == "crop"]
    box = ", ".join(f"({c['left']},{c['top']})-({c['right']},{c['bottom']})" for c in crops)
    return f"focal points: {found}; crop: {box or 'none'}"


async def run(opts: Options) -> dict[str, Any]:
    """Serve thumbor in this process and time every size (imports here, after pinning)."""
    import cv2  # type: ignore[import-not-found, unused-ignore]
    import thumbor  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from thumbor.server import get_context  # type: ignore[import-not-found, import-untyped, unused-ignore]

    cv2.setNumThreads(1)
    config, params, importer = _configured(opts)
    opts.out.mkdir(parents=True, exist_ok=True)
    with get_context(params, config, importer) as context:
        sizes = await _serve_and_measure(context, opts)
    total = round(sum(float(entry["ms"]) for entry in sizes.values()), 3)
    return {"engine": f"thumbor {thumbor.__version__}", "sizes": sizes, "total_ms": total}


def _configured(opts: Options) -> tuple[Any, Any, Any]:
    """Thumbor's config, server parameters and importer, as the module docstring describes."""
    from thumbor.config import Config  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from thumbor.context import ServerParameters  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from thumbor.server import get_importer, validate_config  # type: ignore[import-not-found, import-untyped, unused-ignore]

    config = Config(
        LOADER="thumbor.loaders.file_loader",
        FILE_LOADER_ROOT_PATH=str(opts.image.parent),
        STORAGE="thumbor.storages.no_storage",
        RESULT_STORAGE=None,
        DETECTORS=DETECTORS,
        ENGINE="thumbor.engines.pil",
        QUALITY=opts.quality,
        ENGINE_THREADPOOL_SIZE=0,
        ALLOW_UNSAFE_URL=True,
        IGNORE_SMART_ERRORS=False,
    )
    params = ServerParameters(
        port=0,
        ip="127.0.0.1",
        config_path=None,
        keyfile=None,
        log_level="warning",
        app_class="thumbor.app.ThumborServiceApp",
    )
    validate_config(config, params)
    return config, params, get_importer(config)


async def _serve_and_measure(context: Any, opts: Options) -> dict[str, dict[str, float | int]]:
    """Each size's best time and bytes, thumbor served on an ephemeral loopback port."""
    from thumbor.server import get_application  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from tornado.httpclient import AsyncHTTPClient  # type: ignore[import-not-found, unused-ignore]
    from tornado.httpserver import HTTPServer  # type: ignore[import-not-found, unused-ignore]
    from tornado.netutil import bind_sockets  # type: ignore[import-not-found, unused-ignore]

    sockets = bind_sockets(0, "127.0.0.1")
    port = int(sockets[0].getsockname()[1])
    server = HTTPServer(get_application(context))
    server.add_sockets(sockets)
    client = AsyncHTTPClient(max_body_size=1 << 30)
    base = f"http://127.0.0.1:{port}/unsafe"
    name = quote(opts.image.name)
    try:
        await _warm_up(client, base, name, opts.sizes)
        sizes: dict[str, dict[str, float | int]] = {}
        for width, height in opts.sizes:
            best = await _best_of(client, f"{base}/{width}x{height}/smart/{name}", opts.repeat)
            key = f"{width}x{height}"
            (opts.out / f"{key}.jpg").write_bytes(best.body)
            sizes[key] = {"ms": round(best.ms, 3), "bytes": len(best.body)}
        return sizes
    finally:
        client.close()
        server.stop()
        await server.close_all_connections()


async def _warm_up(client: Any, base: str, name: str, sizes: list[Size]) -> None:
    """Untimed: one `/meta` request per size (detection must find focal points), one image."""
    for width, height in sizes:
        meta = await fetch(client, f"{base}/meta/{width}x{height}/smart/{name}")
        print(f"{width}x{height}: {describe_meta(meta.body)}", file=sys.stderr)
    first_w, first_h = sizes[0]
    await fetch(client, f"{base}/{first_w}x{first_h}/smart/{name}")


async def _best_of(client: Any, url: str, repeat: int) -> Result:
    """The quickest of `repeat` requests (other load only ever adds time)."""
    best: Result | None = None
    for _ in range(repeat):
        gc.collect()
        result = await fetch(client, url)
        if best is None or result.ms < best.ms:
            best = result
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    cpu = pin_to_one_core(opts.cpu)
    print(f"pinned to cpu {cpu}" if cpu is not None else "cpu pinning unavailable", file=sys.stderr)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    report = asyncio.run(run(opts))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
