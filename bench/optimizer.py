"""The social optimizer against libvips and Thumbor, on the same photos, on one core.

Prints, in one run:
1. One 4000x3000 JPEG to every catalog format (smart crop, `balanced`, no previews): wall time
   (best of --repeat), the shared part (decode + face/saliency/text analysis), then per format its
   ms, bytes, quality and SSIM (as reported in the asset).
2. Throughput over a set of --photos different 12 MP photos, every format each: photos/s/core.
3. Side by side on the same formats of the same photo:
   - libvips (pyvips, the engine under imgproxy): its attention-crop thumbnail path per format,
     `thumbnail(file, w, height=h, crop="attention")` then `jpegsave` at the same quality (each
     format loads the file again with shrink-on-load, as an image server would);
   - Thumbor 7 with smart crop (face + feature detectors), in its own venv (`.bench/thumbor`,
     made with uv from bench/thumbor-requirements.txt on first use), see bench/thumbor_side.py;
   as wall-time ratios.
4. Bytes and SSIM at equal JPEG quality, with centre crops for both engines so they show the same
   pixels: each file's SSIM (scikit-image) against the crop resized from the original with Lanczos.

Everything is pinned to one core (`--cpu`), OpenCV and libvips with one thread.

    python bench/optimizer.py [--repeat 3] [--photos 6] [--no-thumbor]
"""

import os
import sys
from pathlib import Path

CPU_THREADS = ("OMP_NUM_THREADS", "OPENCV_FOR_THREADS_NUM", "VIPS_CONCURRENCY")
for _name in CPU_THREADS:  # before cv2 and pyvips are imported
    os.environ[_name] = "1"
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the test photos (tests/support) are shared with the tests

import io  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Annotated, Any, TypeVar  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pyvips  # noqa: E402
import typer  # noqa: E402
from PIL import Image  # noqa: E402

from contracts.catalog.platforms import PRESETS, PlatformPreset  # noqa: E402
from contracts.params.optimize import OptimizeLevel  # noqa: E402
from services.optimizer.imaging.encoding import QUALITY  # noqa: E402
from services.optimizer.imaging.pipeline import Rendition, make, optimize, prepare  # noqa: E402
from services.optimizer.imaging.rendering import Options  # noqa: E402
from shared.images import ImageLimits  # noqa: E402
from tests.support.photos import jpeg, photo, placed, reference_ssim  # noqa: E402

THUMBOR_VENV = REPO / ".bench" / "thumbor"
LIMITS = ImageLimits(max_bytes=200 * 2**20, max_pixels=100_000_000)
LEVEL = OptimizeLevel.BALANCED
T = TypeVar("T")


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    """Best wall ms of `repeat` runs (other load only ever adds time), and the last result."""
    best, result = float("inf"), work()
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, result


def presets() -> list[PlatformPreset]:
    return list(PRESETS.values())


def ours(data: bytes, repeat: int) -> None:
    options = Options(level=LEVEL, previews=False)
    wall, _ = best_of(repeat, lambda: optimize(data, presets(), options, LIMITS))
    setup, prepared = best_of(repeat, lambda: prepare(data, presets(), options, LIMITS))
    print(f"\n1. ours: every catalog format ({len(PRESETS)}) of one 4000x3000 JPEG, {LEVEL}")
    print(f"   wall {wall:.0f} ms (best of {repeat}); decode + analysis {setup:.0f} ms")
    print(f"   {'format':24} {'size':>10} {'ms':>6} {'bytes':>9} {'q':>3} {'ssim':>7}")
    for preset in sorted(presets(), key=lambda p: (p.width, p.height)):  # as `optimize` does
        start = time.perf_counter()
        (made,) = make(prepared, preset)
        ms = (time.perf_counter() - start) * 1000
        assert isinstance(made, Rendition)
        size = f"{preset.width}x{preset.height}"
        print(
            f"   {preset.id:24} {size:>10} {ms:6.1f} {len(made.data):9d} "
            f"{made.report.quality:>3} {made.report.ssim:7.4f}"
        )
    print("   (a format of the same size and crop as one before it reuses that output: ~0 ms)")


def throughput(photos: list[bytes]) -> None:
    options = Options(level=LEVEL, previews=False)
    optimize(photos[0], presets(), options, LIMITS)  # warm: cascades loaded
    start = time.perf_counter()
    for data in photos:
        optimize(data, presets(), options, LIMITS)
    seconds = time.perf_counter() - start
    print(f"\n2. throughput: {len(photos)} photos x {len(PRESETS)} formats on one core")
    print(
        f"   {len(photos) / seconds:.2f} photos/s/core ({seconds / len(photos) * 1000:.0f} ms each)"
    )


def vips_formats(path: Path, crop: str, quality: int) -> dict[str, bytes]:
    """libvips' thumbnail path, once per format."""
    return {
        preset.id: pyvips.Image.thumbnail(
            str(path), preset.width, height=preset.height, crop=crop
        ).jpegsave_buffer(Q=quality, strip=True)
        for preset in presets()
    }


