"""When a submitted batch runs: now, at its `schedule_at`, or at the tenant's off-peak window
(kept per tenant in `off_peak_windows`)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from contracts.http.errors import FieldError
from contracts.http.schedules import DEFAULT_OFF_PEAK, MAX_SCHEDULE_DAYS, OffPeakWindow
from shared.database import Database
from shared.errors import PermanentError

COLLECTION = "off_peak_windows"


@dataclass(frozen=True)
class Timing:
    """How a batch asked to be run: at a time, in the off-peak window, or (neither) now."""

    schedule_at: datetime | None = None
    off_peak: bool = False


class OffPeakWindows:
    """Each tenant's off-peak window (the default one until it sets its own)."""

    def __init__(self, db: Database) -> None:
        self._windows = db[COLLECTION]

    async def get(self, tenant_id: str) -> OffPeakWindow:
        doc = await self._windows.find_one({"_id": tenant_id}, {"_id": 0})
        return OffPeakWindow.model_validate(doc) if doc else DEFAULT_OFF_PEAK

    async def put(self, tenant_id: str, window: OffPeakWindow) -> OffPeakWindow:
        # the id in the document too: not every Mongo-compatible store upserts the filter's
        doc = {"_id": tenant_id, **window.model_dump()}
        await self._windows.replace_one({"_id": tenant_id}, doc, upsert=True)
        return window

    async def release_at(self, tenant_id: str, timing: Timing) -> datetime | None:
        """When the batch's jobs are released (None: now); 422 for a time in the past or
        further ahead than the horizon."""
        now = datetime.now(UTC)
        if timing.off_peak:
            at = (await self.get(tenant_id)).release_at(now)
            return None if at <= now else at
        if timing.schedule_at is None:
            return None
        if timing.schedule_at <= now:
            raise _refused(f"schedule_at {timing.schedule_at.isoformat()} is in the past")
        if timing.schedule_at > now + timedelta(days=MAX_SCHEDULE_DAYS):
            raise _refused(f"schedule_at is more than {MAX_SCHEDULE_DAYS} days ahead")
        return timing.schedule_at


def _refused(message: str) -> PermanentError:
    detail = FieldError(loc="schedule_at", message=message, type="invalid_schedule")
    return PermanentError("invalid_schedule", message, [detail])
