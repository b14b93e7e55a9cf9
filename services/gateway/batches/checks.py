"""Checking a batch's rows as a whole: each row's problems, the valid rows' job records and price,
the lane the plan runs batches in, and the refusal when the account cannot run them all."""

from dataclasses import dataclass

from contracts.billing.discounts import Discount, discounts, volume_tier
from contracts.billing.plans import Feature, Plan
from contracts.billing.rules import period_of
from contracts.http.batches import RowError
from contracts.http.billing import EstimatesPublic
from contracts.http.errors import FieldError
from contracts.http.jobs import JobCreate
from contracts.topics import Lane
from services.gateway.batches.records import BatchRecord
from services.gateway.batches.rows import Row
from services.gateway.batches.watermarks import stamps_needed
from services.gateway.clients.billing import BillingClient
from services.gateway.jobs.preflight import Gatekeeper, Priced, priced
from services.gateway.jobs.records import JobRecord
from services.gateway.jobs.submit import Submitter
from shared.errors import PermanentError, RetryableError, StudioError


@dataclass(frozen=True)
class Checked:
    """The valid rows' job records, every row's errors, and the valid rows' price."""

    records: list[JobRecord]
    errors: list[RowError]
    estimate: EstimatesPublic | None

    def refuse_invalid(self) -> EstimatesPublic:
        """The price of an all-valid batch; 422 naming every problem otherwise, 402 when the
        account cannot run every job of it."""
        if self.errors:
            details = [
                FieldError(loc=f"rows.{e.row}.{e.field}", message=e.message, type="invalid_row")
                for e in self.errors
            ]
            raise PermanentError(
                "invalid_batch", f"{len(self.errors)} problem(s) in the batch", details
            )
        assert self.estimate is not None
        refuse_unaffordable(self.estimate)
        return self.estimate


@dataclass(frozen=True)
class BatchChecks:
    submitter: Submitter
    gatekeeper: Gatekeeper
    billing: BillingClient

    async def checked(
        self,
        tenant_id: str,
        rows: list[Row],
        plan: Plan,
        batch_id: str | None,
        stamp: Priced | None = None,
    ) -> Checked:
        """Every row's problems and the price of the valid ones, after the plan's volume
        discount, then (with a watermark's `stamp`) of each image's watermark; a dry run (no
        `batch_id`) quotes them as an estimate does (providers that can run them now,
        alternatives)."""
        errors = [error for row in rows for error in row.errors]
        priced_jobs: list[Priced] = []
        records: list[JobRecord] = []
        for row in rows:
            if row.job is None:
                continue
            try:
                spec = priced(row.job)
                record = await self.submitter.new_record(
                    tenant_id, row.job.kind, spec, lane_of(plan), batch_id
                )
            except PermanentError as exc:
                errors += _row_errors(row.number, exc)
                continue
            priced_jobs.append(spec)
            records.append(record)
        offs = _discounted(plan, len(rows), priced_jobs, records)
        if stamp is not None:
            made = zip(records, priced_jobs, strict=True)
            priced_jobs += [stamp] * sum(stamps_needed(r.kind, job) for r, job in made)
        quote = batch_id is None
        estimate = (
            await self.gatekeeper.estimates_of(tenant_id, priced_jobs, quote)
            if priced_jobs
            else None
        )
        shown = _with_discounts(estimate, offs) if estimate and offs else estimate
        return Checked(records, sorted(errors, key=lambda e: e.row), shown)

    async def plan(self, tenant_id: str) -> Plan:
        """The tenant's plan; 402 without batches."""
        view = await self.billing.view(tenant_id)
        if view is None:
            raise RetryableError("billing_unavailable", "billing does not answer; try again")
        plan = view.in_period(period_of()).plan_spec
        if Feature.BATCH not in plan.features:
            raise PermanentError(
                "feature_not_in_plan", f"the {plan.name} plan has no batches (Pro and above)"
            )
        return plan

    async def retries(self, batch: BatchRecord, failed: list[JobRecord]) -> list[JobRecord]:
        """New records in place of the failed jobs; 402 when the account cannot run them all."""
        specs = [JobCreate(kind=job.kind, params=job.params) for job in failed]
        estimate = await self.gatekeeper.estimates(batch.tenant_id, specs, listed=True, quote=False)
        refuse_unaffordable(estimate)
        records = []
        for job, spec in zip(failed, specs, strict=True):
            record = await self.submitter.new_record(
                batch.tenant_id, job.kind, priced(spec), batch.lane, batch.id
            )
            record.retry_of = job.id
            record.discount = job.discount
            records.append(record)
        return records


def lane_of(plan: Plan) -> Lane:
    """`bulk`, or `interactive` for plans with priority processing."""
    return "interactive" if plan.priority_lane else "bulk"


def _discounted(
    plan: Plan, jobs: int, priced_jobs: list[Priced], records: list[JobRecord]
) -> list[Discount]:
    """Take the plan's volume discount (for a batch of `jobs`) off each valid job's price and
    note it in its record; the discounts (none below the first tier)."""
    tier = volume_tier(plan.id, jobs)
    if tier is None or not priced_jobs:
        return []
    offs = discounts([job.cost.credits for job in priced_jobs], tier)
    for index, (job, off, record) in enumerate(zip(priced_jobs, offs, records, strict=True)):
        cost = job.cost.model_copy(update={"credits": job.cost.credits - off.credits_off})
        priced_jobs[index] = Priced(job.params, cost)
        record.discount = off
    return offs


def _with_discounts(estimate: EstimatesPublic, offs: list[Discount]) -> EstimatesPublic:
    items = [
        item.model_copy(update={"discount": off})
        for item, off in zip(estimate.items[: len(offs)], offs, strict=True)
    ] + estimate.items[len(offs) :]  # a watermark's follow-ups, after the rows
    off_total = sum(off.credits_off for off in offs)
    return estimate.model_copy(update={"items": items, "discount_credits": off_total})


def refuse_unaffordable(estimate: EstimatesPublic) -> None:
    """402 for the whole batch when the account cannot run every job of it."""
    for index, item in enumerate(estimate.items, 1):
        if item.refusal is not None:
            raise PermanentError(
                item.refusal.code.value,
                f"row {index} and later cannot run: {item.refusal.message} "
                f"(the batch needs {estimate.credits} credits)",
            )


def _row_errors(number: int, error: StudioError) -> list[RowError]:
    if not error.details:
        return [RowError(row=number, field="row", message=error.message)]
    return [RowError(row=number, field=d.loc, message=d.message) for d in error.details]
