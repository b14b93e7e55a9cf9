"""Dependencies of the public routes: the caller's tenant (from its API key) and the gateway."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.gateway.container import Gateway
from shared.errors import PermanentError

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer isk_…`")


def _gateway(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.gateway
    return gateway


async def tenant_of(gateway: Gateway, authorization: str | None) -> str:
    """The tenant of the request's `Authorization: Bearer <key>`; `unauthorized` otherwise."""
    scheme, _, key = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise PermanentError("unauthorized", "send an API key as `Authorization: Bearer <key>`")
    return await gateway.keys.tenant_of(key.strip())


async def _tenant(
    request: Request,
    gateway: Annotated[Gateway, Depends(_gateway)],
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    return await tenant_of(gateway, request.headers.get("authorization"))


GatewayDep = Annotated[Gateway, Depends(_gateway)]
TenantDep = Annotated[str, Depends(_tenant)]
