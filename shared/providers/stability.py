"""Stability v2beta wire helpers every Stability adapter shares (`docs/providers.md`
section 1)."""

import httpx

from shared.providers.base import refused

CONTENT_FILTERED = "CONTENT_FILTERED"


def refuse_filtered(response: httpx.Response) -> None:
    """Raise when the provider's moderation blurred the image it answered."""
    if response.headers.get("finish-reason") == CONTENT_FILTERED:
        raise refused("content_filtered", "the provider's moderation blurred the image")


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return str(body["name"]), "; ".join(str(e) for e in body["errors"])
