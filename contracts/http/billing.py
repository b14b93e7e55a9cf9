"""Billing bodies: estimates, the account, usage, the ledger, and the admin operations."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.billing.discounts import Discount
from contracts.billing.plans import PlanId, Resolution
from contracts.catalog.models import Quality
from contracts.events import FailureCode, RejectionCode
from contracts.http.jobs import JobCreate
from contracts.http.pages import Page


class JobsEstimateCreate(BaseModel):
    """`POST /v1/estimate` for several jobs at once (a single `JobCreate` works too)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "jobs": [
                        {"kind": "generate", "params": {"prompt": "a red fox", "variations": 4}},
                        {"kind": "generate", "params": {"prompt": "a fox", "quality": "premium"}},
                    ]
                }
            ]
        },
    )

    jobs: list[JobCreate] = Field(min_length=1, max_length=10_000)


ProvidersCode = Literal[FailureCode.NO_PROVIDER_CONFIGURED, FailureCode.PROVIDERS_UNAVAILABLE]
"""Why no provider can run a job now: the codes such a job would fail with."""


class RefusalPublic(BaseModel):
    code: RejectionCode | ProvidersCode = Field(
        description="A pre-flight refusal (the plan, the balance) or, when the account may "
        "run it, why no provider can now (`no_provider_configured`, `providers_unavailable`)."
    )
    message: str


class AlternativePublic(BaseModel):
    """The same job run another way that can run now: cheaper or faster than the one asked."""

    provider: str
    model: str
    quality: Quality | None = Field(
        default=None, description="Set when it is of another quality tier than the job asked."
    )
    better: list[Literal["cheaper", "faster"]] = Field(
        default_factory=list, description="How it beats the job as asked."
    )
    credits: int
    price_usd: Decimal
    expected_seconds: float
    params: dict[str, str] = Field(
        description="Set these params of the job to run it this way (`provider`, `model`, and "
        "`quality` for another tier)."
    )


class EstimatePublic(BaseModel):
    kind: str
    provider: str
    model: str
    resolution: Resolution | None = None
    credits: int
    usd: Decimal = Field(description="What the platform pays the provider.")
    price_usd: Decimal = Field(description="What the tenant pays: credits at list price.")
    expected_seconds: float
    images: int
    videos: int
    allowed: bool = Field(
        description="Whether it can run now: the account may (in list order) and a provider "
        "that would serve it is configured with its circuit not open."
    )
    refusal: RefusalPublic | None = None
    alternatives: list[AlternativePublic] = Field(
        default_factory=list,
        description="Other providers or models that can run it now and cost less or finish "
        "sooner, cheapest first (all that can run, when this one cannot).",
    )
    discount: Discount | None = Field(
        default=None, description="A batch's volume discount, already taken off `credits`."
    )


class EstimatesPublic(BaseModel):
    items: list[EstimatePublic]
    credits: int
    discount_credits: int = Field(
        default=0, description="Credits the volume discounts took off the list price."
    )
    price_usd: Decimal
    expected_seconds: float
    allowed: bool = Field(description="Whether every job may run.")


class PlanPublic(BaseModel):
    id: str
    name: str
    price_usd: Decimal
    monthly_images: int | None
    monthly_videos: int | None
    max_video_resolution: Resolution | None
    features: list[str]
    priority_lane: bool


class AllowancePublic(BaseModel):
    used: int = Field(description="Drawn from this month's plan allowance.")
    monthly: int | None = Field(description="The plan's monthly allowance; null = unlimited.")
    packs_left: int = Field(description="Left in bought packs (they do not expire).")
    left: int | None = Field(description="Still available this month; null = unlimited.")


class AccountPublic(BaseModel):
    tenant_id: str
    plan: PlanPublic
    balance: int = Field(description="Credits free to spend (the ledger's sum).")
    balance_usd: Decimal
    reserved: int = Field(description="Credits held by running jobs.")
    period: str = Field(description="The billing month, YYYY-MM.")
    images: AllowancePublic
    videos: AllowancePublic
    committed: int = Field(description="Credits reserved or spent this month.")
    budget_cap: int | None = Field(description="Most credits per month; null = no cap.")


class UsageRow(BaseModel):
    day: date
    operation: str
    provider: str
    jobs: int
    credits: int
    usd: Decimal = Field(description="Provider cost.")


class UsagePublic(BaseModel):
    items: list[UsageRow]


class LedgerKind(StrEnum):
    GRANT = "grant"
    PACK = "pack"
    RESERVE = "reserve"
    CAPTURE = "capture"
    RELEASE = "release"


class LedgerEntryPublic(BaseModel):
    id: str
    kind: LedgerKind
    credits: int = Field(description="Signed: + adds to the balance, - takes from it.")
    job_id: str | None = None
    memo: str | None = None
    created_at: datetime


class LedgerPublic(Page[LedgerEntryPublic]):
    """Ledger entries, newest first."""


# --- admin -------------------------------------------------------------------------------------


class TenantCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Acme Agency", "plan": "pro", "credits": 1000}]},
    )

    name: str = Field(min_length=1, max_length=200)
    plan: PlanId = Field(default="free", description="The plan.")
    credits: int = Field(default=0, ge=0, description="Credits granted at once.")


class TenantPublic(BaseModel):
    id: str
    name: str
    account: AccountPublic
    api_key: str | None = Field(default=None, description="Shown once, at creation.")


class PlanUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"plan": "pro"}]})

    plan: PlanId


class PackGrant(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"pack": "images-100"}]}
    )

    pack: str = Field(description="A pack id, e.g. `images-100`.")


class CreditGrant(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"credits": 500, "memo": "campaign top-up"}]},
    )

    credits: int = Field(gt=0, le=100_000_000)
    memo: str | None = Field(default=None, max_length=500)


class BudgetCapUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"monthly_credits": 20000}]}
    )

    monthly_credits: int | None = Field(ge=0, description="null removes the cap.")
