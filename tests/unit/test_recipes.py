"""The recipes of `docs/architecture.md`, each done in the test alone: a toy provider, a toy job
kind, a toy edit operation and a toy platform format are registered and seen routed (made),
priced and listed, with no other file touched. Every registration is undone after its test."""

import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image, ImageOps
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from contracts.billing.estimates import estimate, priced_engines, priced_routes
from contracts.billing.plans import Feature
from contracts.billing.prices import PLATFORM, per_image
from contracts.catalog.engines import LOCAL, Engine
from contracts.catalog.models import ModelSpec, Quality, model_spec
from contracts.catalog.platforms import PRESETS, PlatformPreset
from contracts.catalog.provider import ProviderEntry
from contracts.catalog.registry import PRICES, REGISTRY
from contracts.events import Attempt
from contracts.export import json_schemas
from contracts.jobs import JOB_KINDS, KindSpec, Pricing, parse_params, registered
from contracts.params.generate import GenerateParams
from contracts.params.image_inputs import ImageJobParams
from contracts.params.optimize import OptimizeParams
from contracts.topics import Lane
from services.editing.providers.base import EditProvider, EditRequest
from services.editing.providers.local import OPERATIONS, Images, LocalEditing
from services.editing.providers.registry import ADAPTERS as EDITING_ADAPTERS
from services.gateway.api.routes.catalog import list_platforms
from services.gateway.clients.providers import catalog
from services.generation.providers.base import ImageProvider, ImageRequest
from services.generation.providers.local_draft import LocalDraft
from services.generation.providers.registry import ADAPTERS as GENERATION_ADAPTERS
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from services.transform.providers.registry import ADAPTERS as TRANSFORM_ADAPTERS
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.base import ProviderImage
from shared.providers.http import Connection
from shared.providers.registry import Adapter, called_by, configured_routes
from shared.providers.router import Router
from shared.providers.settings import ProviderClients, ProviderSettings, RoutingSettings

WHO: tuple[str, Lane] = ("tenant_a", "interactive")
TOY_IMAGE = b"\x89PNG toy"
ASSET = "ast_" + "0" * 26

# --- How to add a provider: a catalog entry and an adapter (its settings come with it) ----------

TOY = ProviderEntry(
    "toy",
    models=(
        model_spec(
            "toy", "toy-1", "toy/v1", Quality.STANDARD, negative=False, seed=True, sizing="pixels"
        ),
    ),
    prices=(per_image(GenerateParams.KIND, "toy", "toy-1", 1, "0.001", 1, "a toy's price list"),),
    base_url="https://toy.invalid",
)


class ToyImages:
    name = "toy"

    def __init__(self, connection: Connection) -> None:
        self.key = connection.key

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        return ProviderImage(TOY_IMAGE, request.seed, model.model)


TOY_ADAPTERS: tuple[Adapter[ImageProvider, None], ...] = (Adapter(TOY, lambda c, _: ToyImages(c)),)


class ToyGenerationSettings(ProviderClients):
    """A service's settings, as `GenerationSettings` declares them: the called providers are
    its adapters'."""

    model_config = SettingsConfigDict(env_prefix="TOYGEN_")
    CALLED = called_by(TOY_ADAPTERS)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)


@pytest.fixture
def toy_provider() -> Iterator[ProviderEntry]:
    with REGISTRY.registered(TOY) as entry:
        yield entry


async def as_is(image: ProviderImage) -> bytes:
    return image.data


