"""The pure money rules: prices, plan gates, allowances, packs, caps, balances, holds."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from contracts.billing.estimates import Estimate, charge, estimate
from contracts.billing.plans import PACKS, PLANS, Feature
from contracts.billing.rules import AccountView, after, draw, refusal
from contracts.catalog.registry import MODELS, PRICES
from contracts.events import RejectionCode
from contracts.http.billing import LedgerKind
from contracts.params.generate import GenerateParams
from contracts.params.transform import AvatarParams, ImageToVideoParams
from services.billing.accounts import AccountRecord, Hold
from services.billing.changes import Ending, grant, reserve, settle
from services.billing.ledger import LedgerEntry

ASSET = "ast_" + "0" * 26


def generate(**params: object) -> GenerateParams:
    return GenerateParams.model_validate({"prompt": "x", **params})


def test_auto_is_priced_at_the_dearest_route_of_its_tier() -> None:
    assert estimate("generate", generate(quality="draft", variations=3)).credits == 3
    assert estimate("generate", generate(quality="standard", variations=2)).credits == 6
    premium = estimate("generate", generate(quality="premium"))
    assert (premium.provider, premium.model, premium.credits) == ("stability", "ultra", 8)
    assert premium.usd == Decimal("0.08")


def test_a_named_provider_or_model_is_priced_at_its_own_price() -> None:
    google = estimate("generate", generate(provider="google", quality="premium"))
    assert (google.model, google.credits, google.usd) == (
        "gemini-2.5-flash-image",
        4,
        Decimal("0.039"),
    )
    assert estimate("generate", generate(model="imagen-4-ultra")).credits == 6
    flux = estimate("generate", generate(provider="huggingface", variations=10))
    assert (flux.model, flux.credits, flux.usd) == ("flux-1-dev", 10, Decimal("0.012"))


def test_each_priced_thing_is_listed_once() -> None:
    keys = [(p.operation, p.provider, p.model, p.resolution) for p in PRICES]
    assert len(keys) == len(set(keys))


def test_every_model_of_the_catalog_has_a_price() -> None:
    for spec in MODELS:
        priced = estimate("generate", generate(model=spec.model))
        assert (priced.provider, priced.model) == (spec.provider, spec.model)


def test_provider_and_model_must_exist_and_fit() -> None:
    with pytest.raises(ValidationError, match="unknown provider 'nobody'"):
        generate(provider="nobody")
    with pytest.raises(ValidationError, match="unknown model 'sdxl'"):
        generate(model="sdxl")
    with pytest.raises(ValidationError, match="huggingface has no premium model"):
        generate(provider="huggingface", quality="premium")
    with pytest.raises(ValidationError, match="unknown model 'core'"):
        generate(provider="google", model="core")


def test_video_is_priced_per_second_and_avatars_per_five_seconds() -> None:
    video = ImageToVideoParams(image_asset_id=ASSET, resolution="1080p", duration_s=10)
    assert estimate("transform.image_to_video", video).usd == Decimal("1.50")
    avatar = AvatarParams(
        image_asset_id=ASSET, audio_asset_id=ASSET, resolution="720p", duration_s=11
    )
    assert estimate("transform.avatar", avatar).usd == Decimal("0.90")  # 3 x 5 s at $0.30


def test_charge_prices_what_was_actually_done() -> None:
    assert charge("generate", "local-draft", "draft", 2) == (2, Decimal("0"))
    assert charge("generate", "stability", "core", 1) == (3, Decimal("0.03"))


def account(plan: str = "pro", **fields: object) -> AccountView:
    return AccountView.model_validate(
        {"tenant_id": "ten_a", "plan": plan, "available": 1000, **fields}
    )


def code_of(view: AccountView, cost: Estimate) -> RejectionCode | None:
    refused = refusal(view, cost)
    return refused.code if refused else None


def record(view: AccountView) -> AccountRecord:
    return AccountRecord.model_validate(view.model_dump())


def test_plan_gates_features_and_video_resolution() -> None:
    premium = estimate("generate", generate(quality="premium"))
    assert code_of(account("free"), premium) is RejectionCode.FEATURE_NOT_IN_PLAN
    video = estimate("transform.image_to_video", ImageToVideoParams(image_asset_id=ASSET))
    assert code_of(account("free"), video) is RejectionCode.RESOLUTION_NOT_IN_PLAN
    sd = estimate(
        "transform.image_to_video", ImageToVideoParams(image_asset_id=ASSET, resolution="480p")
    )
    assert refusal(account("free"), sd) is None  # the plan's tier table: Free has 480p video
    hd = estimate(
        "transform.image_to_video", ImageToVideoParams(image_asset_id=ASSET, resolution="1080p")
    )
    assert code_of(account("basic"), hd) is RejectionCode.RESOLUTION_NOT_IN_PLAN
    assert refusal(account("pro"), hd) is None
    refused = refusal(account("free"), video)
    assert refused is not None
    assert "the Basic plan allows it" in refused.message
    assert Feature.AVATAR not in PLANS["basic"].features
    assert Feature.AVATAR in PLANS["pro"].features


def test_monthly_images_come_from_the_plan_then_from_packs() -> None:
    three = estimate("generate", generate(quality="draft", variations=3))
    nearly_used = account("free", images_used=9)
    assert code_of(nearly_used, three) is RejectionCode.MONTHLY_QUOTA_EXCEEDED
    with_pack = account("free", images_used=9, pack_images_left=PACKS["images-25"].images)
    drawn = draw(with_pack, three)
    assert drawn is not None
    assert (drawn.images_plan, drawn.images_pack) == (1, 2)
    held = after(with_pack, three, drawn)
    assert (held.images_used, held.pack_images_left, held.available) == (10, 23, 997)
    assert refusal(account("enterprise", images_used=10**6), three) is None


def test_budget_cap_and_balance() -> None:
    ten = estimate("generate", generate(quality="draft", variations=10))
    capped = account(budget_cap=15, committed=6)
    assert code_of(capped, ten) is RejectionCode.BUDGET_CAP_REACHED
    assert refusal(account(budget_cap=16, committed=6), ten) is None
    poor = account(available=9)
    refused = refusal(poor, ten)
    assert refused is not None
    assert refused.code is RejectionCode.INSUFFICIENT_CREDITS
    assert "10 credits needed, 9 available" in refused.message


def test_a_new_month_starts_its_counters_from_zero() -> None:
    last_month = account("free", period="2020-01", images_used=10, committed=50)
    fresh = last_month.in_period("2020-02")
    assert (fresh.images_used, fresh.committed, fresh.period) == (0, 0, "2020-02")


def test_holds_are_idempotent_and_settle_keeps_at_most_the_hold() -> None:
    start = record(account("free", available=20))
    five = estimate("generate", generate(quality="draft", variations=5))
    held, hold = reserve("job_1", five)(start)
    assert isinstance(hold, Hold)
    assert held is not None
    assert (held.available, held.reserved, held.images_used) == (15, 5, 5)
    assert [(e.id, e.credits) for e in held.outbox] == [("job_1:reserve", -5)]
    again, same = reserve("job_1", five)(held)
    assert again is None, "a second reservation of the same job changes nothing"
    assert same == hold
    captured, ended = settle("job_1", Ending(charged=4, images=4))(held)
    assert ended is not None
    assert captured is not None
    assert (captured.available, captured.reserved, captured.committed) == (16, 0, 4)
    assert captured.images_used == 4, "the image not made goes back to the month"
    assert [(e.id, e.credits, e.charged) for e in captured.outbox] == [("job_1:capture", 1, 4)]
    assert settle("job_1", Ending(charged=4))(captured) == (None, None), "settled once"


def test_a_release_gives_back_credits_and_allowances() -> None:
    start = record(account("free", available=20, pack_images_left=5))
    many = estimate("generate", generate(quality="draft", variations=10))
    held, _ = reserve("job_1", many)(start)
    assert held is not None
    assert (held.images_used, held.pack_images_left) == (10, 5)
    released, _ = settle("job_1", Ending(charged=None))(held)
    assert released is not None
    assert (released.available, released.images_used, released.pack_images_left) == (20, 0, 5)
    assert [(e.kind, e.credits) for e in released.outbox] == [(LedgerKind.RELEASE, 10)]


def test_a_capture_gives_back_unused_pack_images_first() -> None:
    start = record(account("free", images_used=8, available=50, pack_images_left=10))
    six = estimate("generate", generate(quality="draft", variations=6))
    held, _ = reserve("job_1", six)(start)
    assert held is not None
    assert (held.images_used, held.pack_images_left) == (10, 6)
    captured, _ = settle("job_1", Ending(charged=3, images=3))(held)
    assert captured is not None
    assert (captured.images_used, captured.pack_images_left) == (10, 9)


def test_a_grant_counts_once_per_entry() -> None:
    entry = LedgerEntry(_id="grant:ten_a:k1", tenant_id="ten_a", kind=LedgerKind.GRANT, credits=7)
    granted, _ = grant(entry)(record(account(available=0)))
    assert granted is not None
    assert granted.available == 7
    assert grant(entry)(granted)[0] is None
