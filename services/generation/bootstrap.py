"""Composition root of the generation service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.generation import SERVICE
from services.generation.handlers import subscriptions
from services.generation.jobs import GenerationJobs
from services.generation.providers.local_draft import LocalDraft
from services.generation.providers.registry import ProviderRegistry
from services.generation.runs import INDEXES, Runs
from services.generation.settings import GenerationSettings
from shared.clients import open_clients
from shared.cpu import CpuPool
from shared.ids import process_identity
from shared.images import ImageLimits
from shared.service import Runtime, service_app
from shared.worker import consuming_runtime

NAME = SERVICE


async def build(settings: GenerationSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    cpu = CpuPool(settings.render_threads)
    stack.callback(cpu.close)
    jobs = GenerationJobs(
        bus=clients.bus,
        store=clients.object_store,
        runs=Runs(clients.db, owner=process_identity(NAME), lease_s=settings.lease_s),
        providers=ProviderRegistry([LocalDraft(cpu)]),
        cpu=cpu,
        output_limits=ImageLimits(max_bytes=200 * 2**20, max_pixels=settings.max_output_pixels),
    )
    return consuming_runtime(
        clients, subscriptions(jobs), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: GenerationSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
