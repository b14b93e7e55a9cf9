"""How the routes answer what they accept: `202 Accepted`, and where the accepted thing is."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response, status

Route = Callable[[Callable[..., Any]], Callable[..., Any]]


def accepted(
    router: APIRouter, path: str, model: Any, responses: dict[int | str, Any], operation_id: str
) -> Route:
    """A `POST` route answering 202 with `model`."""
    return router.post(
        path,
        response_model=model,
        status_code=status.HTTP_202_ACCEPTED,
        responses=responses,
        operation_id=operation_id,
    )


def located(response: Response, location: str, replayed: bool) -> None:
    """Point to what was accepted, saying when it is the earlier answer to an Idempotency-Key."""
    response.headers["Location"] = location
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
