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


async def _tenant(
    gateway: Annotated[Gateway, Depends(_gateway)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    if credentials is None:
        raise PermanentError("unauthorized", "send an API key as `Authorization: Bearer <key>`")
    return await gateway.keys.tenant_of(credentials.credentials)


GatewayDep = Annotated[Gateway, Depends(_gateway)]
TenantDep = Annotated[str, Depends(_tenant)]
