"""Dependencies of the public routes: who calls (a tenant's key, rate-limited by its plan, or an
operator's admin key) and the gateway's parts."""

import math
from typing import Annotated, Protocol

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from contracts.billing.plans import PLANS
from contracts.http.pages import MAX_PAGE_SIZE
from services.gateway.clients.billing import BillingClient
from services.gateway.container import Gateway
from services.gateway.tenants.keys import Keys, key_prefix
from services.gateway.tenants.rate_limits import TokenBuckets
from shared.errors import PermanentError, RateLimitedError
from shared.responses import add_response_header
from shared.service import app_state

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer isk_…`")


def bearer_key(authorization: str | None) -> str:
    """The key of an `Authorization: Bearer <key>` header; `unauthorized` otherwise."""
    scheme, _, key = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise PermanentError("unauthorized", "send an API key as `Authorization: Bearer <key>`")
    return key.strip()


class Callers(Protocol):
    """What tells who calls: API keys, and the account views that size rate limits."""

    @property
    def keys(self) -> Keys: ...

    @property
    def billing(self) -> BillingClient: ...

    @property
    def buckets(self) -> TokenBuckets: ...


async def tenant_of(callers: Callers, authorization: str | None) -> str:
    """The calling tenant, after its plan's rate limit (429 when spent); the response says
    what is left of it (`RateLimit-Policy`, `RateLimit`: IETF draft-ietf-httpapi-ratelimit)."""
    tenant = await callers.keys.tenant_of(bearer_key(authorization))
    view = await callers.billing.view(tenant)
    if view is not None:
        limit = PLANS[view.plan].rate_limit
        window_s = math.ceil(limit.burst / limit.per_second)
        add_response_header("RateLimit-Policy", f'"burst";q={limit.burst};w={window_s}')
        try:
            left = await callers.buckets.take(tenant, limit)
        except RateLimitedError as exc:
            add_response_header("RateLimit", f'"burst";r=0;t={math.ceil(exc.retry_after_s)}')
            raise
        add_response_header("RateLimit", f'"burst";r={left.remaining};t={left.full_in_s}')
    return tenant


async def _tenant(
    request: Request,
    gateway: Annotated[Gateway, Depends(app_state("gateway"))],
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    return await tenant_of(gateway, request.headers.get("authorization"))


async def _admin(
    request: Request,
    gateway: Annotated[Gateway, Depends(app_state("gateway"))],
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    caller = await gateway.keys.caller(bearer_key(request.headers.get("authorization")))
    if not caller.admin:
        raise PermanentError("forbidden", "this needs an admin key")


async def _actor(_: Annotated[str, Depends(_tenant)], request: Request) -> str:
    return key_prefix(bearer_key(request.headers.get("authorization")))


GatewayDep = Annotated[Gateway, Depends(app_state("gateway"))]
TenantDep = Annotated[str, Depends(_tenant)]
ActorDep = Annotated[str, Depends(_actor)]
"""The calling key's prefix (after the same checks as `TenantDep`): who did it, in records."""
AdminDep = Annotated[None, Depends(_admin)]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
"""How many items a page of a listing holds."""
