"""`GET /internal/v1/providers`: each provider's configuration and circuit, as this worker sees
them (the gateway adds the catalog and prices)."""

from typing import Any

from fastapi import APIRouter, Request

from contracts.catalog.registry import PROVIDERS
from contracts.http.providers import ProviderHealth
from shared.internal import ServiceDep
from shared.providers.router import Router

router = APIRouter(prefix="/internal/v1", tags=["providers"])


@router.get("/providers", response_model=list[ProviderHealth])
async def provider_health(_: ServiceDep, request: Request) -> list[ProviderHealth]:
    routing: Router[Any, Any] = request.app.state.router
    return routing.health(PROVIDERS)
