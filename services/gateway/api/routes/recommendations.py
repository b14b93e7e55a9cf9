"""`POST /v1/recommendations`: which provider and model fit a request, and why."""

from fastapi import APIRouter

from contracts.http.recommendations import RecommendationsCreate, RecommendationsPublic
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.strict import Strict
from services.gateway.jobs.recommendations import recommendations
from shared.http import error_responses

router = APIRouter(prefix="/v1", tags=["catalog"], route_class=Strict)
ERRORS = error_responses(401, 422, 429)


@router.post(
    "/recommendations",
    response_model=RecommendationsPublic,
    responses=ERRORS,
    operation_id="catalog.recommend",
)
async def recommend(
    body: RecommendationsCreate, _: TenantDep, gateway: GatewayDep
) -> RecommendationsPublic:
    """The providers and models that fit the prompt and constraints, best first: the needs
    matched and missed, the catalog's price and expected time, and each provider's health now."""
    return await recommendations(body, gateway.availability)
