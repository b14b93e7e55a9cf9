"""Composition root of the library service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.library import SERVICE
from services.library.api import ROUTERS
from services.library.assets.records import Assets
from services.library.bulk import BulkActions
from services.library.catalog.catalog import Catalog
from services.library.catalog.changes import ChangeLog
from services.library.collections.records import Collections
from services.library.embeddings import Embedder
from services.library.enrichment.enricher import Enricher
from services.library.enrichment.vision.registry import open_vision
from services.library.handlers import (
    enrichment_subscription,
    outcome_subscription,
    subscriptions,
)
from services.library.indexes import INDEXES
from services.library.settings import LibrarySettings
from services.library.sharing.access import Grants
from services.library.sharing.records import Shares
from services.library.sharing.service import Sharing
from services.library.stats.library import LibraryStatistics
from services.library.stats.outcomes import Outcomes
from services.library.trash.bin import TrashBin
from services.library.trash.policies import Policies
from services.library.trash.purger import Purger
from services.library.usage.exports import Exports
from services.library.usage.records import Usage
from shared.clients import Clients, open_clients
from shared.consumer.consumer import consuming_runtime
from shared.cpu import CpuPool
from shared.http import install_error_handlers
from shared.leases import Lease
from shared.service import Runtime, service_app

NAME = SERVICE


async def build(settings: LibrarySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    pool = CpuPool()
    stack.callback(pool.close)
    embedder = Embedder(pool)
    await pool.run(embedder.warm)
    assets = Assets(clients.db, ChangeLog(clients.db))
    catalog = Catalog(assets, assets.changes)
    collections = Collections(clients.db, assets)
    app.state.assets = assets
    app.state.catalog = catalog
    app.state.collections = collections
    app.state.embedder = embedder
    vision = await open_vision(settings.vision, stack)
    enricher = Enricher(assets, clients.object_store, embedder, pool, vision, settings.analysis)
    app.state.enricher = enricher
    app.state.store = clients.object_store
    app.state.internal_token = settings.platform.internal_token.get_secret_value()
    usage = Usage(clients.db, assets)
    shares = Shares(clients.db)
    grants = Grants(app.state.internal_token)
    app.state.usage = usage
    app.state.exports = Exports(clients.db, usage)
    app.state.shares = shares
    app.state.sharing = Sharing(
        shares, assets, collections, catalog, usage, clients.object_store, grants
    )
    app.state.presign_ttl_s = settings.s3.presign_ttl_s
    outcomes = Outcomes(clients.db)
    purger = _trash_and_stats(settings, app, clients, outcomes)
    return consuming_runtime(
        clients,
        [
            *subscriptions(assets, collections, clients.bus),
            outcome_subscription(outcomes),
            enrichment_subscription(enricher),
        ],
        kafka=settings.kafka,
        worker=settings.worker,
        loops=[purger.run],
    )


def _trash_and_stats(
    settings: LibrarySettings, app: FastAPI, clients: Clients, outcomes: Outcomes
) -> Purger:
    """The trash, bulk actions and stats on `app.state`; the purger to run."""
    state = app.state
    policies = Policies(clients.db)
    trash = TrashBin(clients.db, state.assets, state.catalog, clients.object_store, policies)
    state.policies = policies
    state.trash = trash
    state.bulk = BulkActions(state.assets, state.catalog, state.collections, trash)
    state.stats = LibraryStatistics(
        clients.db, state.assets, state.catalog, outcomes, settings.stats_window_days
    )
    lease = Lease(clients.db, "library-purger", ttl_s=3 * settings.purge_interval_s)
    return Purger(trash, lease, settings.purge_interval_s, settings.purge_batch)


def create_app(settings: LibrarySettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=ROUTERS)
    install_error_handlers(app)
    return app
