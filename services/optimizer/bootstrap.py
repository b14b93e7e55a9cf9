"""Composition root of the optimizer service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.optimizer import SERVICE
from services.optimizer.handlers import subscriptions
from services.optimizer.jobs import OptimizerJobs
from services.optimizer.metrics import JOBS
from services.optimizer.settings import OptimizerSettings
from shared.service import Runtime, service_app
from shared.workers.bootstrap import open_worker
from shared.workers.runs import run_indexes

NAME = SERVICE
INDEXES = run_indexes(NAME)


async def build(settings: OptimizerSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    kit = await open_worker(
        NAME, settings, stack, INDEXES, cpu_threads=settings.cpu_threads, ended=JOBS
    )
    return kit.runtime(subscriptions(OptimizerJobs(kit, settings.source_limits)))


def create_app(settings: OptimizerSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
