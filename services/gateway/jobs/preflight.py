"""The gateway's side of the pre-flight: validate and price a job, and refuse at once (402) what
the account, as billing last showed it, cannot run. Billing stays the authority: a job that
passes here may still be rejected there."""

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, ValidationError

from contracts.billing import CREDIT_USD
from contracts.billing.estimates import Estimate, UnpricedError, estimate
from contracts.billing.rules import Draw, Refusal, after, draw, period_of, refusal
from contracts.http.billing import EstimatePublic, EstimatesPublic, RefusalPublic
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.jobs import JOB_KINDS, UnknownKindError, parse_params
from services.gateway.clients.billing import BillingClient
from shared.errors import PermanentError, RetryableError
from shared.http import field_errors


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

    async def admit(self, tenant_id: str, job: Priced, kind: str) -> None:
        """Refuse now what billing would refuse (402)."""
        view = await self.billing.view(tenant_id)
        if view is not None:
            refused = refusal(view.in_period(period_of()), job.cost)
            if refused is not None:
                raise PermanentError(refused.code.value, refused.message)

    async def estimates(
        self, tenant_id: str, jobs: list[JobCreate], listed: bool
    ) -> EstimatesPublic:
        """Each job's price and whether the account may run it, in order (the ones before it
        counted as if they ran)."""
        costs = [
            priced(job, at=f"jobs.{index}." if listed else "").cost
            for index, job in enumerate(jobs)
        ]
        return await self.estimates_of(tenant_id, costs)

    async def estimates_of(self, tenant_id: str, costs: list[Estimate]) -> EstimatesPublic:
        """`estimates` of jobs already priced."""
        view = await self.billing.view(tenant_id)
        if view is None:
            raise RetryableError("billing_unavailable", "billing does not answer; try again")
        account = view.in_period(period_of())
        items = []
        for cost in costs:
            refused = refusal(account, cost)
            if refused is None:
                account = after(account, cost, draw(account, cost) or Draw())
            items.append(_public(cost, refused))
        return EstimatesPublic(
            items=items,
            credits=sum(item.credits for item in items),
            price_usd=sum((item.price_usd for item in items), Decimal(0)),
            expected_seconds=round(sum(item.expected_seconds for item in items), 1),
            allowed=all(item.allowed for item in items),
        )


def _public(cost: Estimate, refused: Refusal | None) -> EstimatePublic:
    shown = cost.model_dump(exclude={"operation", "feature"})
    return EstimatePublic(
        **shown,
        price_usd=cost.credits * CREDIT_USD,
        allowed=refused is None,
        refusal=RefusalPublic(code=refused.code, message=refused.message) if refused else None,
    )
