"""Google Gemini API: Imagen `:predict`, Gemini image `:generateContent` (generation, or editing
of an inline image), and a Gemini text model (used by prompt enhancement)."""

import asyncio
import base64
from collections.abc import Iterator
from typing import Any

from PIL import Image
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator import KEYS
from emulator.behaviour import Fault, Script
from emulator.common import answer, check_choice, check_known, check_number, json_body
from emulator.edits import aspect_of, decode, restyle, sized
from emulator.images import encode, image_for

NAME = "google"
IMAGEN = (
    "imagen-4.0-generate-001",
    "imagen-4.0-ultra-generate-001",
    "imagen-4.0-fast-generate-001",
    "imagen-3.0-generate-002",
)
GEMINI_IMAGE = (
    "gemini-2.5-flash-image",
    "gemini-2.5-flash-image-preview",
    "gemini-3-pro-image-preview",
)
GEMINI_TEXT = ("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite")
IMAGEN_SIZES = {
    "1:1": (1024, 1024),
    "3:4": (896, 1280),
    "4:3": (1280, 896),
    "9:16": (768, 1408),
    "16:9": (1408, 768),
}
GEMINI_SIZES = {
    "1:1": (1024, 1024),
    "2:3": (832, 1248),
    "3:2": (1248, 832),
    "3:4": (864, 1184),
    "4:3": (1184, 864),
    "9:16": (768, 1344),
    "16:9": (1344, 768),
    "21:9": (1536, 672),
}
VERTEX_ONLY = {"negativePrompt", "seed", "addWatermark", "enhancePrompt", "storageUri", "labels"}
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


def error(status: int, code: str, message: str) -> Response:
    body: dict[str, Any] = {
        "code": status,
        "message": message,
        "status": STATUS_NAMES.get(status, "UNKNOWN"),
    }
    if code == "unauthorized":  # Google answers a bad key with 400 API_KEY_INVALID
        status = 400
        body |= {
            "code": 400,
            "status": "INVALID_ARGUMENT",
            "message": "API key not valid. Please pass a valid API key.",
        }
        body["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
            }
        ]
    return JSONResponse({"error": body}, status_code=status)


def routes(script: Script) -> list[Route]:
    async def call(request: Request) -> Response:
        model, _, method = request.path_params["target"].partition(":")
        known = {"predict": IMAGEN, "generateContent": GEMINI_IMAGE + GEMINI_TEXT}.get(method, ())
        if model not in known:
            return error(
                404,
                "not_found",
                f"models/{model} is not found for API version v1beta, or does not support {method}",
            )
        body, errors = await json_body(request)
        sources: list[Image.Image] = []
        if method == "predict":
            errors += validate_imagen(model, body)
        else:
            errors += validate_gemini(model, body)
            sources, refused = await asyncio.to_thread(inline_images, body)
            errors += refused
        key = request.headers.get("x-goog-api-key") or request.query_params.get("key")

        async def success(_: Fault | None) -> Response:
            if method == "predict":
                return JSONResponse(_predictions(body))
            if model in GEMINI_TEXT:
                return JSONResponse(_text(body))
            if sources:
                return JSONResponse(await asyncio.to_thread(_edited, model, body, sources[-1]))
            return JSONResponse(_gemini_image(model, body))

        return await answer(
            script,
            NAME,
            request,
            errors=errors,
            authorized=key == KEYS[NAME],
            error=error,
            success=success,
        )

    return [Route("/v1beta/models/{target}", call, methods=["POST"])]


