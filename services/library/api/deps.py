"""Dependencies of the library API: the caller is a platform service naming the tenant."""

from typing import Annotated

from fastapi import Depends, Request

from services.library.assets import Assets
from shared.internal import TenantDep
from shared.objects import ObjectStore


def _assets(request: Request) -> Assets:
    assets: Assets = request.app.state.assets
    return assets


def _store(request: Request) -> ObjectStore:
    store: ObjectStore = request.app.state.store
    return store


AssetsDep = Annotated[Assets, Depends(_assets)]
StoreDep = Annotated[ObjectStore, Depends(_store)]

__all__ = ["AssetsDep", "StoreDep", "TenantDep"]
