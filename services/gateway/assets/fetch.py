"""Fetching a tenant's image from a URL, without letting the URL reach inside the network.

Only http(s); the host and every redirect target (at most `MAX_REDIRECTS`) must resolve to
permitted addresses, and the connection goes to the address that was checked (a name cannot
resolve to another one in between). The body is streamed and cut off past the byte limit; one
deadline covers the whole fetch. Errors: `url_not_allowed`, `url_fetch_failed` (422),
`payload_too_large` (413).
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx

from services.gateway.assets.addresses import AddressPolicy, permitted, refused
from shared.errors import PermanentError
from shared.images import ImageRejectedError

MAX_REDIRECTS = 3
SCHEMES = ("http", "https")
NOT_ALLOWED, FAILED = "url_not_allowed", "url_fetch_failed"


@dataclass(frozen=True)
class FetchLimits:
    """Largest body, one deadline for the whole fetch, and the addresses it may reach."""

    max_bytes: int
    timeout_s: float
    policy: AddressPolicy


def fetch_client(timeout_s: float) -> httpx.AsyncClient:
    """The client URL uploads use: no redirects of its own, no proxies from the environment
    (they would connect elsewhere than checked), no kept connections (each is pinned to one
    checked address and server name)."""
    return httpx.AsyncClient(
        timeout=timeout_s,
        follow_redirects=False,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


@dataclass
class UrlFetcher:
    """Fetches URL uploads with `fetch_client`, within `limits`."""

    http: httpx.AsyncClient
    limits: FetchLimits

    async def fetch(self, url: str) -> bytes:
        """The body at `url`, after following permitted redirects."""
        try:
            async with asyncio.timeout(self.limits.timeout_s):
                return await self._follow(httpx.URL(url))
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise _failed(f"fetching the URL timed out after {self.limits.timeout_s:g} s") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _failed(f"fetching the URL failed ({type(exc).__name__})") from exc

    async def _follow(self, url: httpx.URL) -> bytes:
        for _ in range(MAX_REDIRECTS + 1):
            async with self._get(url) as response:
                if not response.has_redirect_location:
                    return await self._body(response)
                target = url.join(response.headers["location"])
                if url.scheme == "https" and target.scheme == "http":
                    raise refused(NOT_ALLOWED, "a redirect from https to http is not followed")
                url = target
        raise _failed(f"more than {MAX_REDIRECTS} redirects")

    @asynccontextmanager
    async def _get(self, url: httpx.URL) -> AsyncIterator[httpx.Response]:
        host = url.raw_host.decode("ascii")  # IDNA-encoded, as resolved and sent in TLS
        if url.scheme not in SCHEMES or not host:
            raise refused(NOT_ALLOWED, f"only http(s) URLs are fetched, not {url.scheme}:")
        addresses = await permitted(host, self.limits.policy, NOT_ALLOWED, FAILED)
        request = self.http.build_request(
            "GET",
            url.copy_with(host=str(addresses[0])),
            headers={"Host": url.netloc.decode("ascii"), "Accept-Encoding": "identity"},
            extensions={"sni_hostname": host},
        )
        response = await self.http.send(request, stream=True)
        try:
            yield response
        finally:
            await response.aclose()

    async def _body(self, response: httpx.Response) -> bytes:
        if not response.is_success:
            raise _failed(f"the server answered {response.status_code}")
        if response.headers.get("content-encoding", "identity").lower() != "identity":
            raise _failed("the server sent an encoded (compressed) body")
        limit = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        body = bytearray()
        async for chunk in response.aiter_raw():
            body += chunk
            if len(body) > limit:
                raise _too_large(limit)
        return bytes(body)


def _failed(message: str) -> PermanentError:
    return refused(FAILED, message)


def _too_large(limit: int) -> ImageRejectedError:
    return ImageRejectedError("payload_too_large", f"the image at the URL is over {limit} bytes")
