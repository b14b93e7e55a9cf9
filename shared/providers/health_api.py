"""`GET /internal/v1/providers`: each provider's configuration and circuit, as the worker that
serves it sees them. Every worker that calls providers mounts it; the gateway reads it for the
catalog's health and for estimates that know what can run now."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI

from contracts.catalog.registry import REGISTRY
from contracts.http.providers import ProviderHealth
from shared.internal import ServiceDep
from shared.providers.router import Router
from shared.service import app_state

router = APIRouter(prefix="/internal/v1", tags=["providers"])


@router.get("/providers", response_model=list[ProviderHealth])
async def provider_health(
    _: ServiceDep, router: Annotated[Router[Any, Any], Depends(app_state("router"))]
) -> list[ProviderHealth]:
    return router.health([entry.name for entry in REGISTRY.entries])


def serve_health(app: FastAPI, routing: Router[Any, Any], internal_token: str) -> None:
    """What the route reads: the worker's router and the token internal callers present."""
    app.state.router = routing
    app.state.internal_token = internal_token
