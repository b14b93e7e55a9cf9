"""Types of query parameters, read as strictly as JSON bodies are."""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BeforeValidator

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar day as `YYYY-MM-DD` only (pydantic alone also takes `0` as 1970-01-01)."""


def _moment(value: object) -> object:
    """Parsed here, so strict validation (JSON bodies) takes it as the datetime it is."""
    if not isinstance(value, str):
        return value
    if not RFC3339.fullmatch(value):
        raise ValueError("a moment as RFC 3339, e.g. 2026-12-07T09:30:00Z")
    return datetime.fromisoformat(value.upper())


IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_moment)]
"""A moment as RFC 3339 with its offset only (pydantic alone also takes `0.5` as a Unix time)."""
