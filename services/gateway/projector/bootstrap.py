"""Composition root of the gateway's projector process."""

from contextlib import AsyncExitStack
from functools import partial

import httpx
from fastapi import FastAPI

from contracts.events import PROJECTED, EventType, Projected
from contracts.topics import WORKER_SERVICES, event_topic, library_topic, request_topic, work_topic
from services.gateway import auth, jobs, webhooks
from services.gateway.auth import Keys
from services.gateway.billing import BillingClient
from services.gateway.jobs import Jobs
from services.gateway.projector import SERVICE, history, routes
from services.gateway.projector.container import EventStreams
from services.gateway.projector.dispatcher import Dispatcher
from services.gateway.projector.fanout import Fanout
from services.gateway.projector.history import History
from services.gateway.projector.moves import JobMoves
from services.gateway.projector.projection import Projection
from services.gateway.projector.streams import Streams
from services.gateway.projector.sweeper import Sweeper
from services.gateway.ratelimit import TokenBuckets
from services.gateway.settings import GatewaySettings
from services.gateway.webhooks import Webhooks, WebhookSettings
from shared.clients import open_clients
from shared.consumer.consumer import consuming_runtime
from shared.consumer.subscriptions import Subscription, both_lanes
from shared.http import install_error_handlers
from shared.service import Runtime, service_app

NAME = f"gateway-{SERVICE}"
INDEXES = auth.INDEXES | jobs.INDEXES | history.INDEXES | webhooks.INDEXES


async def build(settings: GatewaySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES, object_store=False)
    token = settings.platform.internal_token.get_secret_value()
    billing = BillingClient(settings.billing_url, token, settings.account_view_ttl_s)
    stack.push_async_callback(billing.close)
    jobs, fanout = Jobs(clients.db), Fanout()
    history = History(clients.db, settings.event_history_days)
    hook_settings = WebhookSettings(
        settings.webhook_allow_private, settings.webhook_retry_scale, settings.webhook_timeout_s
    )
    webhooks = Webhooks(clients.db, hook_settings)
    projection = Projection(JobMoves(clients.db), history, fanout, webhooks)
    app.state.streams = EventStreams(
        keys=Keys(clients.db, settings.key_cache_ttl_s),
        billing=billing,
        buckets=TokenBuckets(),
        streams=Streams(jobs=jobs, history=history, fanout=fanout),
        db=clients.db,
        sse_ping_s=settings.sse_ping_s,
    )
    hooks_http = httpx.AsyncClient(timeout=settings.webhook_timeout_s, follow_redirects=False)
    stack.push_async_callback(hooks_http.aclose)
    sweeper = Sweeper(
        jobs,
        clients.bus,
        projection,
        settings.sweep_interval_s,
        settings.stuck_after_s,
        settings.max_redeliveries,
    )
    return consuming_runtime(
        clients,
        [projected(projection)],
        kafka=settings.kafka,
        worker=settings.worker,
        loops=[sweeper.run, Dispatcher(webhooks, hooks_http).run],
    )


def projected(projection: Projection) -> Subscription[Projected]:
    """Every record a job's lifecycle shows in: requests (accepted), work commands (approved),
    the job events, and the library's `completed` (once the assets are listed; the workers'
    own `completed` is not shown, so a client told "completed" can fetch the assets)."""
    families = [request_topic, event_topic, library_topic]
    families += [partial(work_topic, service) for service in WORKER_SERVICES]
    laned = [both_lanes(family) for family in families]
    job_events = set(both_lanes(event_topic)[0])

    def wanted(topic: str, event_type: str | None) -> bool:
        return not (event_type == EventType.COMPLETED and topic in job_events)

    return Subscription(
        group=NAME,
        topics=[topic for topics, _ in laned for topic in topics],
        decode=PROJECTED,
        handle_batch=projection.project,
        bulk_topics=frozenset().union(*(bulk for _, bulk in laned)),
        wanted=wanted,
    )


def create_app(settings: GatewaySettings) -> FastAPI:
    app = service_app(
        NAME,
        partial(build, settings),
        routers=[routes.router],
        title="Image Studio API: event streams",
        version="1.0.0",
    )
    install_error_handlers(app)
    return app
