"""Volume discounts, off-peak windows and `apply`'s source param: pure rules."""

from datetime import UTC, datetime

from contracts.billing.discounts import discounted, volume_tier
from contracts.http.batches import ApplyToAssets, source_param
from contracts.http.schedules import OffPeakWindow

ASSET = "ast_01JD3ZB1ZK9Q1X4Q1X4Q1X4Q1X"


def test_fifty_standard_jobs_get_the_pro_tier_and_whole_credits_adding_up() -> None:
    tier = volume_tier("pro", 50)
    assert tier is not None
    assert tier.percent == 10
    prices = discounted([3] * 50, tier.percent)
    assert sum(prices) == 135
    assert max(prices) <= 3
    assert volume_tier("pro", 49) is None


def test_off_peak_runs_at_the_next_opening_or_now_inside() -> None:
    window = OffPeakWindow(start="22:00", end="06:00", timezone="UTC")
    noon = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert window.release_at(noon) == datetime(2026, 1, 1, 22, tzinfo=UTC)
    night = datetime(2026, 1, 1, 3, tzinfo=UTC)
    assert window.release_at(night) == night


def test_apply_maps_the_asset_to_the_kinds_source_param() -> None:
    assert source_param("transform.image_to_video") == "image_asset_id"
    assert source_param("transform.image_to_3d") == "asset_id"
    jobs = ApplyToAssets(kind="transform.avatar", params={}, asset_ids=[ASSET]).jobs()
    assert jobs[0].params["image_asset_id"] == ASSET
