"""What every API response carries: its `Request-Id` (also in an error's body, on every log line
written while answering, and on the request's span), and headers no API response goes without."""

from contextvars import ContextVar

from opentelemetry import trace
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.ids import new_id
from shared.telemetry import log_context

REQUEST_ID_HEADER = "Request-Id"
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
"""The id of the request being answered (None outside one)."""
_ADDED: ContextVar[list[tuple[bytes, bytes]] | None] = ContextVar("added_headers", default=None)

ALWAYS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),  # a body is what its content type says
    (b"referrer-policy", b"no-referrer"),
)
NO_STORE = (b"cache-control", b"no-store")
"""On JSON without its own caching rule: an API answer is one tenant's, never a shared cache's."""


def add_response_header(name: str, value: str) -> None:
    """A header for the response to the request being answered, whatever answers it (a route,
    an error handler); nothing outside a request."""
    added = _ADDED.get()
    if added is not None:
        added.append((name.lower().encode(), value.encode()))


class ResponseHeaders:
    """ASGI middleware giving each HTTP request an id and each response its headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_id("req")
        token = REQUEST_ID.set(request_id)
        added: list[tuple[bytes, bytes]] = []
        added_token = _ADDED.set(added)

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *added]
                message["headers"] = _with_headers(headers, request_id)
            await send(message)

        try:
            trace.get_current_span().set_attribute("studio.request_id", request_id)
            with log_context(request_id=request_id):
                await self.app(scope, receive, sending)
        finally:
            REQUEST_ID.reset(token)
            _ADDED.reset(added_token)


def _with_headers(headers: list[tuple[bytes, bytes]], request_id: str) -> list[tuple[bytes, bytes]]:
    names = {name.lower() for name, _ in headers}
    added = [(b"request-id", request_id.encode()), *ALWAYS]
    is_json = any(
        n.lower() == b"content-type" and v.startswith(b"application/json") for n, v in headers
    )
    if is_json and b"cache-control" not in names:
        added.append(NO_STORE)
    return [*headers, *(header for header in added if header[0] not in names)]
