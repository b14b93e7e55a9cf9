"""Hugging Face Inference (hf-inference) vision tasks: image bytes in; image-to-text answers
`[{"generated_text"}]`, image-classification answers `[{"label", "score"}]`, best first.

Answers are made from the picture so tests can predict them: the caption names its shape and
the colour nearest its mean (`a landscape picture in red tones`); the labels are that colour
(0.91), `picture frame` (0.35) and `jigsaw puzzle` (0.02)."""

import io
from collections.abc import Callable
from typing import Any

from PIL import Image, UnidentifiedImageError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.behaviour import Fault, Script
from emulator.common import answer

NAME = "huggingface_vision"
CAPTION_MODELS = (
    "Salesforce/blip-image-captioning-large",
    "Salesforce/blip-image-captioning-base",
    "nlpconnect/vit-gpt2-image-captioning",
)
LABEL_MODELS = ("google/vit-base-patch16-224", "microsoft/resnet-50")
TONES = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "grey": (128, 128, 128),
    "red": (220, 30, 30),
    "green": (30, 160, 60),
    "blue": (30, 70, 220),
    "yellow": (240, 220, 40),
    "orange": (250, 140, 20),
    "purple": (130, 50, 160),
    "brown": (140, 90, 45),
}
Made = Callable[[str, str], Any]
"""An answer's JSON body, from the picture's tone and shape."""


def error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def routes(script: Script) -> list[Route]:
    async def caption(request: Request) -> Response:
        return await _infer(script, request, _caption)

    async def classify(request: Request) -> Response:
        return await _infer(script, request, _labels)

    endpoints = [(model, caption) for model in CAPTION_MODELS]
    endpoints += [(model, classify) for model in LABEL_MODELS]
    return [
        Route(f"{prefix}/models/{model}", endpoint, methods=["POST"])
        for prefix in ("/hf-inference", "")
        for model, endpoint in endpoints
    ]


async def _infer(script: Script, request: Request, made: Made) -> Response:
    picture, errors = _picture(request.headers.get("content-type", ""), await request.body())

    async def success(_: Fault | None) -> Response:
        assert picture is not None
        return JSONResponse(made(_tone(picture), _shape(picture)))

    return await answer(script, NAME, request, errors=errors, error=error, success=success)


def _picture(content_type: str, body: bytes) -> tuple[Image.Image | None, list[str]]:
    if not content_type.startswith("image/"):
        return None, ["content-type: must be the image's type"]
    try:
        image = Image.open(io.BytesIO(body))
        image.load()
    except (UnidentifiedImageError, OSError):
        return None, ["body: is not an image"]
    return image.convert("RGB"), []


def _tone(picture: Image.Image) -> str:
    """The name of the colour nearest the picture's mean colour."""
    mean = picture.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(mean, tuple)
    return min(TONES, key=lambda name: _distance(TONES[name], mean))


def _distance(tone: tuple[int, int, int], color: tuple[float, ...]) -> float:
    return sum((a - b) ** 2 for a, b in zip(tone, color, strict=True))


def _shape(picture: Image.Image) -> str:
    width, height = picture.size
    if width == height:
        return "square"
    return "landscape" if width > height else "portrait"


def _caption(tone: str, shape: str) -> list[dict[str, str]]:
    return [{"generated_text": f"a {shape} picture in {tone} tones"}]


def _labels(tone: str, shape: str) -> list[dict[str, Any]]:
    return [
        {"label": tone, "score": 0.91},
        {"label": "picture frame, frame", "score": 0.35},
        {"label": "jigsaw puzzle", "score": 0.02},
    ]
