"""Dependencies of the library API: the caller is a platform service naming the tenant."""

from typing import Annotated

from fastapi import Depends

from services.library.assets.records import Assets
from services.library.bulk import BulkActions
from services.library.catalog.catalog import Catalog
from services.library.collections.records import Collections
from services.library.embeddings import Embedder
from services.library.enrichment.enricher import Enricher
from services.library.sharing.records import Shares
from services.library.sharing.service import Sharing
from services.library.stats.library import LibraryStatistics
from services.library.trash.bin import TrashBin
from services.library.trash.policies import Policies
from services.library.usage.exports import Exports
from services.library.usage.records import Usage
from shared.internal import TenantDep
from shared.objects import ObjectStore
from shared.service import app_state

AssetsDep = Annotated[Assets, Depends(app_state("assets"))]
CatalogDep = Annotated[Catalog, Depends(app_state("catalog"))]
CollectionsDep = Annotated[Collections, Depends(app_state("collections"))]
EmbedderDep = Annotated[Embedder, Depends(app_state("embedder"))]
EnricherDep = Annotated[Enricher, Depends(app_state("enricher"))]
StoreDep = Annotated[ObjectStore, Depends(app_state("store"))]
TrashDep = Annotated[TrashBin, Depends(app_state("trash"))]
PoliciesDep = Annotated[Policies, Depends(app_state("policies"))]
BulkDep = Annotated[BulkActions, Depends(app_state("bulk"))]
StatsDep = Annotated[LibraryStatistics, Depends(app_state("stats"))]
SharesDep = Annotated[Shares, Depends(app_state("shares"))]
SharingDep = Annotated[Sharing, Depends(app_state("sharing"))]
UsageDep = Annotated[Usage, Depends(app_state("usage"))]
ExportsDep = Annotated[Exports, Depends(app_state("exports"))]

__all__ = ["AssetsDep", "CatalogDep", "CollectionsDep", "EmbedderDep", "StoreDep", "TenantDep"]
