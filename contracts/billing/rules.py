"""The pre-flight rules, pure: may this account run this estimate now, and from which allowance
its images and videos are drawn. Billing decides with them; the gateway refuses early with them."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Self

from pydantic import BaseModel, Field

from contracts.billing.estimates import Estimate
from contracts.billing.plans import (
    DEFAULT_PLAN,
    PLANS,
    Feature,
    Plan,
    PlanId,
    Resolution,
    plan_allowing,
    resolution_allowed,
)
from contracts.events import RejectionCode as Code


def period_of(moment: datetime | None = None) -> str:
    """The billing month, `YYYY-MM` (UTC)."""
    return (moment or datetime.now(UTC)).strftime("%Y-%m")


class AccountView(BaseModel):
    """An account as the rules read it (billing's `GET /internal/v1/accounts/{tenant}`)."""

    tenant_id: str
    plan: PlanId = DEFAULT_PLAN
    available: int = Field(default=0, description="Credits free to spend: the ledger's sum.")
    reserved: int = Field(default=0, description="Credits held by jobs still running.")
    period: str = Field(default_factory=period_of)
    images_used: int = Field(default=0, description="Images of the plan's monthly allowance used.")
    videos_used: int = 0
    pack_images_left: int = 0
    pack_videos_left: int = 0
    committed: int = Field(default=0, description="Credits reserved or spent this month.")
    budget_cap: int | None = Field(default=None, description="Most credits per month; null = none.")

    @property
    def plan_spec(self) -> Plan:
        return PLANS[self.plan]

    def in_period(self, period: str) -> Self:
        """The account as of `period`: a new month starts its counters from zero."""
        if period == self.period:
            return self
        fresh = {"images_used": 0, "videos_used": 0, "committed": 0, "period": period}
        return self.model_copy(update=fresh)


@dataclass(frozen=True)
class Refusal:
    code: Code
    message: str


@dataclass(frozen=True)
class Draw:
    """Where a job's images and videos come from: the plan's month, or packs."""

    images_plan: int = 0
    images_pack: int = 0
    videos_plan: int = 0
    videos_pack: int = 0


def refusal(account: AccountView, cost: Estimate) -> Refusal | None:
    """Why the account may not run this now (None: it may). The account must be `in_period`."""
    plan = account.plan_spec
    cap = account.budget_cap
    if cost.feature not in plan.features:
        has = _upgrade(cost.feature)
        return Refusal(Code.FEATURE_NOT_IN_PLAN, f"the {plan.name} plan has no {cost.feature}{has}")
    if cost.videos and (cost.resolution is None or not resolution_allowed(plan, cost.resolution)):
        ceiling = plan.max_video_resolution or "no video"
        has = _upgrade(cost.feature, cost.resolution)
        message = f"{cost.resolution} video is above the {plan.name} plan's {ceiling}{has}"
        return Refusal(Code.RESOLUTION_NOT_IN_PLAN, message)
    if draw(account, cost) is None:
        return Refusal(Code.MONTHLY_QUOTA_EXCEEDED, "this month's allowance is used up")
    if cap is not None and account.committed + cost.credits > cap:
        return Refusal(Code.BUDGET_CAP_REACHED, f"the monthly cap of {cap} credits is reached")
    if cost.credits > account.available:
        needed = f"{cost.credits} credits needed, {account.available} available"
        return Refusal(Code.INSUFFICIENT_CREDITS, needed)
    return None


def _upgrade(feature: Feature, resolution: Resolution | None = None) -> str:
    """`; the X plan has it`, naming the cheapest plan that would allow it."""
    plan = plan_allowing(feature, resolution)
    return f"; the {plan.name} plan allows it" if plan else ""


def after(account: AccountView, cost: Estimate, drawn: Draw) -> AccountView:
    """The account once the job's credits and allowances are held."""
    return account.model_copy(
        update={
            "available": account.available - cost.credits,
            "reserved": account.reserved + cost.credits,
            "committed": account.committed + cost.credits,
            "images_used": account.images_used + drawn.images_plan,
            "videos_used": account.videos_used + drawn.videos_plan,
            "pack_images_left": account.pack_images_left - drawn.images_pack,
            "pack_videos_left": account.pack_videos_left - drawn.videos_pack,
        }
    )


def draw(account: AccountView, cost: Estimate) -> Draw | None:
    """Images and videos from the month's allowance first, then packs; None if both fall short."""
    plan = account.plan_spec
    images = _split(cost.images, plan.monthly_images, account.images_used, account.pack_images_left)
    videos = _split(cost.videos, plan.monthly_videos, account.videos_used, account.pack_videos_left)
    if images is None or videos is None:
        return None
    return Draw(images[0], images[1], videos[0], videos[1])


def _split(wanted: int, monthly: int | None, used: int, pack_left: int) -> tuple[int, int] | None:
    if monthly is None:
        return wanted, 0
    from_plan = min(wanted, max(0, monthly - used))
    from_pack = wanted - from_plan
    return (from_plan, from_pack) if from_pack <= pack_left else None
