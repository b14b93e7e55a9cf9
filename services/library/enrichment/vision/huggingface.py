"""Hugging Face Inference API: a caption from an image-to-text model (`[{"generated_text"}]`)
and labels from an image-classification model (`[{"label", "score"}]`); the image bytes are the
body of both calls."""

import asyncio
from typing import Any

import httpx

from services.library.enrichment.settings import VisionSettings
from services.library.enrichment.vision.base import Vision
from shared.providers.http import json_of, malformed, send


class HuggingFaceVision:
    name = "huggingface"

    def __init__(self, http: httpx.AsyncClient, settings: VisionSettings) -> None:
        assert settings.api_key is not None  # the settings refuse a provider without a key
        self._http = http
        self._settings = settings
        self._auth = f"Bearer {settings.api_key.get_secret_value()}"

    async def describe(self, image: bytes, content_type: str) -> Vision:
        s = self._settings
        captions, labels = await asyncio.gather(
            self._infer(s.caption_model, image, content_type),
            self._infer(s.label_model, image, content_type),
        )
        return Vision(caption_of(captions), labels_of(labels, s.min_label_score, s.max_labels))

    async def _infer(self, model: str, image: bytes, content_type: str) -> Any:
        response = await send(
            self._http,
            "POST",
            f"{self._settings.base_url}/models/{model}",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers={"Authorization": self._auth, "Content-Type": content_type},
            content=image,
        )
        return json_of(response)


def caption_of(body: Any) -> str | None:
    """The first generated text of an image-to-text answer (None when it is blank)."""
    if not isinstance(body, list) or not all(isinstance(item, dict) for item in body):
        raise malformed("an image-to-text answer is a list of {generated_text}")
    texts = [item.get("generated_text") for item in body]
    if not all(isinstance(text, str) for text in texts):
        raise malformed("generated_text is not text")
    return next((text.strip() for text in texts if text.strip()), None)


def labels_of(body: Any, min_score: float, limit: int) -> list[str]:
    """The labels scored at least `min_score`, best first: each label's first name (ImageNet
    labels list synonyms: `seashore, coast, seacoast`)."""
    if not isinstance(body, list) or not all(_is_label(item) for item in body):
        raise malformed("an image-classification answer is a list of {label, score}")
    ranked = sorted(body, key=lambda item: -float(item["score"]))
    kept = [item["label"].split(",")[0].strip() for item in ranked if item["score"] >= min_score]
    return list(dict.fromkeys(label for label in kept if label))[:limit]


def _is_label(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("label"), str)
        and isinstance(item.get("score"), int | float)
    )


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return f"huggingface_{response.status_code}", str(body.get("error") or body)
