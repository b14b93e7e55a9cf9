"""Composition root of the optimizer service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.optimizer import SERVICE
from services.optimizer.handlers import subscriptions
from services.optimizer.jobs import OptimizerJobs
from services.optimizer.metrics import JOBS
from services.optimizer.settings import OptimizerSettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.cpu import CpuPool
from shared.ids import process_identity
from shared.images import ImageLimits
from shared.reporting import JobReporter
from shared.runs import Runs, run_indexes
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = run_indexes(NAME)


async def build(settings: OptimizerSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    cpu = CpuPool(settings.cpu_threads)
    stack.callback(cpu.close)
    runs = Runs(clients.db, NAME, owner=process_identity(NAME), lease_s=settings.lease_s)
    jobs = OptimizerJobs(
        bus=clients.bus,
        reporter=JobReporter(
            clients.bus, runs, NAME, lambda _, outcome: JOBS.labels(outcome).inc()
        ),
        store=clients.object_store,
        runs=runs,
        cpu=cpu,
        source_limits=ImageLimits(settings.source_max_bytes, settings.source_max_pixels),
    )
    return consuming_runtime(
        clients, subscriptions(jobs), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: OptimizerSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
