"""Ending the event streams of revoked API keys, whichever gateway process revoked them.

Every interval one query reads the state of the keys behind this process's open streams; a
revoked (or vanished) key's streams end: SSE with a last `error` event, WebSocket with close
code 1008.
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
    fanout: Fanout
    interval_s: float

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.check()
            except PyMongoError as exc:  # the next interval tries again
                log.warning("could not re-check the open streams' API keys: %s", exc)

    async def check(self) -> int:
        """One pass; returns how many streams it ended."""
        open_keys = self.fanout.keys()
        if not open_keys:
            return 0
        revoked = await self.keys.revoked_among(open_keys)
        ended = self.fanout.revoke(revoked) if revoked else 0
        if ended:
            ENDED.inc(ended)
            log.info("ended %d event streams of %d revoked API keys", ended, len(revoked))
        return ended
