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
from services.transform.providers.registry import configured_routes
from services.transform.settings import TransformSettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.cpu import CpuPool
from shared.ids import process_identity
from shared.images import ImageLimits
from shared.providers.http import pooled_client
from shared.providers.router import Router
from shared.reporting import JobReporter
from shared.runs import Runs, run_indexes
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = run_indexes(NAME)


async def build(settings: TransformSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    cpu = CpuPool(settings.cpu_threads)
    stack.callback(cpu.close)
    http = pooled_client(max_connections=settings.worker.concurrency + 16)
    stack.push_async_callback(http.aclose)
    images = ImageLimits(settings.source_max_bytes, settings.source_max_pixels)
    routes = configured_routes(settings, http, cpu, images)
    router: Router[TransformProvider, Engine] = Router(routes, settings.routing)
    runs = Runs(clients.db, NAME, owner=process_identity(NAME), lease_s=settings.lease_s)
    jobs = TransformJobs(
        bus=clients.bus,
        reporter=JobReporter(
            clients.bus, runs, NAME, lambda kind, outcome: JOBS.labels(kind, outcome).inc()
        ),
        store=clients.object_store,
        runs=runs,
        router=router,
        cpu=cpu,
        image_limits=images,
    )
    return consuming_runtime(
        clients, subscriptions(jobs), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: TransformSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
