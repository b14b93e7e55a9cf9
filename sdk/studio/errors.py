"""`StudioError`: what the API refused, read from its error envelope, or that it was unreachable."""

import httpx
from pydantic import ValidationError

from studio.models import ErrorBody, ErrorPublic, FieldError


class StudioError(Exception):
    """An answer that is not a success: its HTTP `status` (None when no answer came), the
    machine-readable `code`, the human `message`, per-field `details` and the `request_id` to
    quote to support."""

    def __init__(
        self,
        status: int | None,
        code: str,
        message: str,
        details: list[FieldError] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.request_id = request_id

    @classmethod
    def from_response(cls, response: httpx.Response) -> "StudioError":
        """The error of an answer, from `{"error": {...}}` when it has one (a proxy's own page
        has not: then its status names it)."""
        request_id = response.headers.get("request-id")
        body = error_body(response)
        if body is None:
            return cls(
                response.status_code,
                f"http_{response.status_code}",
                response.reason_phrase,
                request_id=request_id,
            )
        return cls(
            response.status_code,
            body.code,
            body.message,
            body.details,
            body.request_id or request_id,
        )

    @classmethod
    def unexpected(
        cls, error: ValidationError, response: httpx.Response | None = None
    ) -> "StudioError":
        """An answer (or event) not of the documented shape: a bug on one side, not retried."""
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the body"
        return cls(
            response.status_code if response is not None else None,
            "unexpected_response",
            f"not the documented shape, at {where}: {first['msg']}",
            request_id=response.headers.get("request-id") if response is not None else None,
        )

    @classmethod
    def unreachable(cls, error: httpx.TransportError) -> "StudioError":
        """No answer: the connection failed or broke (after the retries)."""
        return cls(None, "unreachable", f"{type(error).__name__}: {error}")


def error_body(response: httpx.Response) -> ErrorBody | None:
    """The answer's `{"error": {...}}`, or None when it has none."""
    try:
        return ErrorPublic.model_validate_json(response.read()).error
    except ValidationError:
        return None
