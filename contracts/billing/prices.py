"""What a price is: credits (what a tenant pays) and provider cost (what the platform pays) per
operation, provider, model, resolution and duration. The figures live with their providers
(`contracts.catalog.providers`) and job kinds (`contracts.jobs`), each citing its source;
figures marked *unconfirmed* in `docs/providers.md` are used as given there."""

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from contracts.billing.plans import Resolution

ISSUE = "seed figure of the billing issue"
PLATFORM = "platform's own CPU work"


class Unit(StrEnum):
    IMAGE = "image"
    SECOND = "second"
    FIVE_SECONDS = "5s"


class Price(BaseModel):
    model_config = ConfigDict(frozen=True)

    operation: str
    provider: str
    model: str
    unit: Unit
    credits: int
    usd: Decimal
    resolution: Resolution | None = None
    seconds_per_unit: float = 0.0
    source: str


def per_image(
    operation: str, provider: str, model: str, credits: int, usd: str, seconds: float, source: str
) -> Price:
    """A price per image (or per 3D model) made."""
    return Price(
        operation=operation,
        provider=provider,
        model=model,
        unit=Unit.IMAGE,
        credits=credits,
        usd=Decimal(usd),
        seconds_per_unit=seconds,
        source=source,
    )


def per_resolution(
    operation: str,
    provider: str,
    model: str,
    unit: Unit,
    rates: list[tuple[Resolution, int, str]],
    seconds: float,
    source: str,
) -> list[Price]:
    """Video prices, one per resolution: (resolution, credits, usd) per `unit` of video."""
    return [
        Price(
            operation=operation,
            provider=provider,
            model=model,
            unit=unit,
            resolution=resolution,
            credits=credits,
            usd=Decimal(usd),
            seconds_per_unit=seconds,
            source=source,
        )
        for resolution, credits, usd in rates
    ]
