"""What each WaveSpeed model takes and answers: its `Prepare` checks a submit body (decoding any
inputs) and gives the job's `Render`, run when the job starts. The image models (Qwen Image,
Ideogram V3 Turbo) are here, the video ones in `wavespeed_video`."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from contracts.media import size_for_ratio
from emulator.common import check_bool, check_choice, check_known, check_number, check_text
from emulator.images import image_for

QWEN = "wavespeed-ai/qwen-image/text-to-image"
IDEOGRAM = "ideogram-ai/ideogram-v3-turbo"
IDEOGRAM_RATIOS = ("1:1", "16:9", "9:16", "4:3", "3:4")
IDEOGRAM_STYLES = ("Auto", "General", "Realistic", "Design")
API_ONLY = {"enable_sync_mode", "enable_base64_output", "webhook_url"}
MAX_SEED = 2_147_483_647


@dataclass(frozen=True)
class Output:
    """A job's output file."""

    data: bytes
    extension: str
    media_type: str


Render = Callable[[], Output]
Prepare = Callable[[dict[str, Any]], tuple[Render | None, list[str]]]
"""A body's render, or why it is refused. Blocking (it may decode inputs): run off the loop."""


def check_api_flags(errors: list[str], body: dict[str, Any]) -> None:
    for flag in ("enable_sync_mode", "enable_base64_output"):
        check_bool(errors, body, flag)


def validate(model: str, body: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    check_text(errors, body, "prompt", required=True)
    check_api_flags(errors, body)
    if model == QWEN:
        check_known(errors, body, {"prompt", "size", "seed", "output_format"} | API_ONLY)
        check_number(errors, body, "seed", -1, MAX_SEED, integer=True)
        check_choice(errors, body, "output_format", ("jpeg", "png", "webp"))
        if "size" in body and _qwen_size(body["size"]) is None:
            errors.append("size: must be W*H with each side 256 to 1536")
    else:
        known = {"prompt", "image", "mask_image", "style", "aspect_ratio", "reference_images"}
        check_known(errors, body, known | API_ONLY | {"enable_safety_checker"})
        check_choice(errors, body, "style", IDEOGRAM_STYLES)
        check_choice(errors, body, "aspect_ratio", IDEOGRAM_RATIOS)
        if len(body.get("reference_images", [])) > 3:
            errors.append("reference_images: at most 3")
    return errors


def _prepare_image(model: str, body: dict[str, Any]) -> tuple[Render | None, list[str]]:
    errors = validate(model, body)
    if errors:
        return None, errors
    if model == QWEN:
        width, height = _qwen_size(body.get("size", "1024*1024")) or (1024, 1024)
    else:
        width, height = size_for_ratio(body.get("aspect_ratio", "1:1"))
    fmt = body.get("output_format", "jpeg") if model == QWEN else "png"
    return partial(_image, body["prompt"], width, height, fmt), []


def _image(prompt: str, width: int, height: int, fmt: str) -> Output:
    return Output(image_for(prompt, width, height, fmt), fmt, f"image/{fmt}")


def _qwen_size(size: object) -> tuple[int, int] | None:
    try:
        width, height = (int(side) for side in str(size).split("*"))
    except ValueError:
        return None
    return (width, height) if 256 <= width <= 1536 and 256 <= height <= 1536 else None


IMAGE_MODELS: dict[str, Prepare] = {
    QWEN: partial(_prepare_image, QWEN),
    IDEOGRAM: partial(_prepare_image, IDEOGRAM),
}
