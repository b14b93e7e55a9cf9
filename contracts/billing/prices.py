"""The price catalog: credits (what a tenant pays) and provider cost (what the platform pays) per
operation, provider, model, resolution and duration. Sources are cited per entry; figures marked
*unconfirmed* in `shared/reference/providers.md` are used as given there."""

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from contracts.billing.plans import Resolution


class Unit(StrEnum):
    IMAGE = "image"
    SECOND = "second"
    FIVE_SECONDS = "5s"


class Price(BaseModel):
    model_config = ConfigDict(frozen=True)

    operation: str
    provider: str
    model: str
    unit: Unit
    credits: int
    usd: Decimal
    resolution: Resolution | None = None
    seconds_per_unit: float = 0.0
    source: str


STABILITY = "Stability v2beta spec (reference/providers.md 1.3; 1 credit = $0.01, third-party)"
ISSUE = "seed figure of the billing issue"
WAVESPEED = "WaveSpeed model pages (reference/providers.md 2.x)"
GOOGLE = "Gemini API pricing (reference/providers.md 4)"
HF = "Hugging Face hf-inference compute pricing (reference/providers.md 3)"
PLATFORM = "platform's own CPU work"


def _image(provider: str, model: str, credits: int, usd: str, seconds: float, source: str) -> Price:
    return Price(
        operation="generate",
        provider=provider,
        model=model,
        unit=Unit.IMAGE,
        credits=credits,
        usd=Decimal(usd),
        seconds_per_unit=seconds,
        source=source,
    )


def _video(
    operation: str,
    model: str,
    unit: Unit,
    rates: list[tuple[Resolution, int, str]],
    seconds: float,
    section: str,
) -> list[Price]:
    """WaveSpeed video prices, one per resolution (the figures are unconfirmed there)."""
    return [
        Price(
            operation=operation,
            provider="wavespeed",
            model=model,
            unit=unit,
            resolution=resolution,
            credits=credits,
            usd=Decimal(usd),
            seconds_per_unit=seconds,
            source=f"{ISSUE}; {WAVESPEED} {section}, unconfirmed",
        )
        for resolution, credits, usd in rates
    ]


VIDEO_RATES: list[tuple[Resolution, int, str]] = [
    ("480p", 5, "0.05"),
    ("720p", 10, "0.10"),
    ("1080p", 15, "0.15"),
]
AVATAR_RATES: list[tuple[Resolution, int, str]] = [("480p", 15, "0.15"), ("720p", 30, "0.30")]

PRICES: list[Price] = [
    _image("local-draft", "draft", 1, "0", 0.2, PLATFORM),
    _image("stability", "ultra", 8, "0.08", 8, f"{ISSUE}; {STABILITY}"),
    _image("stability", "core", 3, "0.03", 4, f"{ISSUE}; {STABILITY}"),
    _image("stability", "sd3.5-large", 7, "0.065", 6, f"{STABILITY} (6.5 credits, rounded up)"),
    _image("stability", "sd3.5-large-turbo", 4, "0.04", 3, STABILITY),
    _image("stability", "sd3.5-medium", 4, "0.035", 4, f"{STABILITY} (3.5, rounded up)"),
    _image("stability", "sd3.5-flash", 3, "0.025", 2, f"{STABILITY} (2.5, rounded up)"),
    _image("wavespeed", "ideogram-v3-turbo", 3, "0.03", 6, f"{WAVESPEED}, unconfirmed"),
    _image("wavespeed", "qwen-image", 2, "0.02", 6, WAVESPEED),
    _image("huggingface", "flux-1-dev", 1, "0.0012", 10, f"{HF}: ~10 s at $0.00012/s"),
    _image("huggingface", "flux-1-krea-dev", 1, "0.0012", 10, f"{HF}: ~10 s at $0.00012/s"),
    _image("google", "imagen-4-fast", 2, "0.02", 4, GOOGLE),
    _image("google", "imagen-4", 4, "0.04", 6, GOOGLE),
    _image("google", "imagen-4-ultra", 6, "0.06", 8, GOOGLE),
    _image("google", "gemini-2.5-flash-image", 4, "0.039", 6, GOOGLE),
    *_video("transform.image_to_video", "wan-2.5", Unit.SECOND, VIDEO_RATES, 12, "2.6.3"),
    *_video("transform.avatar", "hunyuan-avatar", Unit.FIVE_SECONDS, AVATAR_RATES, 60, "2.6.4"),
]

