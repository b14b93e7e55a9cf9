"""Composition root of the editing service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from contracts.catalog.engines import Engine
from services.editing import SERVICE
from services.editing.handlers import subscriptions
from services.editing.jobs import EditingJobs
from services.editing.metrics import JOBS
from services.editing.providers.base import EditProvider
from services.editing.providers.registry import configured_routes
from services.editing.settings import EditingSettings
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


async def build(settings: EditingSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    cpu = CpuPool(settings.cpu_threads)
    stack.callback(cpu.close)
    http = pooled_client(max_connections=settings.worker.concurrency + 16)
    stack.push_async_callback(http.aclose)
    sources = ImageLimits(settings.source_max_bytes, settings.source_max_pixels)
    routes = configured_routes(settings, http, cpu, sources)
    router: Router[EditProvider, Engine] = Router(routes, settings.routing)
    runs = Runs(clients.db, NAME, owner=process_identity(NAME), lease_s=settings.lease_s)
    jobs = EditingJobs(
        bus=clients.bus,
        reporter=JobReporter(
            clients.bus, runs, NAME, lambda kind, outcome: JOBS.labels(kind, outcome).inc()
        ),
        store=clients.object_store,
        runs=runs,
        router=router,
        cpu=cpu,
        output_limits=ImageLimits(max_bytes=200 * 2**20, max_pixels=settings.max_output_pixels),
    )
    return consuming_runtime(
        clients, subscriptions(jobs), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: EditingSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
