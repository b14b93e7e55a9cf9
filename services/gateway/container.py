"""What the gateway's routes use, built once by the composition root."""

from dataclasses import dataclass

from services.gateway.api.replays import Replays
from services.gateway.assets.archives import Archives
from services.gateway.assets.uploads import Uploads
from services.gateway.batches.service import BatchService
from services.gateway.clients.billing import BillingClient
from services.gateway.clients.library import LibraryClient
from services.gateway.jobs.availability import Availability
from services.gateway.jobs.cancellations import Cancellations
from services.gateway.jobs.preflight import Gatekeeper
from services.gateway.jobs.records import Jobs
from services.gateway.jobs.submit import Submitter
from services.gateway.settings import GatewaySettings
from services.gateway.tenants.brand_kits import BrandKits
from services.gateway.tenants.keys import Keys
from services.gateway.tenants.rate_limits import TokenBuckets
from services.gateway.webhooks.records import Webhooks


@dataclass(frozen=True)
class Gateway:
    settings: GatewaySettings
    keys: Keys
    jobs: Jobs
    submitter: Submitter
    gatekeeper: Gatekeeper
    uploads: Uploads
    archives: Archives
    batches: BatchService
    cancellations: Cancellations
    webhooks: Webhooks
    library: LibraryClient
    billing: BillingClient
    availability: Availability
    brand_kits: BrandKits
    buckets: TokenBuckets
    replays: Replays
