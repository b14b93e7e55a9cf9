"""Calling the platform's internal APIs (library, billing): the service token on every call,
the tenant named per call, failures translated into the project's errors."""

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx
from fastapi import Response
from pydantic import BaseModel, ValidationError

from shared.errors import PermanentError, RetryableError
from shared.internal import tenant_header

ModelT = TypeVar("ModelT", bound=BaseModel)
Query = Mapping[str, str] | tuple[tuple[str, str], ...]
"""Query parameters; pairs keep repeated names (`?kind=a&kind=b`)."""
FORWARDED_HEADERS = ("content-type", "cache-control", "etag", "content-disposition", "retry-after")


class InternalService:
    """One internal API; `name` also names its outage code (`billing_unavailable`)."""

    def __init__(self, name: str, base_url: str, token: str, timeout_s: float = 10.0) -> None:
        self.name = name
        self._http = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout_s
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        tenant_id: str | None = None,
        params: Query | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        headers = {**(headers or {}), **(tenant_header(tenant_id) if tenant_id else {})}
        try:
            return await self._http.request(method, path, params=params, json=json, headers=headers)
        except httpx.HTTPError as exc:
            raise RetryableError(f"{self.name}_unavailable", f"{self.name}: {exc!r}") from exc

    async def call(self, method: str, path: str, answer: type[ModelT], **kwargs: Any) -> ModelT:
        """A typed call: the service's own errors come back as the same errors."""
        response = await self.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise _error(self.name, response)
        return answer.model_validate_json(response.content)

    async def forward(
        self,
        tenant_id: str | None,
        path: str,
        params: Query | None = None,
        *,
        method: str = "GET",
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Call a path for the tenant (None: a public route, e.g. a share link) and pass the
        answer on as it came (a 302 with its `Location`: only the library's download
        redirect leaves the platform that way)."""
        answer = await self.request(
            method, path, tenant_id=tenant_id, params=params, json=json, headers=headers
        )
        headers = {
            name: answer.headers[name] for name in FORWARDED_HEADERS if name in answer.headers
        }
        if answer.status_code == 302:
            headers["location"] = answer.headers["location"]
        return Response(answer.content, status_code=answer.status_code, headers=headers)


def _error(name: str, response: httpx.Response) -> Exception:
    try:
        body = response.json()["error"]
        code, message = str(body["code"]), str(body["message"])
    except (ValueError, KeyError, TypeError, ValidationError):
        code, message = f"{name}_error", f"{name} answered {response.status_code}"
    if response.status_code >= 500:
        return RetryableError(code, message)
    if response.status_code in (401, 403):  # our own token refused: not the caller's fault
        return RetryableError(f"{name}_misconfigured", f"{name} refused the service token")
    return PermanentError(code, message)
