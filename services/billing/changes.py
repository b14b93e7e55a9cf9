"""Pure changes of an account: each returns the new account (with the ledger entries it makes in
its `outbox`), or None to leave it as it is, and a result. `Accounts.change` applies them."""

from dataclasses import dataclass
from decimal import Decimal

from contracts.billing.discounts import Discount
from contracts.billing.estimates import Estimate
from contracts.billing.rules import Draw, Refusal, after, draw, refusal
from contracts.http.billing import LedgerKind
from services.billing.accounts import AccountRecord, Change, Hold
from services.billing.ledger import LedgerEntry


def reserve(
    job_id: str, cost: Estimate, discount: Discount | None = None
) -> Change[Hold | Refusal]:
    """Hold the job's credits and allowances (or find the hold a first delivery made), unless
    the rules refuse; then nothing changes. `cost` is after the `discount` (kept in the hold,
    taken off what the job costs when it completes)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, Hold | Refusal]:
        held = account.holds.get(job_id)
        if held is not None:
            return None, held
        view = account.view()
        refused = refusal(view, cost)
        if refused is not None:
            return None, refused
        drawn = draw(view, cost) or Draw()
        hold = Hold(
            credits=cost.credits,
            images=cost.images,
            videos=cost.videos,
            draw_images_plan=drawn.images_plan,
            draw_images_pack=drawn.images_pack,
            draw_videos_plan=drawn.videos_plan,
            draw_videos_pack=drawn.videos_pack,
            period=account.period,
            credits_off=discount.credits_off if discount else 0,
            discount=discount.name if discount else None,
        )
        entry = LedgerEntry(
            _id=f"{job_id}:reserve",
            tenant_id=account.tenant_id,
            kind=LedgerKind.RESERVE,
            credits=-cost.credits,
            job_id=job_id,
            operation=cost.operation,
            provider=cost.provider,
            memo=discount.name if discount else None,
        )
        update = after(view, cost, drawn).model_dump()
        update |= {"holds": account.holds | {job_id: hold}, "outbox": [entry]}
        return account.model_copy(update=update), hold

    return decide


@dataclass(frozen=True)
class Ending:
    """How a job ended, for its money: what it cost (None: nothing, a release) and made."""

    charged: int | None
    usd: Decimal = Decimal(0)
    images: int = 0
    videos: int = 0
    operation: str | None = None
    provider: str | None = None


def settle(job_id: str, ending: Ending) -> Change[Hold | None]:
    """End a hold: keep what the job cost (never more than held) and give back the rest, or with
    no charge give all of it back. Returns the hold ended (None: there was none)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, Hold | None]:
        hold = account.holds.get(job_id)
        if hold is None:
            return None, None
        cost = None if ending.charged is None else ending.charged - hold.credits_off
        kept = 0 if cost is None else max(0, min(cost, hold.credits))
        update: dict[str, object] = {
            "available": account.available + hold.credits - kept,
            "reserved": account.reserved - hold.credits,
            "holds": {job: h for job, h in account.holds.items() if job != job_id},
            "outbox": [_settlement(account.tenant_id, job_id, hold, ending, kept)],
        }
        same_month = hold.period == account.period
        if same_month:
            update["committed"] = account.committed - (hold.credits - kept)
        update |= _give_back(account, hold, ending, same_month)
        return account.model_copy(update=update), hold

    return decide


def _settlement(tenant_id: str, job_id: str, hold: Hold, ending: Ending, kept: int) -> LedgerEntry:
    kind = LedgerKind.RELEASE if ending.charged is None else LedgerKind.CAPTURE
    return LedgerEntry(
        _id=f"{job_id}:{kind.value}",
        tenant_id=tenant_id,
        kind=kind,
        credits=hold.credits - kept,
        job_id=job_id,
        operation=ending.operation,
        provider=ending.provider,
        charged=kept,
        usd=str(ending.usd),
        memo=hold.discount,
    )


def _give_back(
    account: AccountRecord, hold: Hold, ending: Ending, same_month: bool
) -> dict[str, object]:
    """Allowance a job held but did not use (all of it on a release): packs first, then the
    plan's month while it is the same month."""
    released = ending.charged is None
    unused_images = hold.images if released else max(0, hold.images - ending.images)
    unused_videos = hold.videos if released else max(0, hold.videos - ending.videos)
    images_pack = min(unused_images, hold.draw_images_pack)
    videos_pack = min(unused_videos, hold.draw_videos_pack)
    images_plan = min(unused_images - images_pack, hold.draw_images_plan) if same_month else 0
    videos_plan = min(unused_videos - videos_pack, hold.draw_videos_plan) if same_month else 0
    return {
        "images_used": account.images_used - images_plan,
        "videos_used": account.videos_used - videos_plan,
        "pack_images_left": account.pack_images_left + images_pack,
        "pack_videos_left": account.pack_videos_left + videos_pack,
    }


def grant(entry: LedgerEntry, images: int = 0, videos: int = 0) -> Change[AccountRecord]:
    """Add credits (a top-up, a pack) and pack allowances, once per ledger entry id (the
    caller checks the ledger; the outbox covers a concurrent twin)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, AccountRecord]:
        if any(pending.id == entry.id for pending in account.outbox):
            return None, account
        changed = account.model_copy(
            update={
                "available": account.available + entry.credits,
                "pack_images_left": account.pack_images_left + images,
                "pack_videos_left": account.pack_videos_left + videos,
                "outbox": [entry],
            }
        )
        return changed, changed

    return decide


def set_plan(plan: str) -> Change[AccountRecord]:
    def decide(account: AccountRecord) -> tuple[AccountRecord | None, AccountRecord]:
        changed = account.model_copy(update={"plan": plan, "outbox": []})
        return changed, changed

    return decide


def set_budget_cap(credits: int | None) -> Change[AccountRecord]:
    def decide(account: AccountRecord) -> tuple[AccountRecord | None, AccountRecord]:
        changed = account.model_copy(update={"budget_cap": credits, "outbox": []})
        return changed, changed

    return decide


def from_ledger(truth: int) -> Change[None]:
    """Set the balance to the ledger's sum and `reserved` to the holds (repair of a drift)."""

    def decide(account: AccountRecord) -> tuple[AccountRecord | None, None]:
        held = sum(hold.credits for hold in account.holds.values())
        return account.model_copy(update={"available": truth, "reserved": held, "outbox": []}), None

    return decide
