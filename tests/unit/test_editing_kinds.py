"""The edit, upscale and control kinds: engines by quality tier, prices of every engine, input
checks, and a provider-only kind failing clearly when no provider is configured."""

import io
from typing import Any

import pytest
from PIL import Image
from pydantic import ValidationError

from contracts.billing.estimates import estimate, priced_engines
from contracts.catalog.engines import Engine
from contracts.catalog.models import Quality
from contracts.catalog.registry import ENGINES, engines
from contracts.events import Attempt, FailureCode
from contracts.jobs import IMAGE_JOBS, JOB_KINDS, parse_params
from contracts.media import StoredImage
from contracts.params.image_inputs import ImageJobParams
from contracts.params.upscale import UpscaleAutoParams
from contracts.upscaling import UpscaleMode
from services.editing.providers.base import EditProvider, EditRequest
from services.editing.providers.local import LocalEditing
from services.editing.providers.payload import within
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.attempts import RoutingError
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.route import Route
from shared.providers.router import Router
from shared.providers.settings import ProviderSettings, RoutingSettings
from tests.support.photos import astronaut

A, B = "ast_" + "A" * 26, "ast_" + "B" * 26


def image(width: int, height: int, fmt: str = "png") -> StoredImage:
    return StoredImage(
        content_type=f"image/{fmt}", format=fmt, width=width, height=height, bytes=1, sha256="0"
    )


def params(kind: str, **given: Any) -> ImageJobParams:
    parsed = parse_params(kind, {"asset_id": A, **given})
    assert isinstance(parsed, ImageJobParams)
    return parsed


def test_every_engine_is_priced_and_every_kind_is_served_by_the_editing_service() -> None:
    for engine in [e for e in ENGINES if not e.kind.startswith("transform.")]:
        kind_params = next(p for p in IMAGE_JOBS if engine.kind == p.KIND)
        assert JOB_KINDS[engine.kind].service == "editing"
        assert engine.kind == kind_params.KIND
    editing = {e.kind for e in ENGINES if not e.kind.startswith("transform.")}
    # `upscale.auto` has no engine of its own: it runs the engines of the mode it chooses
    assert {p.KIND for p in IMAGE_JOBS} - editing == {UpscaleAutoParams.KIND}
    assert {mode.kind for mode in UpscaleMode} <= editing


def test_draft_runs_locally_where_an_algorithm_exists_and_the_estimate_is_the_charge() -> None:
    local = engines("upscale.fast", Quality.DRAFT)
    assert [(e.provider, e.model) for e in local] == [("local", "lanczos-sharpen")]
    assert [e.provider for e in engines("upscale.fast", Quality.STANDARD)] == ["stability"]
    assert [e.provider for e in engines("edit.instruct", Quality.DRAFT)] == ["google"]
    draft = estimate("upscale.fast", params("upscale.fast", quality="draft"))
    assert (draft.provider, draft.credits) == ("local", 1)
    assert estimate("upscale.fast", params("upscale.fast")).credits == 2


def test_pinning_an_engine_that_does_not_run_the_kind_is_invalid() -> None:
    with pytest.raises(ValidationError, match=r"local does not run edit\.instruct"):
        params("edit.instruct", instruction="warmer", provider="local")


@pytest.mark.parametrize(
    ("kind", "given", "inputs", "problem"),
    [
        ("edit.erase", {"mask_id": B}, {"asset_id": (64, 64), "mask_id": (65, 64)}, "mask_id"),
        ("upscale.fast", {}, {"asset_id": (1537, 64)}, "asset_id"),
        ("upscale.fast", {}, {"asset_id": (1024, 1025)}, "asset_id"),
        ("upscale.creative", {"prompt": "x"}, {"asset_id": (1100, 1000)}, "asset_id"),
        ("edit.outpaint", {"left": 2000, "right": 2000}, {"asset_id": (3000, 3000)}, "asset_id"),
        ("edit.remove_background", {}, {"asset_id": (2100, 2100)}, "asset_id"),
        ("control.sketch", {"prompt": "x"}, {"asset_id": (1000, 300)}, "asset_id"),
    ],
)
def test_inputs_that_do_not_fit_the_kind_are_named(
    kind: str, given: dict[str, Any], inputs: dict[str, tuple[int, int]], problem: str
) -> None:
    sized = {name: image(*size) for name, size in inputs.items()}
    problems = params(kind, **given).input_problems(sized)
    assert [name for name, _ in problems] == [problem]


