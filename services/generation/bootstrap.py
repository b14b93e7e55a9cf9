"""Composition root of the generation service."""

from contextlib import AsyncExitStack
from functools import partial

import httpx
from fastapi import FastAPI

from contracts.catalog.models import ModelSpec
from contracts.catalog.providers.google import GOOGLE
from services.generation import SERVICE
from services.generation.cache import INDEXES as CACHE_INDEXES
from services.generation.cache import ResultCache
from services.generation.handlers import subscriptions
from services.generation.jobs import GenerationJobs
from services.generation.metrics import JOBS
from services.generation.prompting import PromptComposer
from services.generation.providers.base import ImageProvider
from services.generation.providers.google import Google
from services.generation.providers.local_draft import LocalDraft
from services.generation.providers.registry import ADAPTERS
from services.generation.settings import GenerationSettings
from shared.http import install_error_handlers
from shared.providers import health_api
from shared.providers.http import Connection
from shared.providers.registry import configured_routes
from shared.providers.router import Router
from shared.service import Runtime, service_app
from shared.workers.bootstrap import open_worker
from shared.workers.runs import run_indexes

NAME = SERVICE
INDEXES = run_indexes(NAME) | CACHE_INDEXES


async def build(settings: GenerationSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    kit = await open_worker(
        NAME, settings, stack, INDEXES, cpu_threads=settings.render_threads, ended=JOBS, http=True
    )
    router: Router[ImageProvider, ModelSpec] = Router(
        configured_routes(ADAPTERS, LocalDraft(kit.cpu), settings, kit.http, None, kit.cpu),
        settings.routing,
    )
    health_api.serve_health(app, router, settings.platform.internal_token.get_secret_value())
    composer = _composer(settings, kit.http)
    jobs = GenerationJobs(
        kit, router, composer, ResultCache(kit.clients.db), settings.output_limits
    )
    return kit.runtime(subscriptions(jobs))


def _composer(settings: GenerationSettings, http: httpx.AsyncClient) -> PromptComposer:
    connection = Connection.of(http, settings.provider(GOOGLE), settings.routing)
    if settings.prompt_enhancer == "google" and connection is not None:
        return PromptComposer(llm=Google(connection), llm_model=settings.prompt_model)
    return PromptComposer()


def create_app(settings: GenerationSettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[health_api.router])
    install_error_handlers(app)
    return app