PRICES.append(
    Price(
        operation="optimize.social",
        provider="local",
        model="optimizer",
        unit=Unit.IMAGE,
        credits=1,
        usd=Decimal("0"),
        seconds_per_unit=2,
        source=f"{PLATFORM}: 1 credit per source image, whatever the number of formats",
    )
)

UPSCALE_NOTE = (
    "credits: seed figure of the billing issue; USD: the Stability spec snapshot (2/40/60 of its "
    "credits), so conservative and creative upscales sell below cost until the prices change"
)
PRICES += [
    Price(
        operation=f"upscale.{model}",
        provider="stability",
        model=model,
        unit=Unit.IMAGE,
        credits=credits,
        usd=Decimal(usd),
        seconds_per_unit=seconds,
        source=UPSCALE_NOTE,
    )
    for model, credits, usd, seconds in [
        ("fast", 2, "0.02", 2),
        ("conservative", 6, "0.40", 10),
        ("creative", 4, "0.60", 40),
    ]
]


def _edit(kind: str, provider: str, model: str, credits: int, usd: str, seconds: float) -> Price:
    source = {"local": PLATFORM, "google": GOOGLE}.get(provider, STABILITY)
    return Price(
        operation=kind,
        provider=provider,
        model=model,
        unit=Unit.IMAGE,
        credits=credits,
        usd=Decimal(usd),
        seconds_per_unit=seconds,
        source=source,
    )


PRICES += [
    *[
        _edit(kind, "local", model, 1, "0", 2)
        for kind, model in [
            ("edit.erase", "opencv-inpaint"),
            ("edit.inpaint", "opencv-inpaint"),
            ("edit.outpaint", "edge-extend"),
            ("edit.search_recolor", "hue-shift"),
            ("edit.remove_background", "grabcut"),
            ("upscale.fast", "lanczos-sharpen"),
        ]
    ],
    *[
        _edit(kind, "stability", model, credits, f"{credits / 100:.2f}", seconds)
        for kind, model, credits, seconds in [
            ("edit.erase", "erase", 5, 5),
            ("edit.inpaint", "inpaint", 5, 5),
            ("edit.outpaint", "outpaint", 4, 5),
            ("edit.search_replace", "search-and-replace", 5, 6),
            ("edit.search_recolor", "search-and-recolor", 5, 6),
            ("edit.remove_background", "remove-background", 5, 3),
            ("edit.replace_background", "replace-background-and-relight", 8, 30),
            ("control.sketch", "sketch", 5, 6),
            ("control.structure", "structure", 5, 6),
            ("control.style", "style", 5, 6),
            ("control.style_transfer", "style-transfer", 8, 8),
        ]
    ],
    _edit("edit.instruct", "google", "gemini-2.5-flash-image", 4, "0.039", 8),
]


PRICES += [
    *[
        Price(
            operation="transform.image_to_video",
            provider="local",
            model="ken-burns",
            unit=Unit.FIVE_SECONDS,
            resolution=resolution,
            credits=1,
            usd=Decimal("0"),
            seconds_per_unit=3,
            source=f"{PLATFORM}: pan-and-zoom encoded on the CPU, 1 credit per 5 s",
        )
        for resolution in ("480p", "720p", "1080p")
    ],
    _edit("transform.image_to_3d", "stability", "stable-fast-3d", 10, "0.10", 10),
    _edit("transform.image_to_3d", "stability", "stable-point-aware-3d", 4, "0.04", 20),
]


PriceKey = tuple[str, str, str, Resolution | None]
_BY_KEY: dict[PriceKey, Price] = {
    (p.operation, p.provider, p.model, p.resolution): p for p in PRICES
}
"""The price list by what it prices (a test checks that each key is listed once)."""


def find_price(
    operation: str, provider: str, model: str, resolution: Resolution | None = None
) -> Price | None:
    """The listed price of an operation by a provider's model (at a video resolution)."""
    return _BY_KEY.get((operation, provider, model, resolution))