def test_inputs_that_fit_have_no_problem() -> None:
    erase = params("edit.erase", mask_id=B)
    assert erase.input_problems({"asset_id": image(640, 480), "mask_id": image(640, 480)}) == []
    jpeg_mask = {"asset_id": image(64, 64), "mask_id": image(64, 64, "jpeg")}
    assert [name for name, _ in erase.input_problems(jpeg_mask)] == ["mask_id"]


@pytest.mark.parametrize(
    ("kind", "given"),
    [
        ("edit.outpaint", {}),
        ("edit.outpaint", {"up": 2001}),
        ("edit.erase", {"mask_id": B, "grow_mask": 21}),
        ("edit.replace_background", {}),
        ("edit.replace_background", {"background_prompt": "x", "light_source_strength": 0.5}),
        ("upscale.conservative", {"prompt": "x", "creativity": 0.6}),
        ("control.style_transfer", {}),
        ("edit.remove_background", {"output_format": "jpeg"}),
    ],
)
def test_params_outside_the_documented_limits_are_refused(kind: str, given: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        params(kind, **given)


async def test_a_provider_only_kind_fails_clearly_without_a_provider() -> None:
    routing, cpu = RoutingSettings(), CpuPool(1)
    local = ProviderSettings(base_url="local", retries=0)
    route: Route[EditProvider] = Route.of(
        LocalEditing(cpu, ImageLimits(2**20, 2**20)), local, routing, 1
    )
    router: Router[EditProvider, Engine] = Router({"local": route}, routing)
    instruct = params("edit.instruct", instruction="make the sky dramatic")
    request = EditRequest(instruct, {"asset_id": b""}, 1)

    async def call(provider: EditProvider, engine: Engine) -> ProviderImage:
        return await provider.edit(request, engine)

    async def as_is(made: ProviderImage) -> bytes:
        return made.data

    attempts: list[Attempt] = []
    with pytest.raises(RoutingError) as failure:
        await router.deliver(
            call, priced_engines(instruct), 0, attempts, as_is, ("t", "interactive")
        )
    assert failure.value.code == FailureCode.NO_PROVIDER_CONFIGURED
    assert not failure.value.retriable
    assert "google" in failure.value.message
    assert [a.code for a in attempts] == ["not_configured"]


def test_a_local_recolour_must_name_its_colours() -> None:
    with pytest.raises(ValidationError, match="prompt names no colour"):
        params("edit.search_recolor", prompt="nicer", select_prompt="the red car", quality="draft")
    with pytest.raises(ValidationError, match="select_prompt names no colour"):
        params("edit.search_recolor", prompt="blue", select_prompt="the car", quality="draft")
    assert params("edit.search_recolor", prompt="blue", select_prompt="the car", mask_id=B)
    assert params("edit.search_recolor", prompt="nicer", select_prompt="the car")  # a provider's


def photo_bytes(size: tuple[int, int], alpha: bool = False) -> bytes:
    """A real photo as an uncompressed PNG: large on the wire, compressible as a photo."""
    image = astronaut().resize(size)
    if alpha:
        image.putalpha(200)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=0)
    return out.getvalue()


def test_inputs_are_fitted_into_a_providers_request_limit() -> None:
    limits = ImageLimits(2**30, 2**26)
    mask = photo_bytes((64, 64))
    small = {"asset_id": photo_bytes((64, 64)), "mask_id": mask}
    assert within(small, 2**20, limits) == small, "what fits is sent as it is"
    big = {"asset_id": photo_bytes((1400, 1000)), "mask_id": mask}
    fitted = within(big, 2**21, limits)
    assert sum(map(len, fitted.values())) <= 2**21
    assert fitted["mask_id"] is mask, "a mask is never re-encoded"
    assert Image.open(io.BytesIO(fitted["asset_id"])).size == (1400, 1000)
    with_alpha = within({"asset_id": photo_bytes((1400, 1000), alpha=True)}, 2**21, limits)
    assert Image.open(io.BytesIO(with_alpha["asset_id"])).mode == "RGBA"
    with pytest.raises(ProviderError) as refused:
        within(big, 2**12, limits)
    assert (refused.value.code, refused.value.recovery) == ("payload_too_large", Recovery.STOP)