async def test_a_provider_is_routed_priced_and_listed(
    toy_provider: ProviderEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOYGEN_TOY__API_KEY", "toy-key")
    settings = ToyGenerationSettings()
    assert settings.providers["toy"].base_url == "https://toy.invalid"
    cpu = CpuPool(1)
    async with httpx.AsyncClient() as http:
        routes = configured_routes(TOY_ADAPTERS, LocalDraft(cpu), settings, http, None, cpu)
    router: Router[ImageProvider, ModelSpec] = Router(routes, settings.routing)
    params = GenerateParams(prompt="a fox", provider="toy")
    request = ImageRequest("a fox", None, 64, 64, 7, params.output_format)

    async def call(provider: ImageProvider, spec: ModelSpec) -> ProviderImage:
        return await provider.generate(request, spec)

    made = await router.deliver(call, priced_routes(params), 0, [], as_is, WHO)
    assert (made.spec.provider, made.data) == ("toy", TOY_IMAGE)
    assert (estimate(params.KIND, params).provider, estimate(params.KIND, params).credits) == (
        "toy",
        1,
    )
    listed = {provider.name: provider for provider in catalog(None).items}
    assert [model.model for model in listed["toy"].models] == ["toy-1"]
    assert listed["toy"].models[0].credits_per_image == 1


def test_each_service_has_an_adapter_for_every_provider_the_catalog_routes_to_it() -> None:
    """An adapter is registered by its file alone: each service's `ADAPTERS` are found in its
    `providers` package, and they match what the catalog entries offer the service's kinds."""
    served: dict[str, set[str]] = {"generation": set(), "editing": set(), "transform": set()}
    for entry in REGISTRY.entries:
        if entry.base_url is None:
            continue
        if entry.models:
            served[JOB_KINDS[GenerateParams.KIND].service].add(entry.name)
        for engine in entry.engines:
            served[JOB_KINDS[engine.kind].service].add(entry.name)
    found = {
        "generation": {adapter.provider.name for adapter in GENERATION_ADAPTERS},
        "editing": {adapter.provider.name for adapter in EDITING_ADAPTERS},
        "transform": {adapter.provider.name for adapter in TRANSFORM_ADAPTERS},
    }
    assert found == served


# --- How to add a job kind: params with a KIND, a kind line, a provider's engine and price ------


class ToyBlurParams(ImageJobParams):
    """A toy kind run by the editing service, on the toy provider."""

    KIND = "edit.toy_blur"


TOY_BLUR = ProviderEntry(
    "blurry",
    engines=(Engine(kind=ToyBlurParams.KIND, provider="blurry", model="blur", vendor_model="b"),),
    prices=(per_image(ToyBlurParams.KIND, "blurry", "blur", 2, "0.02", 1, "a toy's price list"),),
    base_url="https://toy.invalid",
)


class ToyBlur:
    name = "blurry"

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage:
        return ProviderImage(TOY_IMAGE, request.seed, engine.model)


BLURRY_ADAPTERS: tuple[Adapter[EditProvider, None], ...] = (
    Adapter(TOY_BLUR, lambda c, _: ToyBlur()),
)


class ToyEditingSettings(ProviderClients):
    model_config = SettingsConfigDict(env_prefix="TOYEDIT_")
    CALLED = called_by(BLURRY_ADAPTERS)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)


@pytest.fixture
def toy_kind() -> Iterator[KindSpec]:
    spec = KindSpec(ToyBlurParams, "editing", Feature.EDIT_ALL, Pricing.EDIT, ("asset_id",))
    with REGISTRY.registered(TOY_BLUR), registered(spec):
        yield spec


async def edit_with(
    router: Router[EditProvider, Engine], params: ImageJobParams, image: bytes
) -> bytes:
    request = EditRequest(params, {"asset_id": image}, 3)

    async def call(provider: EditProvider, engine: Engine) -> ProviderImage:
        return await provider.edit(request, engine)

    attempts: list[Attempt] = []
    made = await router.deliver(call, priced_engines(params), 0, attempts, as_is, WHO)
    return made.data


async def editing_router(
    adapters: tuple[Adapter[EditProvider, None], ...], settings: ToyEditingSettings
) -> Router[EditProvider, Engine]:
    cpu = CpuPool(1)
    local = LocalEditing(cpu, ImageLimits(2**22, 2**22))
    async with httpx.AsyncClient() as http:
        routes = configured_routes(adapters, local, settings, http, None, cpu)
    return Router(routes, settings.routing)


