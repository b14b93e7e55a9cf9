"""Composition root of the gateway."""

from contextlib import AsyncExitStack
from functools import partial

from fastapi import FastAPI
from starlette.middleware import Middleware

from services.gateway import SERVICE
from services.gateway.api import replays
from services.gateway.api.console import serve_console
from services.gateway.api.openapi.pages import serve_documents
from services.gateway.api.replays import Replays
from services.gateway.api.routes import ROUTERS
from services.gateway.assets.addresses import AddressPolicy
from services.gateway.assets.archives import Archives
from services.gateway.assets.fetch import FetchLimits, UrlFetcher, fetch_client
from services.gateway.assets.uploads import Uploads
from services.gateway.batches import records as batch_records
from services.gateway.batches.checks import BatchChecks
from services.gateway.batches.held import HeldJobs
from services.gateway.batches.publisher import BatchPublisher
from services.gateway.batches.records import Batches
from services.gateway.batches.service import BatchService
from services.gateway.batches.timing import OffPeakWindows
from services.gateway.clients.billing import BillingClient
from services.gateway.clients.library import LibraryClient
from services.gateway.clients.providers import ProviderHealthClient
from services.gateway.container import Gateway
from services.gateway.jobs import records as job_records
from services.gateway.jobs.availability import Availability
from services.gateway.jobs.cancellations import Cancellations
from services.gateway.jobs.preflight import Gatekeeper
from services.gateway.jobs.records import Jobs
from services.gateway.jobs.submit import Submitter
from services.gateway.settings import GatewaySettings
from services.gateway.tenants import brand_kits, keys
from services.gateway.tenants.brand_kits import BrandKits
from services.gateway.tenants.keys import Keys
from services.gateway.tenants.rate_limits import TokenBuckets
from services.gateway.tenants.revocations import KeyWatch
from services.gateway.webhooks import records as webhook_records
from services.gateway.webhooks.records import Webhooks, WebhookSettings
from shared.clients import Clients, open_clients
from shared.cpu import CpuPool
from shared.http import BodySizeLimit, install_error_handlers
from shared.images import ImageLimits
from shared.service import Runtime, service_app

NAME = SERVICE
INDEXES = (
    keys.INDEXES
    | job_records.INDEXES
    | brand_kits.INDEXES
    | batch_records.INDEXES
    | webhook_records.INDEXES
    | replays.INDEXES
)
MULTIPART_OVERHEAD = 64 * 1024


async def build(settings: GatewaySettings, app: FastAPI, stack: AsyncExitStack) -> Runtime:
    clients = await open_clients(NAME, settings, stack, INDEXES)
    library, billing, availability = _internal_clients(settings, stack)
    jobs, brand_kits = Jobs(clients.db), BrandKits(clients.db)
    gatekeeper = Gatekeeper(billing, availability)
    cancellations = Cancellations(clients.bus)
    submitter = Submitter(
        jobs, clients.bus, gatekeeper, brand_kits, library, settings.publish_within_s
    )
    checks = BatchChecks(submitter, gatekeeper, billing)
    api_keys = Keys(clients.db, settings.key_cache_ttl_s)
    app.state.gateway = Gateway(
        settings=settings,
        keys=api_keys,
        jobs=jobs,
        submitter=submitter,
        gatekeeper=gatekeeper,
        uploads=_uploads(settings, clients, library, stack),
        archives=Archives(library, clients.object_store),
        batches=_batches(clients, jobs, checks, cancellations, library, stack),
        cancellations=cancellations,
        webhooks=Webhooks(clients.db, WebhookSettings.of(settings)),
        library=library,
        billing=billing,
        availability=availability,
        brand_kits=brand_kits,
        buckets=TokenBuckets(clients.db),
        replays=Replays(clients.db),
    )
    revocations = KeyWatch(api_keys, settings.key_recheck_s)
    return Runtime(probes=clients.probes, loops=[revocations.run])


def _internal_clients(
    settings: GatewaySettings, stack: AsyncExitStack
) -> tuple[LibraryClient, BillingClient, Availability]:
    """The library's and billing's internal APIs, and the workers' provider health, closed
    with the gateway."""
    token = settings.platform.internal_token.get_secret_value()
    library = LibraryClient(settings.library_url, token)
    billing = BillingClient(settings.billing_url, token, settings.account_view_ttl_s)
    workers = {
        "generation": ProviderHealthClient("generation", settings.generation_url, token),
        "editing": ProviderHealthClient("editing", settings.editing_url, token),
        "transform": ProviderHealthClient("transform", settings.transform_url, token),
    }
    for client in (library, billing, *workers.values()):
        stack.push_async_callback(client.close)
    return library, billing, Availability(workers, settings.provider_health_ttl_s)


def _batches(
    clients: Clients,
    jobs: Jobs,
    checks: BatchChecks,
    cancellations: Cancellations,
    library: LibraryClient,
    stack: AsyncExitStack,
) -> BatchService:
    """Batches, whose jobs still being published are let finish at shutdown."""
    publisher = BatchPublisher(clients.bus)
    stack.push_async_callback(publisher.close)
    windows, held = OffPeakWindows(clients.db), HeldJobs(clients.db)
    batches = Batches(clients.db)
    return BatchService(batches, jobs, checks, publisher, cancellations, library, windows, held)


def _uploads(
    settings: GatewaySettings, clients: Clients, library: LibraryClient, stack: AsyncExitStack
) -> Uploads:
    """Uploads from a file or from a URL (fetched only from the addresses the policy allows)."""
    cpu = CpuPool()
    stack.callback(cpu.close)
    http = fetch_client(settings.upload_url_timeout_s)
    stack.push_async_callback(http.aclose)
    policy = AddressPolicy(allowed=tuple(settings.upload_url_allow))
    limits = FetchLimits(settings.upload_max_bytes, settings.upload_url_timeout_s, policy)
    image_limits = ImageLimits(settings.upload_max_bytes, settings.upload_max_pixels)
    return Uploads(clients.object_store, library, cpu, image_limits, UrlFetcher(http, limits))


def create_app(settings: GatewaySettings) -> FastAPI:
    app = service_app(
        NAME,
        partial(build, settings),
        routers=ROUTERS,
        middleware=[_body_size_limit(settings)],
        openapi_url=None,  # the public document is served by `serve_documents`
        docs_url=None,
        redoc_url=None,
    )
    serve_documents(app)
    serve_console(app, settings.console_dir, settings.s3)
    install_error_handlers(app)
    return app


def _body_size_limit(settings: GatewaySettings) -> Middleware:
    upload_limit = settings.upload_max_bytes + MULTIPART_OVERHEAD
    return Middleware(
        BodySizeLimit,
        default_limit=settings.max_body_bytes,
        limits={"/v1/uploads": upload_limit, "/v1/batches": settings.batch_max_bytes},
    )