def thumbor(path: Path, quality: int, repeat: int) -> dict[str, Any] | None:
    """Thumbor's smart crops of every distinct size, from its own venv (made on first use)."""
    python = str(THUMBOR_VENV / "bin" / "python")
    uv = str(REPO / ".venv" / "bin" / "uv")
    if not Path(python).exists():
        print("   (making the Thumbor venv: .bench/thumbor)")
        subprocess.run([uv, "venv", "--quiet", "--python", "3.11", str(THUMBOR_VENV)], check=True)
        requirements = str(REPO / "bench" / "thumbor-requirements.txt")
        install = [uv, "pip", "install", "--quiet", "-r", requirements, "--python", python]
        subprocess.run(install, check=True)
    sizes = ",".join(dict.fromkeys(f"{p.width}x{p.height}" for p in presets()))
    runner = str(REPO / "bench" / "thumbor_side.py")
    with tempfile.TemporaryDirectory() as out:
        command = [python, runner, "--image", str(path), "--sizes", sizes]
        command += ["--out", out, "--quality", str(quality), "--repeat", str(repeat)]
        command += ["--cpu", str(next(iter(os.sched_getaffinity(0))))]
        answer = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(answer.stdout.strip().splitlines()[-1])
    return result


def side_by_side(data: bytes, path: Path, repeat: int, with_thumbor: bool) -> None:
    quality = QUALITY[LEVEL]
    options = Options(level=LEVEL, previews=False)
    mine, _ = best_of(repeat, lambda: optimize(data, presets(), options, LIMITS))
    vips, _ = best_of(repeat, lambda: vips_formats(path, "attention", quality))
    print(f"\n3. the same {len(PRESETS)} formats of the same photo, smart crop, JPEG q{quality}")
    print(f"   ours    {mine:7.0f} ms")
    print(f"   libvips {vips:7.0f} ms  (pyvips {pyvips.__version__}, libvips {_vips_version()})")
    print(f"   libvips / ours = {vips / mine:.2f}x")
    if not with_thumbor:
        return
    answer = thumbor(path, quality, repeat)
    if answer is None:
        return
    counts = Counter(f"{p.width}x{p.height}" for p in presets())
    total = sum(answer["sizes"][size]["ms"] * n for size, n in counts.items())
    print(f"   thumbor {total:7.0f} ms  ({answer['engine']}, per format, same formats)")
    print(f"   thumbor / ours = {total / mine:.2f}x")


def bytes_and_ssim(data: bytes, path: Path) -> None:
    """Centre crops in both engines, so both files show the same pixels; same JPEG quality."""
    quality = QUALITY[LEVEL]
    options = Options(level=LEVEL, previews=False, focal_point=(0.5, 0.5))
    made = {
        r.preset.id: r
        for r in optimize(data, presets(), options, LIMITS)
        if isinstance(r, Rendition)
    }
    vips = vips_formats(path, "centre", quality)
    source = Image.open(io.BytesIO(data)).convert("L")
    rows = []
    for preset in presets():
        rendition = made[preset.id]
        box = rendition.report.crop.box
        reference = np.asarray(
            source.resize((preset.width, preset.height), Image.Resampling.LANCZOS, box=box)
        )
        rows.append(
            (
                preset.id,
                len(rendition.data),
                _ssim(reference, rendition.data),
                len(vips[preset.id]),
                _ssim(reference, vips[preset.id]),
            )
        )
    print(f"\n4. bytes and SSIM at q{quality}, centre crops (SSIM vs Lanczos from the original)")
    print(f"   {'format':24} {'ours B':>9} {'ssim':>7} {'vips B':>9} {'ssim':>7}")
    for name, our_bytes, our_ssim, vips_bytes, vips_ssim in rows:
        print(f"   {name:24} {our_bytes:9d} {our_ssim:7.4f} {vips_bytes:9d} {vips_ssim:7.4f}")
    ours_total, vips_total = sum(r[1] for r in rows), sum(r[3] for r in rows)
    print(
        f"   total bytes ours {ours_total} / vips {vips_total} = {ours_total / vips_total:.3f}; "
        f"mean SSIM ours {np.mean([r[2] for r in rows]):.4f}, "
        f"vips {np.mean([r[4] for r in rows]):.4f}"
    )


def _ssim(reference: np.ndarray[Any, Any], data: bytes) -> float:
    with Image.open(io.BytesIO(data)) as image:
        return reference_ssim(reference, np.asarray(image.convert("L")))


def _vips_version() -> str:
    return ".".join(str(pyvips.version(i)) for i in range(3))


def test_photos(count: int) -> list[bytes]:
    """Different 12 MP compositions: a portrait over a wide scene, people apart, no face."""
    made = [jpeg(photo((4000, 3000), seed=i), quality=90) for i in range(max(1, count - 2))]
    made.append(jpeg(placed((4000, 3000), [(300, 600, 1400), (2300, 900, 1400)]), quality=90))
    made.append(jpeg(photo((4000, 3000), seed=99).transpose(Image.Transpose.FLIP_TOP_BOTTOM)))
    return made[:count]


def main(
    repeat: Annotated[int, typer.Option(min=1, help="Runs per measure; the best is kept.")] = 3,
    photos: Annotated[int, typer.Option(min=1, help="Photos for the throughput figure.")] = 6,
    cpu: Annotated[int, typer.Option(help="The core to pin to.")] = 0,
    with_thumbor: Annotated[bool, typer.Option("--thumbor/--no-thumbor")] = True,
) -> None:
    os.sched_setaffinity(0, {cpu})
    cv2.setNumThreads(1)
    data = jpeg(photo((4000, 3000)), quality=90)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "photo.jpg"
        path.write_bytes(data)
        print(f"one core (cpu {cpu}); source 4000x3000 JPEG, {len(data)} bytes")
        ours(data, repeat)
        throughput(test_photos(photos))
        side_by_side(data, path, repeat, with_thumbor)
        bytes_and_ssim(data, path)


if __name__ == "__main__":
    typer.run(main)
