"""Dependencies of the library API: the caller is a platform service naming the tenant."""

from typing import Annotated

from fastapi import Depends

from services.library.assets import Assets
from shared.internal import TenantDep
from shared.objects import ObjectStore
from shared.service import app_state

AssetsDep = Annotated[Assets, Depends(app_state("assets"))]
StoreDep = Annotated[ObjectStore, Depends(app_state("store"))]

__all__ = ["AssetsDep", "StoreDep", "TenantDep"]
