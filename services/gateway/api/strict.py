"""The public API's input rules, on every route of its routers (`APIRouter(route_class=Strict)`):
- a JSON body must say so: any other `Content-Type` is 415 `unsupported_media_type`;
- a JSON body is read strictly: `"3"` is no integer, `1` no string (FastAPI would coerce);
- no string of a JSON body holds a control character but tab, line feed and carriage return;
- a query parameter the operation does not take is 422, named (a misspelt filter must not
  look like a search that matched everything);
- a route depending on `REPLAYED` answers a repeated `Idempotency-Key` as it first did
  (`api.replays`).
"""

import json
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.params import Form
from fastapi.routing import APIRoute
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.requests import HTTPConnection

from contracts.http.errors import FieldError
from contracts.strictness import CONTROL_CHARACTER, strict_json
from services.gateway.api.replays import Replays, replayed
from shared.errors import PermanentError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class Strict(APIRoute):
    """A route applying the rules above before FastAPI's own validation."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()
        body = _json_body(self)
        known = query_names(self)
        replays = any(d.call is replayed for d in self.dependant.dependencies)

        async def strict(request: Request) -> Response:
            unknown_query(request, known)
            if body is not None and request.method in ("POST", "PUT", "PATCH"):
                await check_json_body(request, body)
            if replays:
                kept: Replays = request.app.state.gateway.replays
                return await kept.answer(request, handler)
            return await handler(request)

        return strict


def _json_body(route: APIRoute) -> TypeAdapter[Any] | None:
    """The route's JSON body type (None: no body, or a form)."""
    field = route.body_field
    if field is None or any(isinstance(p.field_info, Form) for p in route.dependant.body_params):
        return None
    annotation: Any = field.field_info.annotation
    return TypeAdapter(annotation)


def query_names(route: APIRoute) -> frozenset[str]:
    """Every query parameter the route (or a dependency of it) takes, a query model's fields
    among them."""
    names: set[str] = set()
    dependants = [route.dependant]
    while dependants:
        dependant = dependants.pop()
        dependants.extend(dependant.dependencies)
        for param in dependant.query_params:
            annotation = param.field_info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                names.update(f.alias or n for n, f in annotation.model_fields.items())
            else:
                names.add(param.alias)
    return frozenset(names)


def unknown_query(request: HTTPConnection, known: frozenset[str]) -> None:
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        taken = ", ".join(sorted(known)) or "none"
        details = [
            FieldError(
                loc=f"query.{name}", message=f"not a parameter; known: {taken}", type="extra"
            )
            for name in unknown
        ]
        raise PermanentError("invalid_request", f"unknown query parameter {unknown[0]}", details)


async def check_json_body(request: Request, body: TypeAdapter[Any]) -> None:
    raw = await request.body()
    if not raw:
        return  # FastAPI answers a missing body
    if not is_json(request.headers.get("content-type")):
        raise PermanentError("unsupported_media_type", "send the body as application/json")
    try:
        sent = json.loads(raw)
    except ValueError:  # not UTF-8, or not JSON: FastAPI answers it
        return
    try:
        parsed = body.validate_json(strict_json(sent), strict=True)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc
    refuse_controls(parsed)


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def refuse_controls(value: Any, at: str = "") -> None:
    """422 naming the first string (in a model, list or dict) holding a control character."""
    for loc, text in _strings(value, at):
        if CONTROL_CHARACTER.search(text):
            detail = FieldError(
                loc=loc or "body", message="holds a control character", type="control_character"
            )
            raise PermanentError(
                "invalid_request", f"{loc or 'the body'} holds a control character", [detail]
            )


def _strings(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{at}.{key}" if at else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{at}.{index}" if at else str(index))
