"""The editing service's `local` algorithms on the CPU, called directly (no stack).

Prints, in one run (each figure the median of --repeat runs, after one warm-up):
1. Upscale x4 of 512x512 and 1024x1024 photos: ours (Lanczos + edge-aware sharpening) against
   plain Pillow LANCZOS x4 of the same image, in ms per image and output megapixels per second.
2. Background removal at about 0.25, 1 and 4 MP: ms per image and ms per megapixel.
3. The other local edits on a 1 MP photo, for scale: erase (a 5% blob), outpaint (+25% each
   side), recolour (by colour word).

Pinned to one core (`--cpu`), OpenCV with one thread, as the service's CPU pool runs one
operation per thread.

    python bench/editing.py [--repeat 5] [--cpu 0]
"""

import os
import sys
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENCV_FOR_THREADS_NUM"):  # before cv2 is imported
    os.environ[_name] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/support's photos

import math  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from functools import partial  # noqa: E402
from typing import Annotated  # noqa: E402

import cv2  # noqa: E402
import typer  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from services.editing.local.background import remove_background  # noqa: E402
from services.editing.local.inpaint import erase  # noqa: E402
from services.editing.local.outpaint import outpaint  # noqa: E402
from services.editing.local.recolor import recolor  # noqa: E402
from services.editing.local.upscale import upscale  # noqa: E402
from tests.support.photos import photo  # noqa: E402


def median_ms(repeat: int, work: Callable[[], object]) -> float:
    """Median wall ms of `repeat` runs, after one run to warm caches (cascades, allocator)."""
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def of_megapixels(megapixels: float) -> tuple[int, int]:
    """A 4:3 size of about that many megapixels."""
    width = round(math.sqrt(megapixels * 1e6 * 4 / 3))
    return width, round(width * 3 / 4)


def upscales(repeat: int) -> None:
    print("\n1. upscale x4")
    print(f"   {'input':>9} {'output':>9} {'method':14} {'ms':>8} {'out MP/s':>9}")
    for side in (512, 1024):
        image = photo((side, side))
        out_mp = (4 * side) ** 2 / 1e6
        large = (4 * side, 4 * side)
        methods: dict[str, Callable[[], object]] = {
            "local": partial(upscale, image, 4),
            "pillow lanczos": partial(image.resize, large, Image.Resampling.LANCZOS),
        }
        for name, work in methods.items():
            ms = median_ms(repeat, work)
            print(
                f"   {side:>4}x{side:<4} {4 * side:>4}x{4 * side:<4} {name:14} {ms:8.1f} "
                f"{out_mp / ms * 1000:9.1f}"
            )


def backgrounds(repeat: int) -> None:
    print("\n2. background removal")
    print(f"   {'input':>11} {'MP':>5} {'ms':>8} {'ms/MP':>8}")
    for megapixels in (0.25, 1.0, 4.0):
        size = of_megapixels(megapixels)
        image = photo(size)
        ms = median_ms(repeat, partial(remove_background, image))
        real = size[0] * size[1] / 1e6
        print(f"   {size[0]:>5}x{size[1]:<5} {real:5.2f} {ms:8.1f} {ms / real:8.1f}")


def other_edits(repeat: int) -> None:
    size = of_megapixels(1.0)
    image = photo(size)
    mask = Image.new("L", size)
    blob = (size[0] // 2, size[1] // 3, size[0] // 2 + size[0] // 5, size[1] // 3 + size[1] // 4)
    ImageDraw.Draw(mask).ellipse(blob, fill=255)
    side = size[1] // 4
    edits: dict[str, Callable[[], object]] = {
        "erase (5% blob)": lambda: erase(image, mask),
        "outpaint (+25% a side)": lambda: outpaint(image, side, side, side, side),
        "recolour (orange)": lambda: recolor(image, "teal", select="orange"),
    }
    print(f"\n3. other local edits on {size[0]}x{size[1]}")
    for name, work in edits.items():
        print(f"   {name:24} {median_ms(repeat, work):8.1f} ms")


def main(
    repeat: Annotated[int, typer.Option(min=1, help="Runs per measure; the median is kept.")] = 5,
    cpu: Annotated[int, typer.Option(help="The core to pin to.")] = 0,
) -> None:
    os.sched_setaffinity(0, {cpu})
    cv2.setNumThreads(1)
    print(f"one core (cpu {cpu}), median of {repeat} runs")
    upscales(repeat)
    backgrounds(repeat)
    other_edits(repeat)


if __name__ == "__main__":
    typer.run(main)
