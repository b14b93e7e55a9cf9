"""How the routes answer what they accept: `202 Accepted`, and where the accepted thing is."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response, status

from services.gateway.api.replays import REPLAYED

Route = Callable[[Callable[..., Any]], Callable[..., Any]]


def accepted(
    router: APIRouter,
    path: str,
    model: Any,
    responses: dict[int | str, Any],
    operation_id: str,
    replayed: bool = True,
) -> Route:
    """A `POST` route answering 202 with `model`; `replayed`: answering a repeated
    `Idempotency-Key` as it first did (`api.replays`; off where the route keeps the key itself)."""
    return router.post(
        path,
        response_model=model,
        status_code=status.HTTP_202_ACCEPTED,
        responses=responses,
        operation_id=operation_id,
        dependencies=[REPLAYED] if replayed else [],
    )


def located(response: Response, location: str, replayed: bool) -> None:
    """Point to what was accepted, saying when it is the earlier answer to an Idempotency-Key."""
    response.headers["Location"] = location
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
