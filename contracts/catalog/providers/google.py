"""Google Gemini API: Imagen 4 and Gemini image generation, and Gemini image editing
(`docs/providers.md` section 4)."""

from contracts.billing.prices import per_image
from contracts.catalog.engines import Engine
from contracts.catalog.models import ModelSpec, Quality, Strength, model_spec
from contracts.catalog.provider import ProviderEntry
from contracts.params.edit import InstructParams
from contracts.params.generate import GenerateParams

NAME = "google"
SOURCE = "Gemini API pricing (docs/providers.md section 4)"
GEMINI_IMAGE = "gemini-2.5-flash-image"


TEXT = frozenset({Strength.TEXT_RENDERING})
TEXT_AND_PHOTO = frozenset({Strength.TEXT_RENDERING, Strength.PHOTOREAL})


def _model(
    model: str,
    vendor: str,
    tier: Quality,
    *,
    routable: bool = True,
    strengths: frozenset[Strength] = frozenset(),
) -> ModelSpec:
    return model_spec(
        NAME,
        model,
        vendor,
        tier,
        negative=False,
        seed=False,
        sizing="aspect",
        routable=routable,
        strengths=strengths,
    )


MODELS = (
    _model("imagen-4-fast", "imagen-4.0-fast-generate-001", Quality.STANDARD, strengths=TEXT),
    _model(
        "imagen-4",
        "imagen-4.0-generate-001",
        Quality.PREMIUM,
        routable=False,
        strengths=TEXT_AND_PHOTO,
    ),
    _model(
        "imagen-4-ultra",
        "imagen-4.0-ultra-generate-001",
        Quality.PREMIUM,
        routable=False,
        strengths=TEXT_AND_PHOTO,
    ),
    _model(GEMINI_IMAGE, GEMINI_IMAGE, Quality.PREMIUM),
)
ENGINES = (
    Engine(kind=InstructParams.KIND, provider=NAME, model=GEMINI_IMAGE, vendor_model=GEMINI_IMAGE),
)
PRICES = (
    *[
        per_image(GenerateParams.KIND, NAME, model, credits, usd, seconds, SOURCE)
        for model, credits, usd, seconds in [
            ("imagen-4-fast", 2, "0.02", 4),
            ("imagen-4", 4, "0.04", 6),
            ("imagen-4-ultra", 6, "0.06", 8),
            (GEMINI_IMAGE, 4, "0.039", 6),
        ]
    ],
    per_image(InstructParams.KIND, NAME, GEMINI_IMAGE, 4, "0.039", 8, SOURCE),
)
GOOGLE = ProviderEntry(
    NAME, MODELS, ENGINES, PRICES, base_url="https://generativelanguage.googleapis.com/v1beta"
)
