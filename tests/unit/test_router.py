"""Routing without a configured provider for the request: a clear, permanent failure."""

import pytest

from contracts.billing.estimates import priced_routes
from contracts.catalog.models import LOCAL_DRAFT, ModelSpec, Quality
from contracts.events import Attempt, AttemptOutcome, FailureCode
from contracts.media import ImageFormat
from contracts.params.generate import GenerateParams
from contracts.topics import Lane
from services.generation.providers.base import ImageProvider, ImageRequest
from services.generation.providers.local_draft import LocalDraft
from shared.cpu import CpuPool
from shared.providers.attempts import RoutingError
from shared.providers.base import ProviderImage
from shared.providers.route import Route, local_limits
from shared.providers.router import Router
from shared.providers.settings import RoutingSettings

REQUEST = ImageRequest("a fox", None, 64, 64, 1, ImageFormat.PNG)
WHO: tuple[str, Lane] = ("tenant_a", "interactive")


async def generate(provider: ImageProvider, spec: ModelSpec) -> ProviderImage:
    return await provider.generate(REQUEST, spec)


async def as_is(image: ProviderImage) -> bytes:
    return image.data


@pytest.fixture
def router() -> Router[ImageProvider, ModelSpec]:
    routing, cpu = RoutingSettings(), CpuPool(1)
    route: Route[ImageProvider] = Route.of(
        LocalDraft(cpu), local_limits(cpu), routing, bulk_share=1
    )
    return Router({LOCAL_DRAFT: route}, routing)


async def test_no_configured_provider_fails_clearly_and_permanently(
    router: Router[ImageProvider, ModelSpec],
) -> None:
    attempts: list[Attempt] = []
    candidates = priced_routes(GenerateParams(prompt="a fox"))
    with pytest.raises(RoutingError) as failed:
        await router.deliver(generate, candidates, 0, attempts, as_is, WHO)
    assert failed.value.code == FailureCode.NO_PROVIDER_CONFIGURED
    assert failed.value.retriable is False
    assert "configure a provider API key" in failed.value.public_message
    assert {a.outcome for a in attempts} == {AttemptOutcome.SKIPPED}
    assert [a.provider for a in attempts] == [spec.provider for spec, _ in candidates]


async def test_draft_runs_locally_and_is_charged_its_price(
    router: Router[ImageProvider, ModelSpec],
) -> None:
    attempts: list[Attempt] = []
    candidates = priced_routes(GenerateParams(prompt="a fox", quality=Quality.DRAFT))
    made = await router.deliver(generate, candidates, 0, attempts, as_is, WHO)
    assert made.data.startswith(b"\x89PNG")
    assert [(a.provider, a.outcome, a.cost.credits) for a in attempts] == [
        (LOCAL_DRAFT, AttemptOutcome.OK, 1)
    ]
    health = {h.name: h for h in router.health(("local-draft", "stability"))}
    assert health["local-draft"].configured
    assert not health["stability"].configured