def validate_imagen(model: str, body: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    check_known(errors, body, {"instances", "parameters"})
    instances = body.get("instances")
    if not isinstance(instances, list) or len(instances) != 1 or not isinstance(instances[0], dict):
        return [*errors, "instances: must hold exactly one instance"]
    prompt = instances[0].get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        errors.append("instances[0].prompt: is required")
    parameters = body.get("parameters", {})
    errors += [
        f"parameters.{f}: is not supported in the Gemini API"
        for f in VERTEX_ONLY
        if f in parameters
    ]
    check_known(
        errors,
        parameters,
        {
            "sampleCount",
            "aspectRatio",
            "personGeneration",
            "sampleImageSize",
            "guidanceScale",
            "safetySetting",
            "includeSafetyAttributes",
            "includeRaiReason",
            "language",
            "outputOptions",
        }
        | VERTEX_ONLY,
    )
    check_number(errors, parameters, "sampleCount", 1, 4, integer=True)
    check_choice(errors, parameters, "aspectRatio", tuple(IMAGEN_SIZES))
    check_choice(errors, parameters, "personGeneration", ("dont_allow", "allow_adult", "allow_all"))
    check_choice(errors, parameters, "sampleImageSize", ("1K", "2K"))
    if "sampleImageSize" in parameters and ("fast" in model or "3.0" in model):
        errors.append("parameters.sampleImageSize: not supported by this model")
    return errors


def validate_gemini(model: str, body: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    check_known(
        errors, body, {"contents", "generationConfig", "safetySettings", "systemInstruction"}
    )
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        return [*errors, "contents: is required"]
    texts = [
        p.get("text")
        for c in contents
        if isinstance(c, dict)
        for p in c.get("parts", [])
        if isinstance(p, dict)
    ]
    if not any(isinstance(t, str) and t.strip() for t in texts):
        errors.append("contents: must hold a text part")
    config = body.get("generationConfig", {})
    modalities = config.get("responseModalities", ["TEXT"])
    if not set(modalities) <= {"TEXT", "IMAGE"}:
        errors.append("generationConfig.responseModalities: must be TEXT and/or IMAGE")
    if "IMAGE" in modalities and model in GEMINI_TEXT:
        errors.append(f"generationConfig.responseModalities: {model} does not output images")
    image_config = config.get("imageConfig", {})
    check_known(errors, image_config, {"aspectRatio", "imageSize", "personGeneration"})
    check_choice(errors, image_config, "aspectRatio", tuple(GEMINI_SIZES))
    check_choice(errors, image_config, "imageSize", ("1K", "2K", "4K"))
    return errors


def inline_images(body: dict[str, Any]) -> tuple[list[Image.Image], list[str]]:
    """The images of the `inline_data`/`inlineData` parts (the last is the one to edit), or why
    one is not an image."""
    images: list[Image.Image] = []
    errors: list[str] = []
    for where, part in _parts(body):
        key = "inline_data" if "inline_data" in part else "inlineData"
        if key in part:
            image, refused = _inline_image(f"{where}.{key}", part[key])
            images += [image] if image is not None else []
            errors += refused
    return images, errors


def _parts(body: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    contents = body.get("contents")
    for c, content in enumerate(contents if isinstance(contents, list) else []):
        parts = content.get("parts") if isinstance(content, dict) else None
        for p, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict):
                yield f"contents[{c}].parts[{p}]", part


def _inline_image(where: str, inline: Any) -> tuple[Image.Image | None, list[str]]:
    if not isinstance(inline, dict):
        return None, [f"{where}: must be an object"]
    mime = inline.get("mime_type", inline.get("mimeType"))
    if not isinstance(mime, str) or not mime.startswith("image/"):
        return None, [f"{where}.mime_type: must be an image type"]
    try:
        data = base64.b64decode(inline.get("data", ""), validate=True)
    except (ValueError, TypeError):
        return None, [f"{where}.data: is not valid base64"]
    return decode(data, f"{where}.data")


def _prompt(body: dict[str, Any]) -> str:
    if "instances" in body:
        return str(body["instances"][0]["prompt"])
    return " ".join(p.get("text", "") for c in body["contents"] for p in c.get("parts", []))


def _predictions(body: dict[str, Any]) -> dict[str, Any]:
    parameters = body.get("parameters", {})
    width, height = IMAGEN_SIZES[parameters.get("aspectRatio", "1:1")]
    data = base64.b64encode(image_for(_prompt(body), width, height, "png")).decode()
    count = parameters.get("sampleCount", 4)
    return {"predictions": [{"bytesBase64Encoded": data, "mimeType": "image/png"}] * count}


def _gemini_image(model: str, body: dict[str, Any]) -> dict[str, Any]:
    ratio = body.get("generationConfig", {}).get("imageConfig", {}).get("aspectRatio", "1:1")
    width, height = GEMINI_SIZES[ratio]
    data = base64.b64encode(image_for(_prompt(body), width, height, "png")).decode()
    parts = [{"inlineData": {"mimeType": "image/png", "data": data}}]
    return _candidate(model, parts, image_tokens=1290)


def _edited(model: str, body: dict[str, Any], source: Image.Image) -> dict[str, Any]:
    """`source` restyled by the instruction: at the requested aspect ratio if one is set, else
    at the source's, about 1 MP."""
    ratio = body.get("generationConfig", {}).get("imageConfig", {}).get("aspectRatio")
    size = GEMINI_SIZES[ratio] if ratio else sized(aspect_of(source), 1024 * 1024)
    data = base64.b64encode(encode(restyle(source, _prompt(body), size), "png")).decode()
    parts = [{"inlineData": {"mimeType": "image/png", "data": data}}]
    return _candidate(model, parts, image_tokens=1290)


def _text(body: dict[str, Any]) -> dict[str, Any]:
    prompt = _prompt(body).rsplit("Prompt:", 1)[-1].strip()
    text = f"{prompt}, cinematic composition, soft directional light, rich texture"
    return _candidate(body.get("model", "gemini-2.5-flash"), [{"text": text}], image_tokens=0)


def _candidate(model: str, parts: list[dict[str, Any]], image_tokens: int) -> dict[str, Any]:
    return {
        "candidates": [
            {"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": 0}
        ],
        "usageMetadata": {
            "promptTokenCount": 9,
            "candidatesTokenCount": image_tokens or 30,
            "totalTokenCount": 9 + (image_tokens or 30),
        },
        "modelVersion": model,
    }
