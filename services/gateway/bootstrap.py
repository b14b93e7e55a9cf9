"""Composition root of the gateway."""

from contextlib import AsyncExitStack
from functools import partial

import httpx
from fastapi import FastAPI
from pydantic import TypeAdapter

from contracts.events import JOB_EVENT, AssetsRecordedEvent, JobEvent
from contracts.topics import event_topic, library_topic
from services.gateway import SERVICE, auth, brand_kits, history, jobs
from services.gateway import batches as batch_records
from services.gateway import webhooks as webhook_records
from services.gateway.addresses import AddressPolicy
from services.gateway.api.routes import ROUTERS
from services.gateway.archive import Archives
from services.gateway.auth import Keys
from services.gateway.batches import BatchService
from services.gateway.billing import BillingClient
from services.gateway.brand_kits import BrandKits
from services.gateway.cancellations import Cancellations
from services.gateway.container import Gateway
from services.gateway.fanout import Fanout
from services.gateway.fetch import FetchLimits, UrlFetcher, fetch_client
from services.gateway.history import History
from services.gateway.jobs import Jobs
from services.gateway.library import LibraryClient
from services.gateway.preflight import Gatekeeper
from services.gateway.projector import Projector
from services.gateway.providers import GenerationClient
from services.gateway.ratelimit import TokenBuckets
from services.gateway.recorded import RecordedAssets
from services.gateway.settings import GatewaySettings
from services.gateway.streams import Streams
from services.gateway.submit import Submitter
from services.gateway.sweeper import Sweeper
from services.gateway.uploads import Uploads
from services.gateway.webhooks import Dispatcher, Webhooks, WebhookSettings
from shared.clients import Clients, open_clients
from shared.cpu import CpuPool
from shared.http import BodySizeLimit, install_error_handlers
from shared.images import ImageLimits
from shared.service import Runtime, service_app
from shared.worker import Subscription, both_lanes, consuming_runtime

NAME = SERVICE
INDEXES = (
    auth.INDEXES
    | jobs.INDEXES
    | history.INDEXES
    | brand_kits.INDEXES
    | batch_records.INDEXES
    | webhook_records.INDEXES
)
MULTIPART_OVERHEAD = 64 * 1024


async def build(settings: GatewaySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    token = settings.platform.internal_token.get_secret_value()
    library = LibraryClient(settings.library_url, token)
    billing = BillingClient(settings.billing_url, token, settings.account_view_ttl_s)
    generation = GenerationClient(settings.generation_url, token)
    for client in (library, billing, generation):
        stack.push_async_callback(client.close)
    cpu = CpuPool()
    stack.callback(cpu.close)
    jobs, fanout = Jobs(clients.db), Fanout()
    history = History(clients.db, settings.event_history_days)
    gatekeeper = Gatekeeper(billing)
    upload_limits = ImageLimits(settings.upload_max_bytes, settings.upload_max_pixels)
    fetcher = _url_fetcher(settings, stack)
    brand_kits = BrandKits(clients.db)
    submitter = Submitter(
        jobs, clients.bus, gatekeeper, brand_kits, library, settings.publish_within_s
    )
    cancellations = Cancellations(clients.bus)
    webhooks = Webhooks(
        clients.db,
        WebhookSettings(
            settings.webhook_allow_private, settings.webhook_retry_scale, settings.webhook_timeout_s
        ),
    )
    batches = BatchService(clients.db, jobs, submitter, gatekeeper, billing, cancellations)
    stack.push_async_callback(batches.close)
    app.state.gateway = Gateway(
        settings=settings,
        keys=Keys(clients.db, settings.key_cache_ttl_s),
        jobs=jobs,
        submitter=submitter,
        gatekeeper=gatekeeper,
        streams=Streams(jobs=jobs, history=history, fanout=fanout),
        uploads=Uploads(clients.object_store, library, cpu, upload_limits, fetcher),
        archives=Archives(library, clients.object_store),
        batches=batches,
        cancellations=cancellations,
        webhooks=webhooks,
        library=library,
        billing=billing,
        generation=generation,
        brand_kits=brand_kits,
        buckets=TokenBuckets(),
    )
    recorded = RecordedAssets()
    projector = Projector(
        jobs, history, fanout, library, recorded, webhooks, settings.library_wait_s
    )
    hooks_http = httpx.AsyncClient(timeout=settings.webhook_timeout_s, follow_redirects=False)
    stack.push_async_callback(hooks_http.aclose)
    dispatcher = Dispatcher(webhooks, hooks_http)
    return consuming_runtime(
        clients,
        [_projection(settings, projector), _library_news(settings, recorded)],
        kafka=settings.kafka,
        worker=settings.worker,
        loops=[_sweeper(settings, jobs, clients, projector).run, dispatcher.run],
    )


def _url_fetcher(settings: GatewaySettings, stack: AsyncExitStack) -> UrlFetcher:
    http = fetch_client(settings.upload_url_timeout_s)
    stack.push_async_callback(http.aclose)
    policy = AddressPolicy(allowed=tuple(settings.upload_url_allow))
    limits = FetchLimits(settings.upload_max_bytes, settings.upload_url_timeout_s, policy)
    return UrlFetcher(http, limits)


def _projection(settings: GatewaySettings, projector: Projector) -> Subscription[JobEvent]:
    """Every gateway instance sees every job event: its clients may want any of them."""
    topics, bulk = both_lanes(event_topic)
    return Subscription(
        group=f"{NAME}-{settings.instance_id}",
        topics=topics,
        decode=JOB_EVENT,
        handle=projector.project,
        bulk_topics=bulk,
    )


def _library_news(
    settings: GatewaySettings, recorded: RecordedAssets
) -> Subscription[AssetsRecordedEvent]:
    """Each instance also hears which jobs' assets the library recorded."""
    topics, bulk = both_lanes(library_topic)
    return Subscription(
        group=f"{NAME}-{settings.instance_id}-library",
        topics=topics,
        decode=TypeAdapter(AssetsRecordedEvent),
        handle=recorded.note,
        bulk_topics=bulk,
    )


def _sweeper(
    settings: GatewaySettings, jobs: Jobs, clients: Clients, projector: Projector
) -> Sweeper:
    return Sweeper(
        jobs,
        clients.bus,
        projector,
        settings.sweep_interval_s,
        settings.stuck_after_s,
        settings.max_redeliveries,
    )


def create_app(settings: GatewaySettings) -> FastAPI:
    app = service_app(
        NAME,
        partial(build, settings),
        routers=ROUTERS,
        title="Image Studio API",
        version="1.0.0",
        description="Create, edit, transform and optimize images across AI providers.",
    )
    install_error_handlers(app)
    upload_limit = settings.upload_max_bytes + MULTIPART_OVERHEAD
    app.add_middleware(
        BodySizeLimit,
        default_limit=settings.max_body_bytes,
        limits={"/v1/uploads": upload_limit, "/v1/batches": settings.batch_max_bytes},
    )
    return app
