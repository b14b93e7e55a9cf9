"""`GET /internal/v1/providers`: each provider's configuration and circuit, as this worker sees
them (the gateway adds the catalog and prices)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from contracts.catalog.registry import PROVIDERS
from contracts.http.providers import ProviderHealth
from shared.internal import ServiceDep
from shared.providers.router import Router
from shared.service import app_state

router = APIRouter(prefix="/internal/v1", tags=["providers"])


@router.get("/providers", response_model=list[ProviderHealth])
async def provider_health(
    _: ServiceDep, router: Annotated[Router[Any, Any], Depends(app_state("router"))]
) -> list[ProviderHealth]:
    return router.health(PROVIDERS)
