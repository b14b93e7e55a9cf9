"""`POST /v1/assets/bulk`: one action on every asset a filter or a list of ids selects."""

from fastapi import APIRouter

from contracts.http.bulk import AssetBulk, BulkResult
from services.library.api.deps import BulkDep, TenantDep

router = APIRouter(tags=["assets"])


@router.post("/v1/assets/bulk", response_model=BulkResult)
async def bulk(body: AssetBulk, tenant: TenantDep, actions: BulkDep) -> BulkResult:
    return await actions.apply(tenant, body)
