"""What every HTTP adapter shares: one pooled client, a provider's API under its base URL,
calls whose failures become classified `ProviderError`s, Retry-After parsing and base64
decoding."""

import base64
import binascii
import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from contracts.events import AttemptOutcome
from shared.providers.base import ProviderError, Recovery
from shared.providers.settings import ProviderSettings, RoutingSettings

ErrorReader = Callable[[httpx.Response], tuple[str, str]]
"""Reads a provider's error body: (code, message)."""

REFUSALS = {413, 422}  # the request itself: too large, moderated, public figure, language
MISCONFIGURED = {401, 402, 403, 404}  # this provider will not take it now; another may
KEY_REFUSED = {"API_KEY_INVALID", "unauthorized"}  # Google answers a bad key with a 400


@dataclass(frozen=True)
class Connection:
    """What an HTTP adapter is built with: the pooled client, its provider's settings and key,
    and the routing settings (async polling)."""

    http: httpx.AsyncClient
    settings: ProviderSettings
    key: str
    routing: RoutingSettings

    @classmethod
    def of(
        cls, http: httpx.AsyncClient, settings: ProviderSettings, routing: RoutingSettings
    ) -> "Connection | None":
        """The connection to a provider, or None while it has no API key."""
        if settings.api_key is None:
            return None
        return cls(http, settings, settings.api_key.get_secret_value(), routing)


@dataclass(frozen=True)
class ProviderApi:
    """One provider's HTTP API as its adapters call it: paths under its base URL, within its
    timeout, with its auth headers, failures read by its error reader."""

    connection: Connection
    headers: Mapping[str, str]
    read_error: ErrorReader

    async def call(self, method: str, path: str, **request: Any) -> httpx.Response:
        settings = self.connection.settings
        return await send(
            self.connection.http,
            method,
            f"{settings.base_url}/{path}",
            read_error=self.read_error,
            timeout_s=settings.timeout_s,
            headers=dict(self.headers),
            **request,
        )


def pooled_client(max_connections: int) -> httpx.AsyncClient:
    """The one client every adapter calls through (per-request timeouts are set by each call)."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=64)
    return httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(60.0, connect=10.0))


async def send(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    read_error: ErrorReader,
    timeout_s: float,
    **request: Any,
) -> httpx.Response:
    """A request whose transport errors and error statuses come back as `ProviderError`."""
    try:
        response = await http.request(method, url, timeout=timeout_s, **request)
    except httpx.TimeoutException as exc:
        raise ProviderError(
            "timeout",
            f"no answer within {timeout_s:.0f}s",
            recovery=Recovery.RETRY,
            outcome=AttemptOutcome.TIMEOUT,
        ) from exc
    except httpx.HTTPError as exc:
        raise ProviderError(
            "unreachable", f"connection failed: {type(exc).__name__}", recovery=Recovery.RETRY
        ) from exc
    if response.status_code >= 400:
        raise failure_of(response, read_error)
    return response


def failure_of(response: httpx.Response, read_error: ErrorReader) -> ProviderError:
    """The failure an error status means."""
    status = response.status_code
    try:
        code, message = read_error(response)
    except Exception:  # an error body not in the documented shape
        code, message = f"http_{status}", response.text[:200] or f"HTTP {status}"
    text = f"{status} {code}: {message}"
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        return ProviderError(
            code,
            text,
            recovery=Recovery.RETRY,
            status=status,
            retry_after_s=retry_after,
            outcome=AttemptOutcome.RATE_LIMITED,
        )
    if code in KEY_REFUSED:
        return ProviderError(code, text, recovery=Recovery.FALLBACK, status=status)
    if status in REFUSALS or (status == 403 and "moderation" in code):
        return ProviderError(
            code, text, recovery=Recovery.STOP, status=status, outcome=AttemptOutcome.REFUSED
        )
    if status == 400:  # invalid for this provider's API (another may take it): not ill health
        return ProviderError(
            code, text, recovery=Recovery.FALLBACK, status=status, outcome=AttemptOutcome.REFUSED
        )
    if status in MISCONFIGURED:
        return ProviderError(code, text, recovery=Recovery.FALLBACK, status=status)
    return ProviderError(code, text, recovery=Recovery.RETRY, status=status)


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def malformed(what: str) -> ProviderError:
    """An answer that does not have the documented shape."""
    return ProviderError("malformed_response", what, recovery=Recovery.FALLBACK)


def json_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise malformed(f"the answer is not JSON ({response.headers.get('content-type')})") from exc


def image_bytes(response: httpx.Response) -> bytes:
    """The body of an answer that should be an image."""
    kind = response.headers.get("content-type", "")
    if not kind.startswith("image/") or not response.content:
        raise malformed(f"expected an image, got {kind or 'no content type'}")
    return response.content


def decode_base64(text: object) -> bytes:
    """Base64 image data, bare or as a `data:` URI."""
    if not isinstance(text, str) or not text:
        raise malformed("no image data in the answer")
    payload = text.split(",", 1)[1] if text.startswith("data:") else text
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise malformed("image data is not valid base64") from exc
