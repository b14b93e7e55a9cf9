"""When a batch runs: at a time (`schedule_at`) or in the tenant's off-peak window."""

from datetime import UTC, datetime, time, timedelta
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_SCHEDULE_DAYS = 30
"""How far ahead a batch may be scheduled."""
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class OffPeakWindow(BaseModel):
    """`PUT /v1/off-peak-window`: the daily hours a tenant's `schedule: "off_peak"` batches run
    in, local to `timezone`; the window may cross midnight (22:00 to 06:00)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"start": "22:00", "end": "06:00", "timezone": "UTC"}]},
    )

    start: str = Field(pattern=HHMM, description="`HH:MM`, 24-hour, when the window opens.")
    end: str = Field(pattern=HHMM, description="`HH:MM`, when it closes.")
    timezone: str = Field(default="UTC", description="An IANA zone, e.g. `Europe/Paris`.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {zone!r} (use an IANA name)") from None
        return zone

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.start == self.end:
            raise ValueError("`start` and `end` must differ")
        return self

    def release_at(self, now: datetime) -> datetime:
        """When a batch submitted at `now` runs: now inside the window, else its next opening."""
        local = now.astimezone(ZoneInfo(self.timezone))
        start, end = time.fromisoformat(self.start), time.fromisoformat(self.end)
        at = local.time()
        inside = start <= at < end if start < end else at >= start or at < end
        if inside:
            return now
        opening = datetime.combine(local.date(), start, tzinfo=local.tzinfo)
        if opening <= local:
            opening = datetime.combine(local.date() + timedelta(days=1), start, local.tzinfo)
        return opening.astimezone(UTC)


DEFAULT_OFF_PEAK = OffPeakWindow(start="22:00", end="06:00", timezone="UTC")
"""The window of a tenant that set none."""
