"""The transform service's `local` image-to-video (Ken Burns) on the CPU, called directly.

Prints, for 720p and 1080p in 16:9 and 9:16 (and 720p with an audio track muxed in), the wall
seconds of rendering per second of video, the frames per second that makes, and how long making
the frames alone takes (the Python side: focus, framing, warps) as a share of that wall time;
ffmpeg (libx264 veryfast, CRF 20) encodes in its own process meanwhile. Each figure is the
median of --repeat runs after one warm-up. The source is a 12 MP photo (a typical upload).

ffmpeg's encoder uses every core it may (as in the service); `--cores` pins the run, ffmpeg
included, to the first N.

    python bench/transform.py [--seconds 5] [--repeat 3] [--cores N]
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/support's photos

import io
import statistics
import time
import wave
from collections.abc import Callable
from typing import Annotated

import numpy as np
import typer
from PIL import Image

from services.transform.local.video import ken_burns, render_frames
from shared.ffmpeg import run_ffmpeg
from tests.support.photos import photo

SIZES = {
    "720p 16:9": (1280, 720),
    "720p 9:16": (720, 1280),
    "1080p 16:9": (1920, 1080),
    "1080p 9:16": (1080, 1920),
}


def median_s(repeat: int, work: Callable[[], object]) -> float:
    """Median wall seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def tone(seconds: float) -> bytes:
    """A 44.1 kHz stereo WAV of a 440 Hz tone."""
    t = np.arange(round(seconds * 44_100)) / 44_100
    samples = np.repeat((np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2")[:, None], 2, axis=1)
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(44_100)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


def frames_only(image: Image.Image, size: tuple[int, int], seconds: float) -> None:
    """The Python side alone: focus, framing and every frame's bytes, not encoded."""
    for _ in render_frames(image, *size, seconds, motion="medium"):
        pass


def row(name: str, image: Image.Image, size: tuple[int, int], seconds: float, repeat: int) -> None:
    audio = tone(seconds) if "audio" in name else None
    total = median_s(repeat, lambda: ken_burns(image, *size, seconds, motion="medium", audio=audio))
    making = median_s(repeat, lambda: frames_only(image, size, seconds))
    print(
        f"   {name:22} {size[0]:>4}x{size[1]:<4} {total / seconds:9.2f} "
        f"{seconds * 30 / total:8.1f} {making / total:9.0%}"
    )


def main(
    seconds: Annotated[float, typer.Option(min=1, help="Seconds of video per render.")] = 5.0,
    repeat: Annotated[int, typer.Option(min=1, help="Runs per measure; the median is kept.")] = 3,
    cores: Annotated[int | None, typer.Option(min=1, help="Pin to the first N cores.")] = None,
) -> None:
    if cores is not None:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cores])
    image = photo((4000, 3000))
    ken_burns(image, 320, 180, 1.0, motion="medium")  # warm-up: cascade, libraries, page cache
    version = run_ffmpeg(["-version"]).decode().split("\n", 1)[0]
    print(f"{version}\n{len(os.sched_getaffinity(0))} cores, {seconds:g} s at 30 fps, 12 MP photo")
    print(f"median of {repeat} runs\n")
    print(f"   {'video':22} {'size':>9} {'s per s':>9} {'fps':>8} {'py frames':>9}")
    for name, size in SIZES.items():
        row(name, image, size, seconds, repeat)
    row("720p 16:9 + AAC audio", image, SIZES["720p 16:9"], seconds, repeat)


if __name__ == "__main__":
    typer.run(main)
