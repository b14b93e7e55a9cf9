"""Stability v2beta wire helpers every Stability adapter shares: the API with its bearer key,
moderation refusals and the error body (`docs/providers.md` section 1)."""

import httpx

from shared.providers.base import refused
from shared.providers.http import Connection, ProviderApi

CONTENT_FILTERED = "CONTENT_FILTERED"


def stability_api(connection: Connection, accept: str | None = None) -> ProviderApi:
    """The v2beta API, answering `accept` where an endpoint can answer JSON or image bytes."""
    headers = {"authorization": f"Bearer {connection.key}"}
    if accept is not None:
        headers["accept"] = accept
    return ProviderApi(connection, headers, read_error)


def refuse_filtered(response: httpx.Response) -> None:
    """Raise when the provider's moderation blurred the image it answered."""
    if response.headers.get("finish-reason") == CONTENT_FILTERED:
        raise refused("content_filtered", "the provider's moderation blurred the image")


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return str(body["name"]), "; ".join(str(e) for e in body["errors"])
