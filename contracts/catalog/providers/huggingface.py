"""Hugging Face Inference (hf-inference): FLUX.1 dev and FLUX.1 Krea dev
(`docs/providers.md` section 3)."""

from contracts.billing.prices import per_image
from contracts.catalog.models import ModelSpec, Quality, Strength, model_spec
from contracts.catalog.provider import ProviderEntry
from contracts.params.generate import GenerateParams

NAME = "huggingface"
SOURCE = "Hugging Face hf-inference pricing (docs/providers.md section 3): ~10 s at $0.00012/s"


def _flux(
    model: str, vendor: str, *, routable: bool, strengths: frozenset[Strength] = frozenset()
) -> ModelSpec:
    return model_spec(
        NAME,
        model,
        vendor,
        Quality.STANDARD,
        negative=True,
        seed=True,
        sizing="pixels",
        routable=routable,
        strengths=strengths,
    )


MODELS = (
    _flux("flux-1-dev", "black-forest-labs/FLUX.1-dev", routable=True),
    _flux(
        "flux-1-krea-dev",
        "black-forest-labs/FLUX.1-Krea-dev",
        routable=False,
        strengths=frozenset({Strength.PHOTOREAL}),
    ),
)
PRICES = tuple(
    per_image(GenerateParams.KIND, NAME, spec.model, 1, "0.0012", 10, SOURCE) for spec in MODELS
)
HUGGINGFACE = ProviderEntry(
    NAME, MODELS, prices=PRICES, base_url="https://router.huggingface.co/hf-inference"
)
