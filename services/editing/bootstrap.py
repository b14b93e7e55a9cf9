"""Composition root of the editing service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from contracts.catalog.engines import Engine
from services.editing import SERVICE
from services.editing.handlers import subscriptions
from services.editing.jobs import EditingJobs
from services.editing.metrics import JOBS
from services.editing.providers.base import EditProvider, ImageTools
from services.editing.providers.local import LocalEditing
from services.editing.providers.registry import ADAPTERS
from services.editing.settings import EditingSettings
from shared.http import install_error_handlers
from shared.providers import health_api
from shared.providers.registry import configured_routes
from shared.providers.router import Router
from shared.service import Runtime, service_app
from shared.workers.bootstrap import open_worker
from shared.workers.runs import run_indexes

NAME = SERVICE
INDEXES = run_indexes(NAME)


async def build(settings: EditingSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    kit = await open_worker(
        NAME, settings, stack, INDEXES, cpu_threads=settings.cpu_threads, ended=JOBS, http=True
    )
    sources = settings.source_limits
    local, tools = LocalEditing(kit.cpu, sources), ImageTools(kit.cpu, sources)
    routes = configured_routes(ADAPTERS, local, settings, kit.http, tools, kit.cpu)
    router: Router[EditProvider, Engine] = Router(routes, settings.routing)
    health_api.serve_health(app, router, settings.platform.internal_token.get_secret_value())
    return kit.runtime(subscriptions(EditingJobs(kit, router, settings.output_limits)))


def create_app(settings: EditingSettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[health_api.router])
    install_error_handlers(app)
    return app
