"""One API call as data: what to send and how to read the answer. The sync and async clients
send the same `Call`s; only the I/O differs."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from studio.errors import StudioError
from studio.retries import Outcome

T_co = TypeVar("T_co", covariant=True)
M = TypeVar("M", bound=BaseModel)
Params = Sequence[tuple[str, str]]
Files = Mapping[str, tuple[str, bytes, str]]
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})


@dataclass(frozen=True)
class Call(Generic[T_co]):
    """A request and the reader of its answer. A creating POST carries its `Idempotency-Key`,
    made once per call, so every retry of it sends the same key."""

    method: str
    path: str
    read: Callable[[httpx.Response], T_co]
    params: Params = ()
    json: Any = None
    files: Files | None = None
    data: Mapping[str, str] | None = None
    idempotency_key: str | None = None
    follow_redirects: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def idempotent(self) -> bool:
        """Whether sending it twice does what sending it once does (so a broken connection may be
        retried)."""
        return self.method in IDEMPOTENT_METHODS or self.idempotency_key is not None

    def request(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        headers = dict(self.headers)
        if self.idempotency_key is not None:
            headers["Idempotency-Key"] = self.idempotency_key
        return http.build_request(
            self.method,
            self.path,
            params=list(self.params),
            json=self.json,
            files=self.files,
            data=self.data,
            headers=headers,
        )

    def finish(self, outcome: Outcome) -> T_co:
        """The answer read, or the error it is."""
        if isinstance(outcome, httpx.TransportError):
            raise StudioError.unreachable(outcome)
        return self.read(outcome)


def model(kind: type[M]) -> Callable[[httpx.Response], M]:
    """Reads a successful JSON answer into `kind` (`StudioError` `unexpected_response` when it
    does not fit)."""

    def read(response: httpx.Response) -> M:
        try:
            return kind.model_validate_json(_success(response).content)
        except ValidationError as exc:
            raise StudioError.unexpected(exc, response) from exc

    return read


def nothing(response: httpx.Response) -> None:
    _success(response)


def content(response: httpx.Response) -> bytes:
    return _success(response).content


def location(response: httpx.Response) -> str:
    """The target of a redirect (a short-lived download URL)."""
    if not response.is_redirect:
        raise StudioError.from_response(response)
    return response.headers["location"]


def _success(response: httpx.Response) -> httpx.Response:
    if not response.is_success:
        raise StudioError.from_response(response)
    return response


def query(**values: str | int | Sequence[str] | None) -> list[tuple[str, str]]:
    """Query parameters, leaving out what is None; a list repeats its name."""
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        if isinstance(value, list | tuple):
            pairs += [(name, str(item)) for item in value]
        elif value is not None:
            pairs.append((name, str(value)))
    return pairs


def body(value: BaseModel | Mapping[str, Any]) -> Any:
    """A request body as JSON: a model as set (defaults are the server's), a mapping as is."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_unset=True, by_alias=True)
    return dict(value)


ItemT_co = TypeVar("ItemT_co", covariant=True)


class Page(Protocol[ItemT_co]):
    """A page of a list endpoint: its items and the cursor of the next page (None at the end)."""

    @property
    def items(self) -> Sequence[ItemT_co]: ...

    @property
    def next(self) -> str | None: ...


def headers_of(api_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"}
