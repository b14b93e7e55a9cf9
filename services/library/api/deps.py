"""Dependencies of the library API: the calling service is checked, the tenant is given by it."""

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from services.library.assets import Assets
from shared.errors import PermanentError
from shared.objects import ObjectStore

TENANT_HEADER = "X-Studio-Tenant"


def _tenant(
    request: Request,
    authorization: Annotated[str, Header()] = "",
    x_studio_tenant: Annotated[str, Header()] = "",
) -> str:
    expected = f"Bearer {request.app.state.internal_token}"
    if not hmac.compare_digest(authorization.encode(), expected.encode()) or not x_studio_tenant:
        raise PermanentError("unauthorized", "internal API: service token and tenant required")
    return x_studio_tenant


def _assets(request: Request) -> Assets:
    assets: Assets = request.app.state.assets
    return assets


def _store(request: Request) -> ObjectStore:
    store: ObjectStore = request.app.state.store
    return store


TenantDep = Annotated[str, Depends(_tenant)]
AssetsDep = Annotated[Assets, Depends(_assets)]
StoreDep = Annotated[ObjectStore, Depends(_store)]
