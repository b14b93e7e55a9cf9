"""Revocations reach every gateway process within a second, whichever process revoked the key.

Every interval one query re-reads the keys this process trusts: the ones in its key cache (a
revoked one leaves it, so its next request is refused) and, in the projector, the ones behind
its open event streams (a revoked key's streams end: SSE with a last `error` event, WebSocket
with close code 1008).
"""

import asyncio
import logging
from dataclasses import dataclass

from prometheus_client import Counter
from pymongo.errors import PyMongoError

from services.gateway.events.fanout import Fanout
from services.gateway.tenants.keys import Keys

log = logging.getLogger(__name__)
ENDED = Counter("studio_gateway_streams_revoked_total", "Streams ended as their key was revoked.")


@dataclass
class KeyWatch:
    keys: Keys
    interval_s: float
    fanout: Fanout | None = None
    """The projector's open streams; None in the API process."""

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.check()
            except PyMongoError as exc:  # the next interval tries again
                log.warning("could not re-check the trusted API keys: %s", exc)

    async def check(self) -> int:
        """One pass; returns how many streams it ended."""
        streamed = self.fanout.key_hashes() if self.fanout is not None else set()
        trusted = self.keys.cached() | streamed
        if not trusted:
            return 0
        revoked = await self.keys.revoked_among(trusted)
        ended = self.fanout.revoke(revoked) if self.fanout is not None and revoked else 0
        if ended:
            ENDED.inc(ended)
            log.info("ended %d event streams of %d revoked API keys", ended, len(revoked))
        return ended
