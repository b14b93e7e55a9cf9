"""Composition root of the transform service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from contracts.catalog.engines import Engine
from services.transform import SERVICE
from services.transform.handlers import subscriptions
from services.transform.jobs import TransformJobs
from services.transform.metrics import JOBS
from services.transform.providers.base import TransformProvider
from services.transform.providers.local import LocalVideo
from services.transform.providers.registry import ADAPTERS
from services.transform.settings import TransformSettings
from services.transform.speech.registry import SPEECH_ADAPTERS
from services.transform.speech.speaker import LocalSpeech, Speaker, speech_providers
from shared.http import install_error_handlers
from shared.providers import health_api
from shared.providers.registry import configured_routes
from shared.providers.router import Router
from shared.service import Runtime, service_app
from shared.workers.bootstrap import open_worker
from shared.workers.runs import run_indexes

NAME = SERVICE
INDEXES = run_indexes(NAME)


async def build(settings: TransformSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    kit = await open_worker(
        NAME, settings, stack, INDEXES, cpu_threads=settings.cpu_threads, ended=JOBS, http=True
    )
    images = settings.source_limits
    local = LocalVideo(kit.cpu, images)
    routes = configured_routes(
        ADAPTERS, local, settings, kit.http, settings.output_max_bytes, kit.cpu
    )
    router: Router[TransformProvider, Engine] = Router(routes, settings.routing)
    health_api.serve_health(app, router, settings.platform.internal_token.get_secret_value())
    speaker = Speaker(
        speech_providers(SPEECH_ADAPTERS, settings, kit.http), LocalSpeech(kit.cpu), kit.cpu
    )
    return kit.runtime(subscriptions(TransformJobs(kit, router, images, speaker)))


def create_app(settings: TransformSettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[health_api.router])
    install_error_handlers(app)
    return app
