import pytest

from contracts.params.generate import GenerateParams, Quality
from services.generation.providers.base import ProviderImage, TextToImageRequest
from services.generation.providers.registry import ProviderRegistry
from shared.errors import PermanentError


class Fake:
    def __init__(self, name: str, qualities: set[Quality]) -> None:
        self.name = name
        self.qualities = frozenset(qualities)

    async def generate(self, request: TextToImageRequest) -> ProviderImage:
        return ProviderImage(b"", request.seed, "fake")


DRAFT = Fake("local-draft", {Quality.DRAFT})
PREMIUM = Fake("premium-co", {Quality.STANDARD, Quality.PREMIUM})


def test_auto_routes_by_quality() -> None:
    registry = ProviderRegistry([DRAFT, PREMIUM])
    assert registry.choose(GenerateParams(prompt="x", quality=Quality.DRAFT)) is DRAFT
    assert registry.choose(GenerateParams(prompt="x", quality=Quality.PREMIUM)) is PREMIUM


def test_auto_without_an_able_provider_fails_clearly() -> None:
    with pytest.raises(PermanentError) as refused:
        ProviderRegistry([DRAFT]).choose(GenerateParams(prompt="x", quality=Quality.STANDARD))
    assert refused.value.code == "no_provider_configured"
    assert "draft" in refused.value.message


def test_a_named_provider_is_honoured_or_refused() -> None:
    registry = ProviderRegistry([DRAFT])
    assert registry.choose(GenerateParams(prompt="x", provider="local-draft")) is DRAFT
    with pytest.raises(PermanentError) as refused:
        registry.choose(GenerateParams(prompt="x", provider="stability"))
    assert refused.value.code == "unknown_provider"
