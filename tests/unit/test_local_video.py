import io
import wave
from functools import cache

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from services.transform.local.framing import Motion
from services.transform.local.video import ken_burns, poster
from shared.errors import PermanentError
from shared.ffmpeg import probe, run_ffmpeg
from tests.support.photos import astronaut, placed

Frames = NDArray[np.uint8]
FACE_AT_LEFT = placed((1600, 600), [(200, 100, 400)])
"""A wide image with the portrait's middle at x = 400."""
TWO_FACES = placed((1600, 600), [(200, 100, 400), (1130, 150, 300)])
"""A wide image with a second, smaller portrait whose middle is at x = 1280."""


def wav(seconds: float, rate: int = 16_000) -> bytes:
    """A 440 Hz mono tone as 16-bit PCM WAV."""
    t = np.arange(round(seconds * rate)) / rate
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes((np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes())
    return out.getvalue()


@cache
def rendered(
    size: tuple[int, int], seconds: float, motion: Motion = "medium", audio_s: float = 0
) -> bytes:
    audio = wav(audio_s) if audio_s else None
    return ken_burns(astronaut(), *size, seconds, motion=motion, audio=audio)


def frames(video: bytes, size: tuple[int, int]) -> Frames:
    """Every frame, decoded by ffmpeg (a faststart MP4 reads from a pipe)."""
    args = ["-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]
    raw = np.frombuffer(run_ffmpeg(args, stdin=video), np.uint8)
    return raw.reshape(-1, size[1], size[0], 3)


def audio_seconds(video: bytes) -> float:
    args = ["-i", "pipe:0", "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-ar", "48000", "pipe:1"]
    return len(run_ffmpeg(args, stdin=video)) / 96_000


def refused(code: str) -> pytest.RaisesExc[PermanentError]:
    return pytest.raises(PermanentError, check=lambda error: error.code == code)


@pytest.mark.parametrize(
    ("size", "seconds"), [((1280, 720), 5.0), ((720, 1280), 2.0)], ids=["720p-16:9", "720p-9:16"]
)
def test_the_video_is_h264_of_the_exact_size_length_and_frames(
    size: tuple[int, int], seconds: float
) -> None:
    found = probe(rendered(size, seconds))
    assert found.video_codec == "h264"
    assert (found.width, found.height, found.fps) == (*size, 30.0)
    assert found.duration_s == pytest.approx(seconds, abs=1 / 30)
    assert found.frames == round(seconds * 30)
    assert found.audio_codec is None


@pytest.mark.parametrize(("seconds", "fps", "count"), [(2.5, 24, 60), (1.01, 30, 30)])
def test_the_frame_count_is_the_duration_times_the_rate(
    seconds: float, fps: int, count: int
) -> None:
    video = ken_burns(astronaut(), 64, 36, seconds, motion="subtle", fps=fps)
    found = probe(video)
    assert (found.frames, found.fps) == (count, float(fps))


def test_shorter_audio_is_padded_to_the_video() -> None:
    video = rendered((320, 180), 5.0, audio_s=3.0)
    found = probe(video)
    assert (found.audio_codec, found.frames) == ("aac", 150)
    assert audio_seconds(video) == pytest.approx(5.0, abs=0.1)


def test_longer_audio_is_trimmed_to_the_video() -> None:
    video = rendered((320, 180), 2.0, audio_s=30.0)
    found = probe(video)
    assert found.audio_codec == "aac"
    assert found.duration_s == pytest.approx(2.0, abs=1 / 30)
    assert audio_seconds(video) == pytest.approx(2.0, abs=0.1)


def test_audio_that_is_not_wav_or_mp3_is_refused() -> None:
    with refused("unsupported_media_type"):
        ken_burns(astronaut(), 64, 36, 1.0, motion="subtle", audio=b"OggS" + bytes(200))


def change(motion: Motion) -> float:
    """Mean absolute difference of the first and last frames, in 8-bit levels."""
    video = frames(rendered((320, 180), 2.0, motion), (320, 180))
    return float(np.abs(video[0].astype(np.int16) - video[-1]).mean())


def test_the_camera_moves_more_the_more_dynamic_the_motion() -> None:
    subtle, dynamic = change("subtle"), change("dynamic")
    assert subtle > 3
    assert dynamic > 1.5 * subtle


def test_the_motion_is_smooth_and_eases_in_and_out() -> None:
    video = frames(rendered((320, 180), 2.0, "dynamic"), (320, 180)).astype(np.int16)
    steps = np.abs(np.diff(video, axis=0)).mean(axis=(1, 2, 3))
    middle = steps[len(steps) // 2 - 5 : len(steps) // 2 + 5].mean()
    assert steps[0] < middle / 2
    assert steps[-1] < middle / 2
    assert steps.max() < 3 * middle  # no jumps


def content_centre_x(frame: Frames, image: Image.Image, window_height: int) -> float:
    """Where a frame's content sits across `image`, by matching it back at the image's scale."""
    width = round(int(frame.shape[1]) * window_height / int(frame.shape[0]))
    template = cv2.resize(frame, (width, window_height), interpolation=cv2.INTER_AREA)
    scores = cv2.matchTemplate(np.asarray(image), template, cv2.TM_SQDIFF)
    _, _, (left, _), _ = cv2.minMaxLoc(scores)
    return left + width / 2


def test_a_tall_video_of_a_wide_image_starts_on_its_subject() -> None:
    video = ken_burns(FACE_AT_LEFT, 180, 320, 1.0, motion="medium")
    first = frames(video, (180, 320))[0]
    centre = content_centre_x(first, FACE_AT_LEFT, FACE_AT_LEFT.height)
    assert abs(centre - 400) < 40  # a centre crop would sit at 800


def test_a_given_focus_frames_the_video() -> None:
    video = ken_burns(TWO_FACES, 180, 320, 1.0, motion="subtle", focus=(0.8, 0.5))
    last = frames(video, (180, 320))[-1]
    window = round(TWO_FACES.height / 1.05)
    assert abs(content_centre_x(last, TWO_FACES, window) - 1280) < 20


def test_the_poster_is_a_jpeg_of_the_video_size() -> None:
    still = Image.open(io.BytesIO(poster(rendered((720, 1280), 2.0))))
    assert (still.format, still.size) == ("JPEG", (720, 1280))


def test_a_poster_past_the_end_shows_the_last_moments() -> None:
    still = Image.open(io.BytesIO(poster(rendered((320, 180), 2.0, "subtle"), at_s=60)))
    assert (still.format, still.size) == ("JPEG", (320, 180))


@pytest.mark.parametrize(
    ("width", "height", "seconds", "fps", "focus"),
    [
        (1281, 720, 1.0, 30, None),
        (0, 720, 1.0, 30, None),
        (64, 36, 0.01, 30, None),
        (64, 36, 1.0, 0, None),
        (64, 36, 1.0, 30, (1.5, 0.5)),
    ],
    ids=["odd-width", "zero-width", "no-frame", "zero-fps", "focus-outside"],
)
def test_impossible_parameters_are_refused(
    width: int, height: int, seconds: float, fps: int, focus: tuple[float, float] | None
) -> None:
    with refused("invalid_params"):
        ken_burns(astronaut(), width, height, seconds, motion="subtle", fps=fps, focus=focus)
