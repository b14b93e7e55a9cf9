"""Service-to-service HTTP: the gateway calls internal APIs with the shared service token and
names the tenant each call is for. Internal APIs take both through these dependencies."""

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from shared.errors import PermanentError

TENANT_HEADER = "X-Studio-Tenant"


def _service(request: Request, authorization: Annotated[str, Header()] = "") -> None:
    expected = f"Bearer {request.app.state.internal_token}"
    if not hmac.compare_digest(authorization.encode(), expected.encode()):
        raise PermanentError("unauthorized", "internal API: the service token is required")


def _tenant(
    _: Annotated[None, Depends(_service)], x_studio_tenant: Annotated[str, Header()] = ""
) -> str:
    if not x_studio_tenant:
        raise PermanentError("unauthorized", f"internal API: {TENANT_HEADER} is required")
    return x_studio_tenant


ServiceDep = Annotated[None, Depends(_service)]
"""The caller is a platform service (the gateway)."""

TenantDep = Annotated[str, Depends(_tenant)]
"""The tenant a platform service calls for."""


def tenant_header(tenant_id: str) -> dict[str, str]:
    return {TENANT_HEADER: tenant_id}
