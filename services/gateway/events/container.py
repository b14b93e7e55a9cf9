"""What the projector's routes (the event streams) use, built once by its composition root."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from services.gateway.api.deps import bearer, bearer_key, tenant_of
from services.gateway.batches.records import find_batch
from services.gateway.clients.billing import BillingClient
from services.gateway.events.streams import Opener, Streams
from services.gateway.tenants.keys import Keys, hash_key
from services.gateway.tenants.rate_limits import TokenBuckets
from shared.database import Database
from shared.service import app_state


@dataclass(frozen=True)
class EventStreams:
    keys: Keys
    billing: BillingClient
    buckets: TokenBuckets
    streams: Streams
    db: Database
    sse_ping_s: int

    async def check_batch(self, tenant_id: str, batch_id: str) -> None:
        """404 for a batch that is not the tenant's."""
        await find_batch(self.db, tenant_id, batch_id)


async def opener_of(streams: EventStreams, authorization: str | None) -> Opener:
    """Who opens a stream with this `Authorization` header (401/403/429 as for any call)."""
    tenant = await tenant_of(streams, authorization)
    return Opener(tenant_id=tenant, key_hash=hash_key(bearer_key(authorization)))


async def _opener(
    request: Request,
    streams: Annotated[EventStreams, Depends(app_state("streams"))],
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Opener:
    return await opener_of(streams, request.headers.get("authorization"))


StreamsDep = Annotated[EventStreams, Depends(app_state("streams"))]
OpenerDep = Annotated[Opener, Depends(_opener)]
