"""Audio inputs (WAV and MP3), checked by content and by decoding (CPU work: run it on the pool).

The format comes from magic bytes, never a name or a client's content type, and ffmpeg is told
which demuxer to use, so it cannot guess its way into another format. The duration is measured
by decoding the whole input to PCM: headers (a WAV's data size, an MP3's Xing frame) can lie.
"""

import hashlib
import math
from dataclasses import dataclass
from typing import Literal

from shared.errors import PermanentError
from shared.ffmpeg import probe, run_ffmpeg

AudioFormat = Literal["wav", "mp3"]
CONTENT_TYPES: dict[AudioFormat, str] = {"wav": "audio/wav", "mp3": "audio/mpeg"}
MEASURE_RATE = 16_000
"""Samples per second of the mono 16-bit PCM the duration is measured on."""
MEASURE_AT_MOST_S = 130
"""Decoding stops here (every use takes at most 120 s), so a long file costs no more memory."""


class AudioRejectedError(PermanentError):
    """An input audio file refused by content. Codes: `payload_too_large`,
    `unsupported_media_type`, `invalid_audio`, `audio_too_short`, `audio_too_long`."""


@dataclass(frozen=True)
class AudioInfo:
    format: AudioFormat
    content_type: str
    duration_s: float
    sample_rate: int
    channels: int
    bytes: int
    sha256: str


def sniff_audio(data: bytes) -> AudioFormat | None:
    """The format the leading bytes announce: a RIFF/WAVE header, an ID3v2 tag or an MPEG
    layer III frame header; else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if _id3_tag(data[:10]) or _layer3_frame(data[:4]):
        return "mp3"
    return None


def inspect_audio(data: bytes, max_bytes: int) -> AudioInfo:
    """Check an audio file fully (size, format, decodability) and describe it; raises
    `AudioRejectedError`."""
    if len(data) > max_bytes:
        raise AudioRejectedError("payload_too_large", f"audio is over {max_bytes} bytes")
    fmt = sniff_audio(data)
    if fmt is None:
        raise AudioRejectedError("unsupported_media_type", "not a WAV or MP3 file")
    seconds = _decoded_seconds(data, fmt)
    sample_rate, channels = _stream(data)
    return AudioInfo(
        format=fmt,
        content_type=CONTENT_TYPES[fmt],
        duration_s=seconds,
        sample_rate=sample_rate,
        channels=channels,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_duration(info: AudioInfo, low_s: float, high_s: float, use: str) -> None:
    """Refuse audio outside `low_s`..`high_s` seconds for `use` (e.g. "video audio")."""
    # Shown to a tenth, rounded away from the limit: 2.96 s under a 3 s minimum reads "2.9 s".
    if info.duration_s < low_s:
        shown, code = math.floor(info.duration_s * 10) / 10, "audio_too_short"
    elif info.duration_s > high_s:
        shown, code = math.ceil(info.duration_s * 10) / 10, "audio_too_long"
    else:
        return
    limits = f"{use} must be {low_s:g} to {high_s:g} s"
    raise AudioRejectedError(code, f"the audio is {shown:.1f} s; {limits}")


def _decoded_seconds(data: bytes, fmt: AudioFormat) -> float:
    args = ["-f", fmt, "-i", "pipe:0", "-map", "0:a:0", "-t", str(MEASURE_AT_MOST_S)]
    args += ["-f", "s16le", "-ac", "1"]
    try:
        pcm = run_ffmpeg([*args, "-ar", str(MEASURE_RATE), "pipe:1"], stdin=data)
    except PermanentError as exc:
        if exc.code != "media_unreadable":
            raise
        raise AudioRejectedError(
            "invalid_audio", f"the {fmt} data does not decode: {exc.message}"
        ) from exc
    if not pcm:
        raise AudioRejectedError("invalid_audio", f"the {fmt} data holds no sound")
    return len(pcm) / (2 * MEASURE_RATE)


def _stream(data: bytes) -> tuple[int, int]:
    """Sample rate and channels of the (already decoded) audio stream."""
    try:
        found = probe(data)
    except PermanentError as exc:
        if exc.code != "media_unreadable":
            raise
        raise AudioRejectedError("invalid_audio", "the audio stream cannot be read") from exc
    if found.sample_rate is None or found.channels is None:
        raise AudioRejectedError("invalid_audio", "no audio stream with a known layout")
    return found.sample_rate, found.channels


def _id3_tag(header: bytes) -> bool:
    """An ID3v2 tag header: version 2 to 4, and a size in 7-bit (sync-safe) bytes."""
    return (
        len(header) == 10
        and header.startswith(b"ID3")
        and header[3] in (2, 3, 4)
        and all(byte < 0x80 for byte in header[6:10])
    )


def _layer3_frame(header: bytes) -> bool:
    """An MPEG audio frame header (11 sync bits) for layer III, with a known version, a usable
    bitrate index and a known sample rate (ADTS AAC shares the sync but says layer 0)."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return False
    version, layer = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate, rate = header[2] >> 4, (header[2] >> 2) & 3
    return version != 1 and layer == 1 and bitrate != 15 and rate != 3
