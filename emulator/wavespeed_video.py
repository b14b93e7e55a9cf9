"""WaveSpeed video models (`docs/providers.md` 2.6.3-2.6.4): Wan 2.5 image to video and
Hunyuan Avatar. Their `image` and `audio` are data URIs (decoded and checked) or http(s) URLs
(not fetched); the output is a real MP4 (`videos.mp4`) in the prompt's colour, at the resolution's
size turned to the input image's orientation, as long as `duration` (Wan) or the audio (avatar)."""

from functools import partial
from typing import Any

from emulator.common import check_bool, check_choice, check_known, check_number, check_text
from emulator.images import colour_for
from emulator.media_inputs import read_audio, read_image
from emulator.videos import mp4
from emulator.wavespeed_models import API_ONLY, MAX_SEED, Output, Prepare, Render, check_api_flags

WAN = "alibaba/wan-2.5/image-to-video"
AVATAR = "wavespeed-ai/hunyuan-avatar"
SIZES = {"480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080)}
WAN_FIELDS = {
    "image",
    "prompt",
    "negative_prompt",
    "audio",
    "resolution",
    "duration",
    "enable_prompt_expansion",
    "seed",
}
AVATAR_FIELDS = {"image", "audio", "prompt", "resolution", "seed"}
WAN_DURATION_S = (3, 10)
"""Clients send 5 or 10; one reference says 3..10 (unconfirmed): the wider range is accepted."""
WAN_AUDIO_S = (3.0, 30.0)
WAN_AUDIO_BYTES = 15 * 1024 * 1024
AVATAR_MAX_S = 120.0
MIN_S = 0.1
Prepared = tuple[Render | None, list[str]]


def prepare_wan(body: dict[str, Any]) -> Prepared:
    errors = _common(body, WAN_FIELDS, ("480p", "720p", "1080p"), required=("image",))
    check_number(errors, body, "duration", *WAN_DURATION_S, integer=True, text=False)
    check_bool(errors, body, "enable_prompt_expansion")
    check_text(errors, body, "prompt", required=True)
    _optional_text(errors, body, "negative_prompt")
    image = read_image(errors, body, "image")
    audio = read_audio(errors, body, "audio")
    if audio is not None and audio.size is not None:  # a URL's audio is not fetched
        if audio.size > WAN_AUDIO_BYTES:
            errors.append("audio: must be at most 15 MB")
        if not WAN_AUDIO_S[0] <= audio.seconds <= WAN_AUDIO_S[1]:
            errors.append(f"audio: must play 3 to 30 s, not {audio.seconds:.1f} s")
    if errors:
        return None, errors
    size = _size(body.get("resolution", "720p"), image)
    return partial(_render, body["prompt"], size, float(body.get("duration", 5))), []


def prepare_avatar(body: dict[str, Any]) -> Prepared:
    errors = _common(body, AVATAR_FIELDS, ("480p", "720p"), required=("image", "audio"))
    _optional_text(errors, body, "prompt")
    image = read_image(errors, body, "image")
    audio = read_audio(errors, body, "audio")
    if errors or audio is None:
        return None, errors
    seconds = min(AVATAR_MAX_S, max(MIN_S, round(audio.seconds, 2)))
    size = _size(body.get("resolution", "480p"), image)
    return partial(_render, body.get("prompt") or "avatar", size, seconds), []


def _common(
    body: dict[str, Any], fields: set[str], resolutions: tuple[str, ...], required: tuple[str, ...]
) -> list[str]:
    errors: list[str] = []
    check_known(errors, body, fields | API_ONLY)
    errors += [f"{name}: is required" for name in required if body.get(name) is None]
    check_api_flags(errors, body)
    check_choice(errors, body, "resolution", resolutions)
    check_number(errors, body, "seed", -1, MAX_SEED, integer=True, text=False)
    return errors


def _optional_text(errors: list[str], body: dict[str, Any], field: str) -> None:
    if body.get(field) != "":  # docs/providers.md gives no minimum: empty is no text
        check_text(errors, body, field)


def _size(resolution: str, image: tuple[int, int] | None) -> tuple[int, int]:
    """The resolution's landscape size, turned portrait for a portrait image (a URL's image is
    not fetched: landscape)."""
    width, height = SIZES[resolution]
    portrait = image is not None and image[1] > image[0]
    return (height, width) if portrait else (width, height)


def _render(prompt: str, size: tuple[int, int], seconds: float) -> Output:
    return Output(mp4(colour_for(prompt), *size, seconds), "mp4", "video/mp4")


VIDEO_MODELS: dict[str, Prepare] = {WAN: prepare_wan, AVATAR: prepare_avatar}
