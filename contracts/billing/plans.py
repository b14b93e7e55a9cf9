"""Plans and add-on packs from the product plan, kept as data: a pricing change is an edit here."""

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

Resolution = Literal["480p", "720p", "1080p"]
PlanId = Literal["free", "basic", "pro", "enterprise"]
RESOLUTIONS: tuple[Resolution, ...] = ("480p", "720p", "1080p")


class Feature(StrEnum):
    """What a job needs its tenant's plan to include."""

    GENERATE_CORE = "generate.core"
    GENERATE_ALL_MODELS = "generate.all_models"
    EDIT_BASIC = "edit.basic"
    EDIT_ALL = "edit.all"
    UPSCALE_FAST = "upscale.fast"
    UPSCALE_ALL = "upscale.all"
    CONTROL = "control"
    IMAGE_TO_VIDEO = "transform.image_to_video"
    AVATAR = "transform.avatar"
    IMAGE_TO_3D = "transform.image_to_3d"
    SOCIAL_OPTIMIZER = "optimize.social"
    BATCH = "batch"


class RateLimit(BaseModel):
    """Token bucket of the gateway: `per_second` refill, `burst` capacity."""

    model_config = ConfigDict(frozen=True)

    per_second: float
    burst: int


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: PlanId
    name: str
    price_usd: Decimal = Field(description="Monthly subscription price.")
    monthly_images: int | None = Field(description="Output images per month; null = unlimited.")
    monthly_videos: int | None = Field(
        description="Videos (and avatars) per month; null = unlimited."
    )
    max_video_resolution: Resolution | None = Field(description="null = no video at all.")
    features: frozenset[Feature]
    priority_lane: bool = Field(description="Campaigns run in the interactive share.")
    rate_limit: RateLimit

    @field_serializer("features")
    def _sorted(self, features: frozenset[Feature]) -> list[str]:
        return sorted(features)


class Pack(BaseModel):
    """An add-on bought once: more images or videos (never expiring) and the credits to pay them."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    price_usd: Decimal
    images: int = 0
    videos: int = 0
    credits: int = Field(description="Credits the purchase adds (its price at 1 credit = $0.01).")


_CORE = {Feature.GENERATE_CORE, Feature.SOCIAL_OPTIMIZER, Feature.IMAGE_TO_VIDEO}
"""Free: core generation, the optimizer, and image-to-video at 480p (the plan's tier table)."""
_BASIC = _CORE | {
    Feature.GENERATE_ALL_MODELS,
    Feature.EDIT_BASIC,
    Feature.UPSCALE_FAST,
}
_PRO = _BASIC | {
    Feature.EDIT_ALL,
    Feature.UPSCALE_ALL,
    Feature.CONTROL,
    Feature.AVATAR,
    Feature.IMAGE_TO_3D,
    Feature.BATCH,
}

PLANS: dict[str, Plan] = {
    plan.id: plan
    for plan in [
        Plan(
            id="free",
            name="Free",
            price_usd=Decimal("0"),
            monthly_images=10,
            monthly_videos=3,
            max_video_resolution="480p",
            features=frozenset(_CORE),
            priority_lane=False,
            rate_limit=RateLimit(per_second=1, burst=5),
        ),
        Plan(
            id="basic",
            name="Basic",
            price_usd=Decimal("19"),
            monthly_images=50,
            monthly_videos=10,
            max_video_resolution="720p",
            features=frozenset(_BASIC),
            priority_lane=False,
            rate_limit=RateLimit(per_second=5, burst=20),
        ),
        Plan(
            id="pro",
            name="Pro",
            price_usd=Decimal("49"),
            monthly_images=150,
            monthly_videos=30,
            max_video_resolution="1080p",
            features=frozenset(_PRO),
            priority_lane=False,
            rate_limit=RateLimit(per_second=20, burst=100),
        ),
        Plan(
            id="enterprise",
            name="Enterprise",
            price_usd=Decimal("149"),
            monthly_images=None,
            monthly_videos=None,
            max_video_resolution="1080p",
            features=frozenset(_PRO),
            priority_lane=True,
            rate_limit=RateLimit(per_second=100, burst=1000),
        ),
    ]
}
DEFAULT_PLAN: PlanId = "free"

PACKS: dict[str, Pack] = {
    pack.id: pack
    for pack in [
        Pack(id="images-25", name="25 images", price_usd=Decimal("9"), images=25, credits=900),
        Pack(id="images-100", name="100 images", price_usd=Decimal("29"), images=100, credits=2900),
        Pack(id="images-500", name="500 images", price_usd=Decimal("99"), images=500, credits=9900),
        Pack(id="videos-10", name="10 videos", price_usd=Decimal("19"), videos=10, credits=1900),
        Pack(id="videos-50", name="50 videos", price_usd=Decimal("79"), videos=50, credits=7900),
    ]
}


def plan_allowing(feature: Feature, resolution: Resolution | None = None) -> Plan | None:
    """The cheapest plan with `feature` (and video at `resolution`), if any."""
    for plan in PLANS.values():
        if feature in plan.features and (
            resolution is None or resolution_allowed(plan, resolution)
        ):
            return plan
    return None


def resolution_allowed(plan: Plan, resolution: Resolution) -> bool:
    ceiling = plan.max_video_resolution
    return ceiling is not None and RESOLUTIONS.index(resolution) <= RESOLUTIONS.index(ceiling)
