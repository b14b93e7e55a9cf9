import io
import os
import time
import wave
from collections.abc import Callable, Iterator
from functools import cache

import numpy as np
import pytest

from shared import audio
from shared.audio import AudioInfo, AudioRejectedError, check_duration, inspect_audio, sniff_audio
from shared.errors import PermanentError
from shared.ffmpeg import feed_ffmpeg, probe, run_ffmpeg

MAX_BYTES = 10 * 2**20


def wav(seconds: float, rate: int = 16_000, channels: int = 1, silent: bool = False) -> bytes:
    """A 440 Hz tone (or silence) as 16-bit PCM WAV, written with Python's `wave` module."""
    t = np.arange(round(seconds * rate)) / rate
    tone = np.zeros_like(t) if silent else np.sin(2 * np.pi * 440 * t) * 8000
    samples = np.repeat(tone.astype("<i2")[:, None], channels, axis=1)
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


def transcoded(data: bytes, *args: str) -> bytes:
    """`data` encoded by the bundled ffmpeg with the output options `args`."""
    return run_ffmpeg(["-i", "pipe:0", *args, "pipe:1"], stdin=data)


@cache
def mp3(seconds: float = 5.0, tagged: bool = True) -> bytes:
    tag = [] if tagged else ["-id3v2_version", "0"]
    return transcoded(
        wav(seconds, 44_100, 2), "-c:a", "libmp3lame", "-b:a", "128k", *tag, "-f", "mp3"
    )


def refused(code: str) -> pytest.RaisesExc[AudioRejectedError]:
    return pytest.raises(AudioRejectedError, check=lambda error: error.code == code)


def test_the_bundled_ffmpeg_has_the_platforms_codecs() -> None:
    encoders = run_ffmpeg(["-encoders"]).decode()
    for name in ("libx264", "aac", "libmp3lame"):
        assert f" {name} " in encoders


# inspect_audio


def test_a_wav_is_accepted_and_measured() -> None:
    data = wav(5.0, 44_100, 2)
    info = inspect_audio(data, MAX_BYTES)
    assert (info.format, info.content_type) == ("wav", "audio/wav")
    assert info.duration_s == pytest.approx(5.0, abs=0.01)
    assert (info.sample_rate, info.channels, info.bytes) == (44_100, 2, len(data))
    assert len(info.sha256) == 64


@pytest.mark.parametrize("tagged", [True, False], ids=["id3", "frame-sync"])
def test_an_mp3_is_accepted_with_or_without_an_id3_tag(tagged: bool) -> None:
    data = mp3(tagged=tagged)
    assert data.startswith(b"ID3") is tagged
    info = inspect_audio(data, MAX_BYTES)
    assert (info.format, info.content_type) == ("mp3", "audio/mpeg")
    assert info.duration_s == pytest.approx(5.0, abs=0.1)  # the encoder pads to whole frames
    assert (info.sample_rate, info.channels) == (44_100, 2)


@cache
def other_formats() -> dict[str, bytes]:
    tone = wav(2.0, 44_100)
    return {
        "text": b"just some words, not sound\n" * 40,
        "ogg": transcoded(tone, "-c:a", "libvorbis", "-f", "ogg"),
        "flac": transcoded(tone, "-c:a", "flac", "-f", "flac"),
        "adts-aac": transcoded(tone, "-c:a", "aac", "-f", "adts"),  # MPEG sync, but not layer III
    }


@pytest.mark.parametrize("kind", ["text", "ogg", "flac", "adts-aac"])
def test_other_formats_are_unsupported(kind: str) -> None:
    data = other_formats()[kind]
    assert sniff_audio(data) is None
    with refused("unsupported_media_type"):
        inspect_audio(data, MAX_BYTES)


def test_a_payload_too_large_is_refused_before_any_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("decoded")

    monkeypatch.setattr(audio, "run_ffmpeg", never)
    monkeypatch.setattr(audio, "probe", never)
    data = wav(105.0, 48_000, 2, silent=True)
    assert len(data) > 20_000_000
    with refused("payload_too_large"):
        inspect_audio(data, MAX_BYTES)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:30],  # cut inside the WAV's format chunk
        lambda data: wav(0.0),  # a whole header, but not one sample
        lambda data: mp3()[:64] + os.urandom(20_000),  # an ID3 tag, then noise
    ],
    ids=["wav-cut-header", "wav-no-samples", "mp3-noise"],
)
def test_damaged_audio_with_a_valid_header_is_invalid(damage: Callable[[bytes], bytes]) -> None:
    data = damage(wav(2.0))
    assert sniff_audio(data) is not None
    with refused("invalid_audio"):
        inspect_audio(data, MAX_BYTES)


# check_duration


@cache
def measured(seconds: float) -> AudioInfo:
    return inspect_audio(wav(seconds, 8_000), MAX_BYTES)


def test_check_duration_refuses_too_short_audio_with_the_limits() -> None:
    with refused("audio_too_short") as caught:
        check_duration(measured(2.0), 3, 30, "video audio")
    assert caught.value.message == "the audio is 2.0 s; video audio must be 3 to 30 s"


def test_check_duration_refuses_too_long_audio() -> None:
    with refused("audio_too_long") as caught:
        check_duration(measured(40.0), 3, 30, "video audio")
    assert "40.0 s" in caught.value.message


def test_check_duration_accepts_audio_within_the_limits() -> None:
    check_duration(measured(40.0), 3, 120, "avatar speech")


def test_check_duration_rounds_away_from_the_limit() -> None:
    info = AudioInfo("wav", "audio/wav", 2.96, 8_000, 1, 100, "0" * 64)
    with refused("audio_too_short") as caught:
        check_duration(info, 3, 30, "video audio")
    assert caught.value.message.startswith("the audio is 2.9 s;")


# probe and running ffmpeg


def test_probe_describes_an_audio_file() -> None:
    found = probe(wav(1.5, 22_050, 2))
    assert (found.container, found.audio_codec) == ("wav", "pcm_s16le")
    assert (found.sample_rate, found.channels) == (22_050, 2)
    assert found.duration_s == pytest.approx(1.5, abs=0.01)
    assert (found.video_codec, found.frames) == (None, None)


def test_probe_refuses_what_ffmpeg_cannot_read() -> None:
    with pytest.raises(PermanentError, check=lambda error: error.code == "media_unreadable"):
        probe(b"not media at all" * 100)


def test_a_slow_ffmpeg_is_stopped_at_its_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(PermanentError, check=lambda error: error.code == "media_timeout"):
        run_ffmpeg(
            ["-re", "-f", "lavfi", "-i", "anullsrc", "-t", "30", "-f", "null", "-"], None, 0.5
        )
    assert time.monotonic() - started < 5


def test_feeding_ffmpeg_stops_it_when_the_producer_fails() -> None:
    def frames() -> Iterator[bytes]:
        yield bytes(16 * 16 * 3)
        raise RuntimeError("the producer broke")

    raw = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "16x16", "-i", "pipe:0"]
    with pytest.raises(RuntimeError, match="producer broke"):
        feed_ffmpeg([*raw, "-f", "null", "-"], frames(), timeout_s=10)
