"""`GET /v1/library/stats`: what the tenant's library holds and cost, and how jobs went."""

from fastapi import APIRouter

from contracts.http.library_stats import LibraryStats
from services.library.api.deps import StatsDep, TenantDep

router = APIRouter(tags=["stats"])


@router.get("/v1/library/stats", response_model=LibraryStats)
async def stats(tenant: TenantDep, statistics: StatsDep) -> LibraryStats:
    return await statistics.of(tenant)