async def test_a_job_kind_is_routed_priced_and_listed(toy_kind: KindSpec) -> None:
    params = parse_params(ToyBlurParams.KIND, {"asset_id": ASSET})
    assert isinstance(params, ToyBlurParams)
    settings = ToyEditingSettings(
        providers={"blurry": ProviderSettings(base_url="x", api_key=SecretStr("k"))}
    )
    router = await editing_router(BLURRY_ADAPTERS, settings)
    assert await edit_with(router, params, b"") == TOY_IMAGE
    cost = estimate(ToyBlurParams.KIND, params)
    assert (cost.provider, cost.credits, cost.feature) == ("blurry", 2, Feature.EDIT_ALL)
    assert JOB_KINDS[ToyBlurParams.KIND].service == "editing"
    assert f"params.{ToyBlurParams.KIND}.json" in json_schemas()


# --- How to add an edit operation: a kind with a local engine, price and algorithm -------------


class ToyInvertParams(ImageJobParams):
    """A toy edit the platform runs on its own CPU."""

    KIND = "edit.toy_invert"


TOY_INVERT = ProviderEntry(
    LOCAL,
    engines=(Engine(kind=ToyInvertParams.KIND, provider=LOCAL, model="invert", vendor_model="i"),),
    prices=(per_image(ToyInvertParams.KIND, LOCAL, "invert", 1, "0", 1, PLATFORM),),
)


def invert(_: EditRequest, images: Images) -> Image.Image:
    return ImageOps.invert(images["asset_id"].convert("RGB"))


@pytest.fixture
def toy_operation(monkeypatch: pytest.MonkeyPatch) -> Iterator[KindSpec]:
    spec = KindSpec(ToyInvertParams, "editing", Feature.EDIT_BASIC, Pricing.EDIT, ("asset_id",))
    monkeypatch.setitem(OPERATIONS, ToyInvertParams.KIND, invert)
    with REGISTRY.registered(TOY_INVERT), registered(spec):
        yield spec


async def test_an_edit_operation_is_routed_priced_and_listed(toy_operation: KindSpec) -> None:
    params = ToyInvertParams(asset_id=ASSET, quality=Quality.DRAFT)
    source = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 255, 255)).save(source, "PNG")
    router = await editing_router((), ToyEditingSettings())
    made = Image.open(io.BytesIO(await edit_with(router, params, source.getvalue())))
    assert made.convert("RGB").getpixel((0, 0)) == (0, 0, 0)
    cost = estimate(ToyInvertParams.KIND, params)
    assert (cost.provider, cost.model, cost.credits) == (LOCAL, "invert", 1)
    assert any(price.operation == ToyInvertParams.KIND for price in PRICES)
    assert ToyInvertParams.KIND in JOB_KINDS


# --- How to add a platform format: one preset line -----------------------------------------------

TOY_FORMAT = PlatformPreset.model_validate(
    {
        "id": "toy.banner",
        "platform": "x",
        "placement": "toy banner 3:1",
        "width": 600,
        "height": 200,
        "ratio": "3:1",
        "formats": ("jpeg", "png"),
        "max_bytes": 100_000,
        "sources": ("S1",),
    }
)


@pytest.fixture
def toy_format(monkeypatch: pytest.MonkeyPatch) -> PlatformPreset:
    monkeypatch.setitem(PRESETS, TOY_FORMAT.id, TOY_FORMAT)
    return TOY_FORMAT


async def test_a_platform_format_is_made_priced_and_listed(toy_format: PlatformPreset) -> None:
    params = OptimizeParams(asset_id=ASSET, presets=[toy_format.id])
    assert params.targets() == [toy_format]
    photo = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 120, 200)).save(photo, "JPEG")
    limits = ImageLimits(max_bytes=2**24, max_pixels=2**24)
    (made,) = optimize(photo.getvalue(), params.targets(), Options(), limits)
    assert isinstance(made, Rendition)
    assert Image.open(io.BytesIO(made.data)).size == (600, 200)
    assert len(made.data) <= 100_000
    assert estimate(OptimizeParams.KIND, params).credits > 0
    listed = await list_platforms("tenant_a")
    assert toy_format in listed.items


def test_registrations_are_undone() -> None:
    assert "toy" not in {entry.name for entry in REGISTRY.entries}
    assert ToyBlurParams.KIND not in JOB_KINDS
    assert ToyInvertParams.KIND not in OPERATIONS
    assert TOY_FORMAT.id not in PRESETS
