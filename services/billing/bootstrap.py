"""Composition root of the billing service."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.billing import SERVICE, accounts, decisions, ledger
from services.billing.accounts import Accounts
from services.billing.api import account, admin
from services.billing.decisions import Decisions
from services.billing.handlers import subscriptions
from services.billing.ledger import Ledger
from services.billing.preflight import Preflight
from services.billing.reconcile import Reconciler
from services.billing.settings import BillingSettings
from services.billing.settlement import Settlement
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.http import install_error_handlers
from shared.leases import Lease
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = accounts.INDEXES | ledger.INDEXES | decisions.INDEXES


async def build(settings: BillingSettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES, object_store=False)
    entries = Ledger(clients.db)
    book = Accounts(clients.db, entries)
    lease = Lease(clients.db, "reconciler", ttl_s=3 * settings.reconcile_every_s)
    reconciler = Reconciler(book, entries, settings.reconcile_every_s, settings.hold_ttl_s, lease)
    await reconciler.repair()  # before anything is consumed
    app.state.accounts, app.state.ledger = book, entries
    app.state.internal_token = settings.platform.internal_token.get_secret_value()
    preflight = Preflight(clients.bus, book, Decisions(clients.db))
    return consuming_runtime(
        clients,
        subscriptions(preflight, Settlement(book)),
        kafka=settings.kafka,
        worker=settings.worker,
        loops=[reconciler.run],
    )


def create_app(settings: BillingSettings) -> FastAPI:
    app = service_app(NAME, partial(build, settings), routers=[account.router, admin.router])
    install_error_handlers(app)
    return app
