"""Gemini API wire helpers every Google adapter shares: the API with its key header, the image
in an answer, refusals, and the error envelope (`docs/providers.md` section 4)."""

from typing import Any

import httpx

from shared.providers.base import ProviderError, refused
from shared.providers.http import Connection, ProviderApi, decode_base64, malformed


def gemini_api(connection: Connection) -> ProviderApi:
    return ProviderApi(connection, {"x-goog-api-key": connection.key}, read_error)


def gemini_image(answer: Any) -> bytes:
    for part in parts_of(answer):
        inline = part.get("inlineData") or part.get("inline_data")
        if isinstance(inline, dict):
            return decode_base64(inline.get("data"))
    candidates = answer.get("candidates") if isinstance(answer, dict) else None
    reason = (candidates or [{}])[0].get("finishReason") or _block_reason(answer)
    raise filtered(f"Gemini returned no image (finish reason {reason})")


def parts_of(answer: Any) -> list[dict[str, Any]]:
    if not isinstance(answer, dict):
        raise malformed("the answer is not a JSON object")
    candidates = answer.get("candidates") or []
    if not candidates:
        return []
    parts = (candidates[0].get("content") or {}).get("parts") or []
    return [part for part in parts if isinstance(part, dict)]


def _block_reason(answer: Any) -> str:
    feedback = answer.get("promptFeedback") if isinstance(answer, dict) else None
    return str((feedback or {}).get("blockReason", "unknown"))


def filtered(message: str) -> ProviderError:
    return refused("content_filtered", message)


def read_error(response: httpx.Response) -> tuple[str, str]:
    error = response.json()["error"]
    reasons = [
        d["reason"] for d in error.get("details", []) if isinstance(d, dict) and "reason" in d
    ]
    code = reasons[0] if reasons else error.get("status", f"google_{response.status_code}")
    return str(code), str(error["message"])
