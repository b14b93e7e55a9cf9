"""WaveSpeed v3: Qwen Image and Ideogram V3 Turbo, WAN 2.5 video and Hunyuan Avatar
(`docs/providers.md` section 2)."""

from contracts.billing.plans import Resolution
from contracts.billing.prices import ISSUE, Unit, per_image, per_resolution
from contracts.catalog.engines import Engine
from contracts.catalog.models import Quality, Strength, model_spec
from contracts.catalog.provider import ProviderEntry
from contracts.params.generate import GenerateParams
from contracts.params.transform import AvatarParams, ImageToVideoParams

NAME = "wavespeed"
SOURCE = "WaveSpeed model pages (docs/providers.md section 2.x)"
VIDEO_RATES: list[tuple[Resolution, int, str]] = [
    ("480p", 5, "0.05"),
    ("720p", 10, "0.10"),
    ("1080p", 15, "0.15"),
]
AVATAR_RATES: list[tuple[Resolution, int, str]] = [("480p", 15, "0.15"), ("720p", 30, "0.30")]


def _video_source(section: str) -> str:
    return f"{ISSUE}; {SOURCE} {section}, unconfirmed"


MODELS = (
    model_spec(
        NAME,
        "qwen-image",
        "wavespeed-ai/qwen-image/text-to-image",
        Quality.STANDARD,
        negative=False,
        seed=True,
        sizing="pixels",
        strengths=frozenset({Strength.TEXT_RENDERING}),
    ),
    model_spec(
        NAME,
        "ideogram-v3-turbo",
        "ideogram-ai/ideogram-v3-turbo",
        Quality.PREMIUM,
        negative=False,
        seed=False,
        sizing="aspect",
        strengths=frozenset({Strength.TEXT_RENDERING, Strength.PHOTOREAL}),
        style_presets="ideogram",
    ),
)
ENGINES = (
    Engine(
        kind=ImageToVideoParams.KIND,
        provider=NAME,
        model="wan-2.5",
        vendor_model="alibaba/wan-2.5/image-to-video",
        asynchronous=True,
    ),
    Engine(
        kind=AvatarParams.KIND,
        provider=NAME,
        model="hunyuan-avatar",
        vendor_model="wavespeed-ai/hunyuan-avatar",
        asynchronous=True,
    ),
)
PRICES = (
    per_image(
        GenerateParams.KIND, NAME, "ideogram-v3-turbo", 3, "0.03", 6, f"{SOURCE}, unconfirmed"
    ),
    per_image(GenerateParams.KIND, NAME, "qwen-image", 2, "0.02", 6, SOURCE),
    *per_resolution(
        ImageToVideoParams.KIND,
        NAME,
        "wan-2.5",
        Unit.SECOND,
        VIDEO_RATES,
        12,
        _video_source("2.6.3"),
    ),
    *per_resolution(
        AvatarParams.KIND,
        NAME,
        "hunyuan-avatar",
        Unit.FIVE_SECONDS,
        AVATAR_RATES,
        60,
        _video_source("2.6.4"),
    ),
)
WAVESPEED = ProviderEntry(NAME, MODELS, ENGINES, PRICES, base_url="https://api.wavespeed.ai/api/v3")
