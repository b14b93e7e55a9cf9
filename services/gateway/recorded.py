"""Which jobs' assets the library has recorded, as its `assets_recorded` events say: the projector
waits here before telling clients `completed` (a client told "completed" can fetch the assets),
with no polling. Either order of arrival works: an announcement seen before its job's `completed`
is remembered."""

import asyncio
from collections import OrderedDict

from contracts.events import AssetsRecordedEvent

REMEMBERED = 50_000


class RecordedAssets:
    def __init__(self) -> None:
        self._recorded: OrderedDict[str, None] = OrderedDict()
        self._waiting: dict[str, asyncio.Event] = {}

    async def note(self, event: AssetsRecordedEvent) -> None:
        """The library recorded this job's assets."""
        self._recorded[event.job_id] = None
        if len(self._recorded) > REMEMBERED:
            self._recorded.popitem(last=False)
        waiting = self._waiting.get(event.job_id)
        if waiting is not None:
            waiting.set()

    async def wait(self, job_id: str, timeout_s: float) -> bool:
        """True once the job's assets are recorded; False after `timeout_s`."""
        if job_id in self._recorded:
            return True
        waiting = self._waiting.setdefault(job_id, asyncio.Event())
        try:
            await asyncio.wait_for(waiting.wait(), timeout_s)
        except TimeoutError:
            return False
        finally:
            self._waiting.pop(job_id, None)
        return True
