"""What the gateway's routes use, built once by the composition root."""

from dataclasses import dataclass

from services.gateway.archive import Archives
from services.gateway.auth import Keys
from services.gateway.batches import BatchService
from services.gateway.billing import BillingClient
from services.gateway.brand_kits import BrandKits
from services.gateway.cancellations import Cancellations
from services.gateway.jobs import Jobs
from services.gateway.library import LibraryClient
from services.gateway.preflight import Gatekeeper
from services.gateway.providers import GenerationClient
from services.gateway.ratelimit import TokenBuckets
from services.gateway.settings import GatewaySettings
from services.gateway.submit import Submitter
from services.gateway.uploads import Uploads
from services.gateway.webhooks import Webhooks


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
    generation: GenerationClient
    brand_kits: BrandKits
    buckets: TokenBuckets
