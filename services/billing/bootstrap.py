"""Composition root of the billing service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.billing import SERVICE
from services.billing.handlers import subscriptions
from services.billing.preflight import Preflight
from services.billing.settings import BillingSettings
from shared.clients import open_clients
from shared.service import Runtime, service_app
from shared.worker import consuming_runtime

NAME = SERVICE


async def build(settings: BillingSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, indexes={}, object_store=False)
    preflight = Preflight(bus=clients.bus)
    return consuming_runtime(
        clients, subscriptions(preflight), kafka=settings.kafka, worker=settings.worker
    )


def create_app(settings: BillingSettings) -> FastAPI:
    return service_app(NAME, partial(build, settings))
