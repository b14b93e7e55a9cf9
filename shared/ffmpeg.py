"""The one way the platform runs ffmpeg: the static binary imageio-ffmpeg ships, without a shell.

ffprobe is not bundled, so `probe` reads the stream summary `ffmpeg -i` prints and counts video
frames by decoding them. Failures become `PermanentError`s: `media_unreadable` (ffmpeg exited
non-zero; the message is its first error line) and `media_timeout` (killed at the time limit;
the same input would take as long again, so retrying cannot help).
"""

import contextlib
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

import imageio_ffmpeg  # type: ignore[import-untyped]  # no stubs; one call, wrapped in str()

from shared.errors import PermanentError

QUIET = ["-hide_banner", "-nostdin", "-loglevel", "error"]
LAYOUT_CHANNELS = {"mono": 1, "stereo": 2, "downmix": 2, "quad": 4, "hexagonal": 6, "octagonal": 8}
_CONTEXT = re.compile(r"^\[[^\]]* @ 0x[0-9a-f]+\] |^\[(?:error|fatal|warning|info)\] ")
_PATH = re.compile(r"/(?:[^/\s'\":]+/)+")
_INPUT = re.compile(r"Input #0, (.+?), from '")
_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #0:\d+\S*: (Video|Audio): (\w+)(.*)")
_SIZE = re.compile(r", (\d+)x(\d+)")
_FPS = re.compile(r", (\d+(?:\.\d+)?)(k?) fps")
_AUDIO = re.compile(r", (\d+) Hz, ([^,]+)")
_FRAME = re.compile(rb"^frame=(\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class MediaProbe:
    """What a media file holds: its first video stream (cover art aside) and first audio one."""

    container: str
    """ffmpeg's demuxer name, e.g. `wav`, `mp3` or `mov,mp4,m4a,3gp,3g2,mj2`."""
    duration_s: float
    video_codec: str | None
    width: int | None
    height: int | None
    fps: float | None
    frames: int | None
    """Counted by decoding the video, not read from a header."""
    audio_codec: str | None
    sample_rate: int | None
    channels: int | None


@cache
def ffmpeg_exe() -> str:
    """The path of the bundled ffmpeg binary."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run_ffmpeg(args: list[str], stdin: bytes | None = None, timeout_s: float = 120) -> bytes:
    """Run ffmpeg with `args` (after `-hide_banner -nostdin -loglevel error`) and return its
    stdout; raises `PermanentError` `media_unreadable` or `media_timeout`."""
    done = _execute([*QUIET, *args], stdin, timeout_s)
    if done.returncode != 0:
        raise PermanentError("media_unreadable", _reason(done.stderr))
    return done.stdout


def feed_ffmpeg(args: list[str], chunks: Iterable[bytes], timeout_s: float = 600) -> None:
    """Run ffmpeg with `chunks` streamed to its stdin (`pipe:0`), one at a time, for commands
    that write their output to a file; raises like `run_ffmpeg`."""
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        process.kill()

    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [ffmpeg_exe(), *QUIET, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        timer = threading.Timer(timeout_s, expire)
        timer.start()
        try:
            _write_all(process, chunks)
            code = process.wait()
        finally:
            timer.cancel()
            _stop(process)
        _raise_on_failure(code, expired.is_set(), timeout_s, errors)


def probe(data: bytes, timeout_s: float = 120) -> MediaProbe:
    """Describe a media file by content; raises `PermanentError` `media_unreadable` when ffmpeg
    cannot open it."""
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        path = Path(folder) / "input"  # a file, not a pipe: MP4 may keep its index at the end
        path.write_bytes(data)
        summary = _summary(path, timeout_s)
        frames = _count_frames(path, timeout_s) if _stream(summary, "Video") else None
    return _parse(summary, frames)


def _reason(stderr: bytes) -> str:
    """ffmpeg's first error line, short, without object addresses or file system paths."""
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines()]
    first = next((line for line in lines if line), "ffmpeg failed without a message")
    return _PATH.sub("", _CONTEXT.sub("", _CONTEXT.sub("", first)))[:200]


