"""The gateway's side of the pre-flight: validate and price a job, and refuse at once (402) what
the account, as billing last showed it, cannot run. Billing stays the authority: a job that
passes here may still be rejected there. Estimates also say whether a provider can run the job
now, and what else could."""

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, ValidationError

from contracts.billing import CREDIT_USD
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.billing.rules import AccountView, Draw, after, draw, period_of, refusal
from contracts.http.billing import AlternativePublic, EstimatePublic, EstimatesPublic, RefusalPublic
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.jobs import JOB_KINDS, UnknownKindError, parse_params
from services.gateway.clients.billing import BillingClient
from services.gateway.jobs.alternatives import alternatives
from services.gateway.jobs.availability import Availability
from shared.errors import PermanentError, RetryableError
from shared.http import field_errors

Offers = dict[tuple[str, str, str | None], list[AlternativePublic]]
"""An estimate's alternatives so far, by kind, params and refusal."""


@dataclass(frozen=True)
class Priced:
    params: BaseModel
    cost: Estimate


def priced(job: JobCreate, at: str = "") -> Priced:
    """The job's validated params and price; 422 errors name the fields (under `at`)."""
    try:
        params = parse_params(job.kind, job.params, strict=True)
    except UnknownKindError as exc:
        known = ", ".join(sorted(JOB_KINDS))
        message = f"unknown kind; known: {known}"
        detail = FieldError(loc=f"{at}kind", message=message, type="unknown_kind")
        raise PermanentError("unknown_kind", f"unknown job kind '{exc}'", [detail]) from exc
    except ValidationError as exc:
        details = field_errors(exc, prefix=f"{at}params")
        raise PermanentError("invalid_params", f"invalid params for {job.kind}", details) from exc
    try:
        return Priced(params, estimate(job.kind, params))
    except UnpricedError as exc:
        detail = FieldError(loc=f"{at}params.provider", message=str(exc), type="unknown_provider")
        raise PermanentError("unknown_provider", str(exc), [detail]) from exc


@dataclass
class Gatekeeper:
    billing: BillingClient
    availability: Availability

    async def admit(self, tenant_id: str, job: Priced, kind: str) -> None:
        """Refuse now what billing would refuse (402)."""
        view = await self.billing.view(tenant_id)
        if view is not None:
            refused = refusal(view.in_period(period_of()), job.cost)
            if refused is not None:
                raise PermanentError(refused.code.value, refused.message)

    async def estimates(
        self, tenant_id: str, jobs: list[JobCreate], listed: bool, quote: bool = True
    ) -> EstimatesPublic:
        """Each job's price and whether it can run, in order (the ones before it counted as if
        they ran). A `quote` (an estimate, a dry run) also asks whether a provider can run it
        now and offers the alternatives worth it; a submission asks the account only (health
        may change before the job runs; a job no provider can run then fails saying so)."""
        priced_jobs = [
            priced(job, at=f"jobs.{index}." if listed else "") for index, job in enumerate(jobs)
        ]
        return await self.estimates_of(tenant_id, priced_jobs, quote)

    async def estimates_of(
        self, tenant_id: str, jobs: list[Priced], quote: bool = True
    ) -> EstimatesPublic:
        """`estimates` of jobs already priced."""
        view = await self.billing.view(tenant_id)
        if view is None:
            raise RetryableError("billing_unavailable", "billing does not answer; try again")
        account = view.in_period(period_of())
        items = []
        offers: Offers = {}
        for job in jobs:
            item = await self._quote(account, job, offers) if quote else _priced(account, job.cost)
            if item.allowed:
                account = after(account, job.cost, draw(account, job.cost) or Draw())
            items.append(item)
        return EstimatesPublic(
            items=items,
            credits=sum(item.credits for item in items),
            price_usd=sum((item.price_usd for item in items), Decimal(0)),
            expected_seconds=round(sum(item.expected_seconds for item in items), 1),
            allowed=all(item.allowed for item in items),
        )

    async def _quote(self, account: AccountView, job: Priced, offers: Offers) -> EstimatePublic:
        """One job's quote: the account's refusal first (it is why), else the providers', and
        the alternatives (found once for identical jobs refused alike: a campaign of 10,000
        copies asks the catalog and the health once)."""
        refused = _refusal(account, job.cost)
        if refused is None:
            refused = await self.availability.blocked(job.cost.kind, job.params)
        same = (job.cost.kind, job.params.model_dump_json(), str(refused.code) if refused else None)
        if same not in offers:
            offers[same] = await self._alternatives(account, job, refused is None)
        return _public(job.cost, refused, offers[same])

    async def _alternatives(
        self, account: AccountView, job: Priced, runnable: bool
    ) -> list[AlternativePublic]:

        async def admits(variant: BaseModel, cost: Estimate) -> bool:
            if refusal(account, cost) is not None:
                return False
            return await self.availability.blocked(cost.kind, variant) is None

        return await alternatives(job.cost.kind, job.params, job.cost, runnable, admits)


def _priced(account: AccountView, cost: Estimate) -> EstimatePublic:
    """One job's price and whether the account may run it."""
    return _public(cost, _refusal(account, cost), [])


def _refusal(account: AccountView, cost: Estimate) -> RefusalPublic | None:
    refused = refusal(account, cost)
    return RefusalPublic(code=refused.code, message=refused.message) if refused else None


def _public(
    cost: Estimate, refused: RefusalPublic | None, offered: list[AlternativePublic]
) -> EstimatePublic:
    shown = cost.model_dump(exclude={"operation", "feature"})
    return EstimatePublic(
        **shown,
        price_usd=cost.credits * CREDIT_USD,
        allowed=refused is None,
        refusal=refused,
        alternatives=offered,
    )
