"""`/v1/keys`: the calling tenant's own API keys: make one (shown once), list them, revoke one."""

from fastapi import APIRouter, Response, status

from contracts.http.keys import ApiKeyCreate, ApiKeyCreated, ApiKeysPublic
from services.gateway.api.deps import GatewayDep, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/keys", tags=["keys"], route_class=Strict)
ERRORS = error_responses(401, 422)


@router.post(
    "",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="keys.create",
    dependencies=[REPLAYED],
)
async def create_key(body: ApiKeyCreate, tenant: TenantDep, gateway: GatewayDep) -> ApiKeyCreated:
    """A new key of the tenant, named; the answer holds the key itself, shown this once only."""
    key, record = await gateway.keys.issue(tenant, body.name)
    return record.created(key)


@router.get("", response_model=ApiKeysPublic, responses=ERRORS, operation_id="keys.list")
async def list_keys(tenant: TenantDep, gateway: GatewayDep) -> ApiKeysPublic:
    """Every key of the tenant, revoked ones too, oldest first; never the keys themselves."""
    records = await gateway.keys.of_tenant(tenant)
    return ApiKeysPublic(items=[record.public() for record in records])


@router.delete(
    "/{prefix}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 422),
    operation_id="keys.revoke",
)
async def revoke_key(prefix: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Refuse the key from now on (the one calling too: its next request is 401); every
    gateway process refuses it and ends its event streams within `GATEWAY_KEY_RECHECK_S`."""
    await gateway.keys.revoke(tenant, prefix)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
