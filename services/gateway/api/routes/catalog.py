"""`/v1/providers`, `/v1/templates`, `/v1/styles`, `/v1/platforms`: what the platform can make,
and how."""

from fastapi import APIRouter

from contracts.catalog.platforms import PRESETS, SOURCES
from contracts.catalog.styles import STYLES
from contracts.catalog.templates import TEMPLATES
from contracts.http.providers import (
    PlatformsPublic,
    ProvidersPublic,
    StylesPublic,
    TemplatesPublic,
)
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.strict import Strict
from services.gateway.clients.providers import catalog
from shared.http import error_responses

router = APIRouter(prefix="/v1", tags=["catalog"], route_class=Strict)
ERRORS = error_responses(401)


@router.get(
    "/providers",
    response_model=ProvidersPublic,
    responses=ERRORS,
    operation_id="catalog.list_providers",
)
async def list_providers(_: TenantDep, gateway: GatewayDep) -> ProvidersPublic:
    """Every provider: capabilities, models with prices, whether it is configured, and its health
    now (`down` = circuit open, `auto` routes around it)."""
    return catalog(await gateway.availability.current("generation"))


@router.get(
    "/templates",
    response_model=TemplatesPublic,
    responses=ERRORS,
    operation_id="catalog.list_templates",
)
async def list_templates(_: TenantDep) -> TemplatesPublic:
    """Templates a `generate` job may name: size, aspect, style and prompt scaffolding."""
    return TemplatesPublic(items=list(TEMPLATES.values()))


@router.get(
    "/styles", response_model=StylesPublic, responses=ERRORS, operation_id="catalog.list_styles"
)
async def list_styles(_: TenantDep) -> StylesPublic:
    """Style presets a `generate` job may name."""
    return StylesPublic(items=list(STYLES.values()))


@router.get(
    "/platforms",
    response_model=PlatformsPublic,
    responses=ERRORS,
    operation_id="catalog.list_platforms",
)
async def list_platforms(_: TenantDep) -> PlatformsPublic:
    """Every social platform format: pixel size, accepted formats, byte limit, safe zones."""
    return PlatformsPublic(items=list(PRESETS.values()), sources=SOURCES)
