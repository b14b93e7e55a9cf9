"""`local-draft`: the platform's procedural renderer, so the stack runs without provider keys."""

from contracts.billing.prices import PLATFORM, per_image
from contracts.catalog.models import LOCAL_DRAFT, Quality, model_spec
from contracts.catalog.provider import ProviderEntry
from contracts.params.generate import GenerateParams

DRAFT = model_spec(
    LOCAL_DRAFT, "draft", "draft", Quality.DRAFT, negative=False, seed=True, sizing="pixels"
)
PRICE = per_image(GenerateParams.KIND, LOCAL_DRAFT, DRAFT.model, 1, "0", 0.2, PLATFORM)
LOCAL_DRAFT_RENDERER = ProviderEntry(LOCAL_DRAFT, (DRAFT,), prices=(PRICE,))
