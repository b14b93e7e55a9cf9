"""Interactive work first, within one process: while interactive records are being handled, the
bulk lane's batch handlers pause after each batch, so a campaign's backlog leaves the process (and
the database and broker it shares with the others) room for single jobs. Without interactive work
bulk batches follow each other at full speed."""

import asyncio
import time

INTERACTIVE_WINDOW_S = 1.0
"""Interactive work counts as present this long after its last batch."""


class InteractiveFirst:
    def __init__(self) -> None:
        self._last_interactive = -INTERACTIVE_WINDOW_S

    def interactive_seen(self) -> None:
        self._last_interactive = time.monotonic()

    def interactive_present(self) -> bool:
        return time.monotonic() - self._last_interactive < INTERACTIVE_WINDOW_S

    async def after_bulk(self, spent_s: float, pause_ratio: float) -> None:
        """After a bulk batch that took `spent_s`: pause `pause_ratio` times that while
        interactive work is present."""
        if pause_ratio > 0 and self.interactive_present():
            await asyncio.sleep(spent_s * pause_ratio)


PRIORITY = InteractiveFirst()
"""The process's one."""
