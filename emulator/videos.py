"""Real MP4s for the emulated video answers, made with the static ffmpeg bundled by imageio-ffmpeg:
a solid colour with a tone (H.264 yuv420p + AAC, `faststart`), cached because encoding takes a
while; and how long an audio input plays, measured by decoding it with the same ffmpeg."""

import re
import subprocess
import tempfile
from functools import cache, lru_cache
from pathlib import Path

import imageio_ffmpeg  # type: ignore[import-untyped, unused-ignore]

FPS = 24
TONE_HZ = 440
TIMEOUT_S = 300


@cache
def ffmpeg() -> str:
    return str(imageio_ffmpeg.get_ffmpeg_exe())


@lru_cache(maxsize=64)
def mp4(colour: tuple[int, int, int], width: int, height: int, seconds: float) -> bytes:
    """A `width`x`height` MP4 of `seconds` at 24 fps in `colour`, with a mono tone track."""
    red, green, blue = colour
    length = f"{seconds:.3f}"
    with tempfile.TemporaryDirectory(prefix="emulator-video-") as folder:
        out = Path(folder) / "video.mp4"
        _run(
            "-f", "lavfi",
            "-i", f"color=c=0x{red:02x}{green:02x}{blue:02x}:s={width}x{height}:r={FPS}:d={length}",
            "-f", "lavfi",
            "-i", f"sine=frequency={TONE_HZ}:sample_rate=44100:d={length}",
            "-map", "0:v", "-map", "1:a",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k",
            "-t", length, "-movflags", "+faststart", str(out),
        )  # fmt: skip
        return out.read_bytes()


def audio_seconds(data: bytes) -> float | None:
    """How long the first audio stream in `data` plays; None if ffmpeg cannot decode one."""
    with tempfile.NamedTemporaryFile(prefix="emulator-audio-") as source:
        source.write(data)
        source.flush()
        try:
            done = _run("-i", source.name, "-map", "0:a:0", "-f", "null", "-progress", "-", "-")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return None
    played = re.findall(rb"out_time_us=(\d+)", done.stdout)
    return int(played[-1]) / 1_000_000 if played and int(played[-1]) > 0 else None


def _run(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", "-y", *arguments]
    return subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=True)
