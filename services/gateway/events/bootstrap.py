"""Composition root of the gateway's projector process."""

from contextlib import AsyncExitStack
from functools import partial

import httpx
from fastapi import FastAPI

from contracts.topics import SHOWN
from services.gateway.batches.follow_ups import FollowUps
from services.gateway.batches.held import HeldJobs
from services.gateway.batches.records import Batches
from services.gateway.batches.releaser import Releaser
from services.gateway.clients.billing import BillingClient
from services.gateway.events import SERVICE, history, routes
from services.gateway.events.container import EventStreams
from services.gateway.events.fanout import Fanout
from services.gateway.events.history import History
from services.gateway.events.moves import JobMoves
from services.gateway.events.projection import Projection
from services.gateway.events.shown import announcing, feeding
from services.gateway.events.streams import Streams
from services.gateway.events.sweeper import Sweeper
from services.gateway.handlers import subscriptions
from services.gateway.jobs import records as job_records
from services.gateway.jobs.records import Jobs
from services.gateway.settings import GatewaySettings
from services.gateway.tenants import keys
from services.gateway.tenants.keys import Keys
from services.gateway.tenants.rate_limits import TokenBuckets
from services.gateway.tenants.revocations import KeyWatch
from services.gateway.webhooks import records as webhook_records
from services.gateway.webhooks.dispatcher import Dispatcher
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.consumer.tail import Tail
from shared.http import install_error_handlers
from shared.leases import Lease
from shared.service import Runtime, service_app

NAME = f"gateway-{SERVICE}"
INDEXES = keys.INDEXES | job_records.INDEXES | history.INDEXES | webhook_records.INDEXES


async def build(settings: GatewaySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES, object_store=False)
    token = settings.platform.internal_token.get_secret_value()
    billing = BillingClient(settings.billing_url, token, settings.account_view_ttl_s)
    stack.push_async_callback(billing.close)
    hooks_http = httpx.AsyncClient(timeout=settings.webhook_timeout_s, follow_redirects=False)
    stack.push_async_callback(hooks_http.aclose)
    jobs, fanout = Jobs(clients.db), Fanout()
    history = History(clients.db, settings.event_history_days)
    webhooks = Webhooks(clients.db, WebhookSettings.of(settings))
    follow_ups = FollowUps(clients.db, clients.bus)
    projection = Projection(
        JobMoves(clients.db), history, announcing(clients.bus), webhooks, follow_ups
    )
    tail = Tail(SHOWN, settings.kafka, feeding(fanout), client_id=f"{NAME}-tail")
    api_keys = Keys(clients.db, settings.key_cache_ttl_s)
    watch = KeyWatch(api_keys, settings.key_recheck_s, fanout)
    app.state.streams = EventStreams(
        keys=api_keys,
        billing=billing,
        buckets=TokenBuckets(clients.db),
        streams=Streams(jobs=jobs, history=history, fanout=fanout),
        db=clients.db,
        sse_ping_s=settings.sse_ping_s,
    )
    sweeper = Sweeper(
        jobs,
        clients.bus,
        projection,
        settings.sweep_interval_s,
        settings.stuck_after_s,
        settings.max_redeliveries,
        Lease(clients.db, "sweeper", ttl_s=3 * settings.sweep_interval_s),
    )
    releaser = Releaser(
        Batches(clients.db),
        HeldJobs(clients.db),
        clients.bus,
        settings.release_interval_s,
        Lease(clients.db, "releaser", ttl_s=3 * settings.release_interval_s),
    )
    dispatcher = Dispatcher(webhooks, hooks_http)
    return consuming_runtime(
        clients,
        subscriptions(NAME, projection),
        kafka=settings.kafka,
        worker=settings.worker,
        loops=[tail.run, watch.run, sweeper.run, releaser.run, dispatcher.run],
    )


def create_app(settings: GatewaySettings) -> FastAPI:
    app = service_app(
        NAME,
        partial(build, settings),
        routers=[routes.router],
        openapi_url=None,  # its routes are in the gateway's public document
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    return app
