"""Composition root of the generation service."""

from contextlib import AsyncExitStack
from functools import partial

import httpx
from fastapi import FastAPI

from contracts.catalog.models import ModelSpec
from services.generation import SERVICE
from services.generation.api import providers as provider_routes
from services.generation.cache import INDEXES as CACHE_INDEXES
from services.generation.cache import ResultCache
from services.generation.handlers import subscriptions
from services.generation.jobs import GenerationJobs
from services.generation.metrics import JOBS
from services.generation.prompting import PromptComposer
from services.generation.providers.base import ImageProvider
from services.generation.providers.google import Google
from services.generation.providers.registry import configured_routes
from services.generation.settings import GenerationSettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.cpu import CpuPool
from shared.http import install_error_handlers
from shared.ids import process_identity
from shared.images import ImageLimits
from shared.providers.http import pooled_client
from shared.providers.router import Router
from shared.reporting import JobReporter
from shared.runs import Runs, run_indexes
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = run_indexes(NAME) | CACHE_INDEXES


async def build(settings: GenerationSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    cpu = CpuPool(settings.render_threads)
    stack.callback(cpu.close)
    http = pooled_client(max_connections=settings.worker.concurrency + 16)
    stack.push_async_callback(http.aclose)
    router: Router[ImageProvider, ModelSpec] = Router(
        configured_routes(settings, http, cpu), settings.routing
    )
    app.state.router = router
    app.state.internal_token = settings.platform.internal_token.get_secret_value()
    runs = Runs(clients.db, NAME, owner=process_identity(NAME), lease_s=settings.lease_s)
    jobs = GenerationJobs(
        bus=clients.bus,
        reporter=JobReporter(
            clients.bus, runs, NAME, lambda kind, outcome: JOBS.labels(kind, outcome).inc()
        ),
        store=clients.object_store,
        runs=runs,
        router=router,
        composer=_composer(settings, http),
        cache=ResultCache(clients.db),
        cpu=cpu,
        output_limits=ImageLimits(max_bytes=200 * 2**20, max_pixels=settings.max_output_pixels),
    )
    return consuming_runtime(
        clients, subscriptions(jobs), kafka=settings.kafka, worker=settings.worker
    )


def _composer(settings: GenerationSettings, http: httpx.AsyncClient) -> PromptComposer:
    key = settings.google.api_key
    if settings.prompt_enhancer == "google" and key is not None:
        google = Google(http, settings.google, key.get_secret_value())
        return PromptComposer(llm=google, llm_model=settings.prompt_model)
    return PromptComposer()


def create_app(settings: GenerationSettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[provider_routes.router])
    install_error_handlers(app)
    return app
