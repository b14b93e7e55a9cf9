"""Composition root of the library service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.library import SERVICE
from services.library.api import assets as assets_routes
from services.library.assets import INDEXES, Assets
from services.library.handlers import subscriptions
from services.library.settings import LibrarySettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.http import install_error_handlers
from shared.service import Runtime, service_app

NAME = SERVICE


async def build(settings: LibrarySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    assets = Assets(clients.db)
    app.state.assets = assets
    app.state.store = clients.object_store
    app.state.internal_token = settings.platform.internal_token.get_secret_value()
    app.state.presign_ttl_s = settings.s3.presign_ttl_s
    return consuming_runtime(
        clients, subscriptions(assets, clients.bus), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: LibrarySettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[assets_routes.router])
    install_error_handlers(app)
    return app
