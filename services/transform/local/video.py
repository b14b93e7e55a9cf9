"""Image to video on the CPU: a Ken Burns pan-and-zoom over a still, H.264 in MP4.

The part of the image the camera visits is scaled once, so that the end window is the output's
size; each frame is cut from that copy with a sub-pixel affine warp (no jitter, at most a 1.3x
shrink) and streamed to ffmpeg's stdin as raw RGB, never all frames in memory at once.
"""

import io
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from cv2.typing import MatLike
from PIL import Image

from contracts.media import ImageFormat
from services.transform.local.framing import (
    Motion,
    Window,
    covering,
    eased,
    find_focus,
    windows,
)
from shared.audio import AudioRejectedError, sniff_audio
from shared.errors import PermanentError
from shared.ffmpeg import feed_ffmpeg, run_ffmpeg
from shared.images import encode

Pixels = MatLike
Size = tuple[int, int]
MAX_FPS = 60
VIDEO = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-movflags", "+faststart"]
COLOUR = [  # sRGB pixels become BT.709 YUV, and the file says so (players may assume BT.601)
    "-vf",
    "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,"
    "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv",
]
AUDIO = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-af", "apad"]


def ken_burns(
    image: Image.Image,
    width: int,
    height: int,
    duration_s: float,
    *,
    motion: Motion,
    fps: int = 30,
    audio: bytes | None = None,
    focus: tuple[float, float] | None = None,
) -> bytes:
    """An MP4 (H.264, and AAC when `audio` is given) of a pan-and-zoom over `image`: exactly
    `width`x`height` (even), round(duration_s * fps) frames, framed on `focus` (0-1
    coordinates), else on the image's faces or saliency. The audio is trimmed or padded with
    silence to the video's length. Raises `PermanentError` `invalid_params`,
    `AudioRejectedError`."""
    frames = render_frames(image, width, height, duration_s, motion=motion, fps=fps, focus=focus)
    count = round(duration_s * fps)
    with tempfile.TemporaryDirectory(prefix="ken-burns-") as folder:
        output = Path(folder) / "video.mp4"
        raw = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"]
        inputs = [*raw, "-framerate", str(fps), "-i", "pipe:0", *_audio_input(audio, folder)]
        length = ["-t", f"{count / fps:.6f}"]  # the audio's length too: trimmed, or padded
        feed_ffmpeg([*inputs, *_maps(audio), *VIDEO, *COLOUR, *length, str(output)], frames)
        return output.read_bytes()


def render_frames(
    image: Image.Image,
    width: int,
    height: int,
    duration_s: float,
    *,
    motion: Motion,
    fps: int = 30,
    focus: tuple[float, float] | None = None,
) -> Iterator[bytes]:
    """The pan-and-zoom's frames as raw RGB24 bytes, each made when asked for (the parameters
    are checked at once: raises `PermanentError` `invalid_params`)."""
    count = _frame_count(width, height, duration_s, fps, focus)
    pixels = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    size = (pixels.shape[1], pixels.shape[0])
    start, end = windows(size, width / height, focus or find_focus(pixels), motion)
    return _frames(pixels, start, end, (width, height), count)


def poster(video: bytes, at_s: float = 0.5) -> bytes:
    """One JPEG still (quality 90) of the video at `at_s` seconds, or near its end when it is
    shorter than that."""
    if not at_s >= 0:
        raise PermanentError("invalid_params", f"a poster's time must be 0 s or later, not {at_s}")
    with tempfile.TemporaryDirectory(prefix="poster-") as folder:
        path = Path(folder) / "video.mp4"  # a file: an MP4's index may sit at its end
        path.write_bytes(video)
        still = _still(path, ["-ss", f"{at_s:.3f}"]) or _still(path, ["-sseof", "-0.1"])
    if not still:
        raise PermanentError("media_unreadable", "the video has no frame to show")
    with Image.open(io.BytesIO(still), formats=["BMP"]) as image:
        return encode(image, ImageFormat.JPEG)


def _frame_count(
    width: int, height: int, duration_s: float, fps: int, focus: tuple[float, float] | None
) -> int:
    if width < 2 or height < 2 or width % 2 or height % 2:
        raise _invalid(f"H.264 needs an even width and height, 2 px or more, not {width}x{height}")
    if not 1 <= fps <= MAX_FPS:
        raise _invalid(f"the frame rate must be 1 to {MAX_FPS}, not {fps}")
    if not math.isfinite(duration_s) or round(duration_s * fps) < 1:
        raise _invalid(f"a {duration_s} s video has no frame at {fps} fps")
    if focus is not None and not all(0 <= value <= 1 for value in focus):
        raise _invalid(f"the focus is in 0-1 image coordinates, not {focus}")
    return round(duration_s * fps)


def _frames(pixels: Pixels, start: Window, end: Window, size: Size, count: int) -> Iterator[bytes]:
    """Each frame's raw RGB bytes, made as ffmpeg asks for them."""
    left, top, right, bottom = covering(start, end, (pixels.shape[1], pixels.shape[0]))
    part = pixels[top:bottom, left:right]
    factor = size[0] / end.w
    scaled = (max(1, round(part.shape[1] * factor)), max(1, round(part.shape[0] * factor)))
    shrink = factor < 1
    region = cv2.resize(
        part, scaled, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LANCZOS4
    )
    scale = (scaled[0] / part.shape[1], scaled[1] / part.shape[0])  # after rounding
    for index in range(count):
        window = start.toward(end, eased(index, count))
        yield _cut(region, window, (left, top), scale, size).tobytes()


def _cut(
    region: Pixels, window: Window, origin: Size, scale: tuple[float, float], size: Size
) -> Pixels:
    """The window (in image pixels) out of the scaled region, at the output's size."""
    kx, ky = window.w * scale[0] / size[0], window.h * scale[1] / size[1]
    x0, y0 = (window.left - origin[0]) * scale[0], (window.top - origin[1]) * scale[1]
    # Maps each output pixel's centre to the region (pixel centres at whole coordinates).
    inverse = np.array([[kx, 0, x0 + kx / 2 - 0.5], [0, ky, y0 + ky / 2 - 0.5]])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    frame: Pixels = cv2.warpAffine(
        region, inverse, size, flags=flags, borderMode=cv2.BORDER_REPLICATE
    )
    return frame


def _audio_input(audio: bytes | None, folder: str) -> list[str]:
    """ffmpeg's second input: the audio, read as the format its content announces."""
    if audio is None:
        return []
    fmt = sniff_audio(audio)
    if fmt is None:
        raise AudioRejectedError("unsupported_media_type", "the audio is not a WAV or MP3 file")
    path = Path(folder) / f"audio.{fmt}"
    path.write_bytes(audio)
    return ["-f", fmt, "-i", str(path)]


def _maps(audio: bytes | None) -> list[str]:
    video = ["-map", "0:v:0"]
    return video if audio is None else [*video, "-map", "1:a:0", *AUDIO]


def _still(path: Path, seek: list[str]) -> bytes:
    """The first frame after `seek`, as BMP (lossless and quick; empty past the end)."""
    args = [*seek, "-i", str(path), "-frames:v", "1", "-f", "image2pipe", "-c:v", "bmp", "pipe:1"]
    return run_ffmpeg(args)


def _invalid(message: str) -> PermanentError:
    return PermanentError("invalid_params", message)
