"""Every adapter's requests against the emulator's documented-API validation, for every parameter
combination the product exposes: each model x aspect ratio (and template size) x output format,
with and without negative prompt and seed, across every style preset."""

import asyncio
import itertools
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from contracts.catalog.models import LOCAL_DRAFT, ModelSpec
from contracts.catalog.registry import MODELS
from contracts.catalog.styles import STYLES
from contracts.catalog.templates import TEMPLATES
from contracts.media import ImageFormat, size_for_ratio
from contracts.params.generate import AspectRatio, GenerateParams
from emulator import KEYS
from emulator.app import create_app, provider_env
from emulator.control import EmulatorControl
from services.generation.prompting import PromptComposer
from services.generation.providers.base import ImageProvider, ImageRequest
from services.generation.providers.google import Google
from services.generation.providers.registry import ADAPTERS
from services.generation.settings import GenerationSettings
from shared.providers.base import ProviderError
from shared.providers.http import Connection, pooled_client

RATIOS: tuple[AspectRatio, ...] = AspectRatio.__args__  # type: ignore[attr-defined]
SIZES = (
    [size_for_ratio(ratio) for ratio in RATIOS]
    + [(t.width, t.height) for t in TEMPLATES.values()]
    + [(64, 64), (4096, 2048)]
)
STYLE_IDS = [None, *STYLES]


def _adapter(
    name: str, http: httpx.AsyncClient, settings: GenerationSettings, key: str
) -> ImageProvider:
    """The generation adapter of provider `name`, calling with `key`."""
    (adapter,) = [a for a in ADAPTERS if a.provider.name == name]
    connection = Connection(http, settings.providers[name], key, settings.routing)
    return adapter.build(connection, None)


@pytest.fixture(scope="module")
async def emulator_url() -> AsyncIterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # A long keep-alive: the server shares the test's event loop, and a loop busy for a few
    # seconds must not let it close pooled connections the adapters are about to reuse.
    config = uvicorn.Config(create_app(), port=port, log_level="warning", timeout_keep_alive=120)
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await serving


def settings_for(url: str) -> GenerationSettings:
    env = provider_env(url) | {"GENERATION_ROUTING__POLL_INTERVAL_S": "0.01"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        return GenerationSettings()


def requests() -> list[ImageRequest]:
    """Every size x format, alternating the negative prompt, cycling through seeds and styles."""
    combos = itertools.product(SIZES, ImageFormat)
    return [
        ImageRequest(
            prompt="a lighthouse at dusk, (glowing:0.8)",
            negative_prompt="blurry, text" if index % 2 else None,
            width=width,
            height=height,
            seed=(index * 7919) % 4_294_967_295,
            output_format=fmt,
            style=STYLE_IDS[index % len(STYLE_IDS)],
        )
        for index, ((width, height), fmt) in enumerate(combos)
    ]


@pytest.mark.parametrize(
    "spec", [s for s in MODELS if s.provider != LOCAL_DRAFT], ids=lambda s: s.model
)
async def test_every_request_passes_the_documented_validation(
    spec: ModelSpec, emulator_url: str
) -> None:
    control = EmulatorControl(emulator_url)
    await control.reset()
    settings = settings_for(emulator_url)
    async with pooled_client(32) as http:
        adapter = _adapter(spec.provider, http, settings, KEYS[spec.provider])
        made = await asyncio.gather(*(adapter.generate(r, spec) for r in requests()))
    calls = await control.calls(spec.provider)
    await control.close()
    assert len(calls) == len(made) == len(requests())
    assert [c["errors"] for c in calls if not c["valid"]] == []
    assert all(image.data[:2] in (b"\x89P", b"\xff\xd8", b"RI") for image in made)


async def test_templates_and_every_ratio_are_valid_generate_params() -> None:
    for ratio in RATIOS:
        assert GenerateParams(prompt="x", aspect_ratio=ratio).output_size() == size_for_ratio(ratio)
    for template in TEMPLATES.values():
        params = GenerateParams(prompt="x", template=template.id)
        assert params.output_size() == (template.width, template.height)


async def test_a_wrong_key_is_refused_and_falls_back(emulator_url: str) -> None:
    settings = settings_for(emulator_url)
    request = requests()[0]
    async with pooled_client(4) as http:
        for spec in [s for s in MODELS if s.routable and s.provider != LOCAL_DRAFT]:
            adapter = _adapter(spec.provider, http, settings, "wrong-key")
            with pytest.raises(ProviderError) as refused:
                await adapter.generate(request, spec)
            assert refused.value.recovery.value == "fallback", spec.provider


async def test_an_invalid_request_is_refused_with_the_providers_reason(emulator_url: str) -> None:
    async with httpx.AsyncClient(base_url=f"{emulator_url}/stability") as http:
        answer = await http.post(
            "/v2beta/stable-image/generate/core",
            headers={"authorization": f"Bearer {KEYS['stability']}"},
            data={"prompt": "", "aspect_ratio": "4:3", "seed": "-1"},
            files={"none": (None, "")},
        )
    assert answer.status_code == 400
    body = answer.json()
    assert body["name"] == "bad_request"
    assert "aspect_ratio" in body["errors"][0]
    assert "seed" in body["errors"][0]


async def test_prompt_enhancement_through_a_gemini_text_model(emulator_url: str) -> None:
    settings = settings_for(emulator_url)
    async with pooled_client(4) as http:
        llm = Google(
            Connection(http, settings.providers["google"], KEYS["google"], settings.routing)
        )
        composer = PromptComposer(llm=llm, llm_model="gemini-2.5-flash")
        made = await composer.compose(GenerateParams(prompt="a red fox", style="watercolor"), None)
    assert made.enhanced_by == "gemini-2.5-flash"
    assert made.prompt.startswith("a red fox, watercolour painting")
    assert made.prompt.endswith("cinematic composition, soft directional light, rich texture")
    assert composer.identity == "llm:gemini-2.5-flash"
