"""Composition root of the gateway."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI

from services.gateway import SERVICE, auth, brand_kits, jobs
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
from services.gateway.fetch import FetchLimits, UrlFetcher, fetch_client
from services.gateway.jobs import Jobs
from services.gateway.library import LibraryClient
from services.gateway.preflight import Gatekeeper
from services.gateway.providers import GenerationClient
from services.gateway.ratelimit import TokenBuckets
from services.gateway.settings import GatewaySettings
from services.gateway.submit import Submitter
from services.gateway.uploads import Uploads
from services.gateway.webhooks import Webhooks, WebhookSettings
from shared.clients import open_clients
from shared.cpu import CpuPool
from shared.http import BodySizeLimit, install_error_handlers
from shared.images import ImageLimits
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = (
    auth.INDEXES
    | jobs.INDEXES
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
    jobs = Jobs(clients.db)
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
    return Runtime(probes=clients.probes)


def _url_fetcher(settings: GatewaySettings, stack: AsyncExitStack) -> UrlFetcher:
    http = fetch_client(settings.upload_url_timeout_s)
    stack.push_async_callback(http.aclose)
    policy = AddressPolicy(allowed=tuple(settings.upload_url_allow))
    limits = FetchLimits(settings.upload_max_bytes, settings.upload_url_timeout_s, policy)
    return UrlFetcher(http, limits)


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