def _execute(
    args: list[str], stdin: bytes | None, timeout_s: float
) -> subprocess.CompletedProcess[bytes]:
    try:  # without input, ffmpeg gets an empty pipe: it never reads the caller's stdin
        return subprocess.run(
            [ffmpeg_exe(), *args],
            input=b"" if stdin is None else stdin,
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _timeout(timeout_s) from exc


def _write_all(process: subprocess.Popen[bytes], chunks: Iterable[bytes]) -> None:
    assert process.stdin is not None
    try:
        for chunk in chunks:
            process.stdin.write(chunk)
        process.stdin.close()
    except BrokenPipeError:
        pass  # ffmpeg stopped reading (it failed, or was killed): its exit status says why


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Make sure ffmpeg has ended (it has not when the chunks' producer raised)."""
    if process.poll() is None:
        process.kill()
        process.wait()
    assert process.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        process.stdin.close()


def _raise_on_failure(code: int, expired: bool, timeout_s: float, errors: IO[bytes]) -> None:
    if expired:
        raise _timeout(timeout_s)
    if code != 0:
        errors.seek(0)
        raise PermanentError("media_unreadable", _reason(errors.read()))


def _timeout(timeout_s: float) -> PermanentError:
    return PermanentError("media_timeout", f"ffmpeg did not finish within {timeout_s:g} s")


def _summary(path: Path, timeout_s: float) -> str:
    """`ffmpeg -i`'s description of the input (it then exits non-zero: no output was named)."""
    args = ["-hide_banner", "-nostdin", "-loglevel", "level+info", "-i", str(path)]
    stderr = _execute(args, None, timeout_s).stderr
    if _INPUT.search(stderr.decode(errors="replace")) is None:
        errors = [line for line in stderr.splitlines() if b"[error]" in line or b"[fatal]" in line]
        raise PermanentError("media_unreadable", _reason(b"\n".join(errors)))
    return stderr.decode(errors="replace")


def _count_frames(path: Path, timeout_s: float) -> int:
    """Frames of the first video stream that is not cover art, by decoding them all."""
    args = ["-nostats", "-progress", "pipe:1", "-i", str(path), "-map", "0:V:0", "-f", "null", "-"]
    counts = _FRAME.findall(run_ffmpeg(args, timeout_s=timeout_s))
    return int(counts[-1]) if counts else 0


def _stream(summary: str, kind: str) -> tuple[str, str] | None:
    """The codec and details of the first `kind` stream (cover art is not video)."""
    for found in _STREAM.finditer(summary):
        if found[1] == kind and "(attached pic)" not in found[3]:
            return found[2], found[3]
    return None


def _parse(summary: str, frames: int | None) -> MediaProbe:
    container = _INPUT.search(summary)
    duration = _DURATION.search(summary)
    video, audio = _stream(summary, "Video"), _stream(summary, "Audio")
    size = _SIZE.search(video[1]) if video else None
    fps = _FPS.search(video[1]) if video else None
    sound = _AUDIO.search(audio[1]) if audio else None
    return MediaProbe(
        container=container[1] if container else "",
        duration_s=_seconds(duration) if duration else 0.0,
        video_codec=video[0] if video else None,
        width=int(size[1]) if size else None,
        height=int(size[2]) if size else None,
        fps=float(fps[1]) * (1000 if fps[2] else 1) if fps else None,
        frames=frames,
        audio_codec=audio[0] if audio else None,
        sample_rate=int(sound[1]) if sound else None,
        channels=_channels(sound[2]) if sound else None,
    )


def _seconds(duration: re.Match[str]) -> float:
    hours, minutes, seconds = duration.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _channels(layout: str) -> int | None:
    """Channels of a layout as ffmpeg names it: `mono`, `5.1(side)`, `3 channels`..."""
    name = layout.strip().split("(")[0]
    if name.endswith(" channels"):
        return int(name.split()[0])
    if re.fullmatch(r"\d\.\d", name):
        return int(name[0]) + int(name[2])
    return LAYOUT_CHANNELS.get(name)
