"""`/v1/webhooks`: register endpoints for job events, read their delivery log, redeliver."""

from fastapi import APIRouter, Response, status

from contracts.http.pages import DEFAULT_PAGE_SIZE
from contracts.http.webhooks import (
    DeliveriesPublic,
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
)
from services.gateway.api.answers import accepted
from services.gateway.api.deps import GatewayDep, PageLimit, TenantDep
from services.gateway.api.replays import REPLAYED
from services.gateway.api.strict import Strict
from shared.http import error_responses

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], route_class=Strict)
ERRORS = error_responses(401, 404, 422)


@router.post(
    "",
    response_model=WebhookCreated,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    operation_id="webhooks.create",
    dependencies=[REPLAYED],
)
async def create_webhook(
    body: WebhookCreate, tenant: TenantDep, gateway: GatewayDep
) -> WebhookCreated:
    """Send the tenant's job events (`events`, or `*`) to `url`, signed per Standard Webhooks
    with the `secret` shown in this answer only. Private and loopback targets are refused."""
    return await gateway.webhooks.create(tenant, body)


@router.get("", response_model=WebhooksPublic, responses=ERRORS, operation_id="webhooks.list")
async def list_webhooks(
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> WebhooksPublic:
    hooks, next_cursor = await gateway.webhooks.page(tenant, cursor, limit)
    return WebhooksPublic(items=[hook.public() for hook in hooks], next=next_cursor)


@router.get(
    "/{webhook_id}", response_model=WebhookPublic, responses=ERRORS, operation_id="webhooks.get"
)
async def get_webhook(webhook_id: str, tenant: TenantDep, gateway: GatewayDep) -> WebhookPublic:
    return (await gateway.webhooks.get(tenant, webhook_id)).public()


@router.delete(
    "/{webhook_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=ERRORS,
    operation_id="webhooks.delete",
)
async def delete_webhook(webhook_id: str, tenant: TenantDep, gateway: GatewayDep) -> Response:
    """Stop sending to it (pending deliveries end `failed`)."""
    await gateway.webhooks.delete(tenant, webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=DeliveriesPublic,
    responses=ERRORS,
    operation_id="webhooks.list_deliveries",
)
async def list_deliveries(
    webhook_id: str,
    tenant: TenantDep,
    gateway: GatewayDep,
    limit: PageLimit = DEFAULT_PAGE_SIZE,
    cursor: str | None = None,
) -> DeliveriesPublic:
    """Every event sent to the webhook, newest first, with each attempt (status, error, time)."""
    deliveries, next_cursor = await gateway.webhooks.deliveries(tenant, webhook_id, cursor, limit)
    return DeliveriesPublic(items=[d.public() for d in deliveries], next=next_cursor)


@accepted(
    router,
    "/{webhook_id}/deliveries/{delivery_id}/redeliver",
    DeliveryPublic,
    ERRORS,
    "webhooks.redeliver",
)
async def redeliver(
    webhook_id: str, delivery_id: str, tenant: TenantDep, gateway: GatewayDep
) -> DeliveryPublic:
    """Send it again now, with the same `webhook-id` (receivers deduplicate by it)."""
    return (await gateway.webhooks.redeliver(tenant, webhook_id, delivery_id)).public()
