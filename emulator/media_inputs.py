"""Image and audio inputs of JSON APIs (the WaveSpeed video models): a base64 data URI
(`data:<mime>;base64,...`), decoded and checked (an image PIL opens; WAV or MP3 audio by its
magic bytes, measured with ffmpeg), or an http(s) URL, accepted without fetching anything."""

import base64
import binascii
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from emulator.edits import decode
from emulator.videos import audio_seconds

URL_AUDIO_S = 1.0
"""How long audio given by URL is taken to play (the emulator fetches nothing)."""


@dataclass(frozen=True)
class Audio:
    seconds: float
    size: int | None
    """Bytes of a data URI's audio; None for a URL."""


def read_image(errors: list[str], body: dict[str, Any], field: str) -> tuple[int, int] | None:
    """The size of the data-URI image in `body[field]`; None for a URL or a refused value (the
    reasons added to `errors`)."""
    data = _source(errors, body, field)
    if not isinstance(data, bytes):
        return None
    image, refused = decode(data, field)
    errors += refused
    return image.size if image is not None else None


def read_audio(errors: list[str], body: dict[str, Any], field: str) -> Audio | None:
    """The audio in `body[field]` (a URL's is a placeholder); None when refused."""
    data = _source(errors, body, field)
    if isinstance(data, str):
        return Audio(URL_AUDIO_S, None)
    if data is None:
        return None
    if not _is_audio(data):
        errors.append(f"{field}: must be WAV or MP3 audio")
        return None
    seconds = audio_seconds(data)
    if seconds is None:
        errors.append(f"{field}: could not be decoded")
        return None
    return Audio(seconds, len(data))


def _source(errors: list[str], body: dict[str, Any], field: str) -> bytes | str | None:
    """A data URI's decoded bytes, an http(s) URL as given, or None (absent or refused)."""
    value = body.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(f"{field}: must be a string")
        return None
    if value.startswith("data:"):
        return _data(errors, field, value)
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    errors.append(f"{field}: must be an http(s) URL or a base64 data URI")
    return None


def _data(errors: list[str], field: str, uri: str) -> bytes | None:
    header, comma, payload = uri.partition(",")
    if not comma or not header.endswith(";base64"):
        errors.append(f"{field}: a data URI must be data:<mime>;base64,<data>")
        return None
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        errors.append(f"{field}: is not valid base64")
        return None
    if not data:
        errors.append(f"{field}: is empty")
        return None
    return data


def _is_audio(data: bytes) -> bool:
    wav = data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    mp3 = data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    return wav or mp3
