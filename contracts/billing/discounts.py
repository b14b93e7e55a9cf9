"""Volume discounts, kept as data: from a number of jobs in one batch, each of its jobs costs a
percentage less, by plan.

Credits are whole: the batch's discounted total is its list total less the percentage, rounded
half up, and each job's share is the running total's rounded value less the one before it (so
the jobs' prices add up to the total exactly and none costs more than its list price)."""

from pydantic import BaseModel, ConfigDict, Field


class VolumeTier(BaseModel):
    model_config = ConfigDict(frozen=True)

    min_jobs: int = Field(description="Jobs a batch needs for the tier.")
    percent: int = Field(ge=1, le=99, description="Off each job's list price.")

    @property
    def name(self) -> str:
        return f"volume {self.min_jobs}+ jobs: {self.percent}% off"


class Discount(BaseModel):
    """A discount one job got: its name, its percentage and the credits it took off."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="e.g. `volume 50+ jobs: 10% off`.")
    percent: int
    credits_off: int = Field(ge=0, description="Credits taken off this job's list price.")


VOLUME_TIERS: dict[str, tuple[VolumeTier, ...]] = {
    "pro": (VolumeTier(min_jobs=50, percent=10), VolumeTier(min_jobs=500, percent=20)),
    "enterprise": (VolumeTier(min_jobs=50, percent=15), VolumeTier(min_jobs=500, percent=25)),
}
"""Each plan's tiers, smallest first; plans without batches have none."""


def volume_tier(plan_id: str, jobs: int) -> VolumeTier | None:
    """The best tier a batch of `jobs` reaches on the plan, or None."""
    reached = [tier for tier in VOLUME_TIERS.get(plan_id, ()) if jobs >= tier.min_jobs]
    return reached[-1] if reached else None


def discounted(list_credits: list[int], percent: int) -> list[int]:
    """Each job's price after `percent` off, whole credits adding up to the rounded total."""
    prices: list[int] = []
    running, shown = 0, 0
    for credits in list_credits:
        running += credits
        rounded = (running * (100 - percent) + 50) // 100
        prices.append(rounded - shown)
        shown = rounded
    return prices


def discounts(list_credits: list[int], tier: VolumeTier) -> list[Discount]:
    """The discount of each job of a batch reaching `tier`."""
    prices = discounted(list_credits, tier.percent)
    return [
        Discount(name=tier.name, percent=tier.percent, credits_off=credits - price)
        for credits, price in zip(list_credits, prices, strict=True)
    ]
