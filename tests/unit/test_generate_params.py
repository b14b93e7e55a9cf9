import pytest
from pydantic import ValidationError

from contracts.jobs import UnknownKindError, parse_params
from contracts.media import ImageFormat
from contracts.params.generate import (
    AspectRatio,
    GenerateParams,
    Quality,
    size_for_ratio,
)


def test_defaults_are_one_square_megapixel_png_at_standard_quality() -> None:
    params = GenerateParams(prompt="a fox")
    assert params.output_size() == (1024, 1024)
    assert params.output_format is ImageFormat.PNG
    assert params.quality is Quality.STANDARD
    assert params.variations == 1
    assert params.provider == "auto"


@pytest.mark.parametrize(
    ("ratio", "size"), [("16:9", (1344, 768)), ("9:16", (768, 1344)), ("4:5", (896, 1152))]
)
def test_aspect_ratio_sets_the_size(ratio: AspectRatio, size: tuple[int, int]) -> None:
    assert GenerateParams(prompt="x", aspect_ratio=ratio).output_size() == size


def test_sizes_for_every_ratio_keep_the_ratio_and_multiples_of_64() -> None:
    for ratio in ["1:1", "16:9", "9:16", "4:5", "5:4", "4:3", "3:4", "2:3", "3:2", "21:9", "9:21"]:
        width, height = size_for_ratio(ratio)
        w, h = (int(v) for v in ratio.split(":"))
        assert width % 64 == 0
        assert height % 64 == 0
        assert abs(width / height - w / h) / (w / h) < 0.06


def test_explicit_size_wins_and_must_come_in_pairs() -> None:
    assert GenerateParams(prompt="x", width=640, height=360).output_size() == (640, 360)
    with pytest.raises(ValidationError, match="give both or neither"):
        GenerateParams(prompt="x", width=640)


def test_size_must_match_a_given_aspect_ratio() -> None:
    GenerateParams(prompt="x", width=1280, height=720, aspect_ratio="16:9")
    with pytest.raises(ValidationError, match="does not match aspect_ratio"):
        GenerateParams(prompt="x", width=1280, height=1280, aspect_ratio="16:9")


@pytest.mark.parametrize(
    "bad",
    [
        {"prompt": ""},
        {"prompt": "   "},
        {"prompt": "x", "variations": 0},
        {"prompt": "x", "variations": 11},
        {"prompt": "x", "width": 32, "height": 32},
        {"prompt": "x", "width": 4096, "height": 4096},
        {"prompt": "x", "seed": -1},
        {"prompt": "x", "seed": 4_294_967_295},
        {"prompt": "x", "output_format": "gif"},
        {"prompt": "x", "quality": "ultra"},
        {"prompt": "x", "aspect_ratio": "7:3"},
        {"prompt": "x", "provider": "Bad Name"},
        {"prompt": "x", "colour": "red"},
    ],
)
def test_invalid_params_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        GenerateParams.model_validate(bad)


def test_parse_params_validates_by_kind() -> None:
    params = parse_params("generate", {"prompt": "a fox", "variations": 3})
    assert isinstance(params, GenerateParams)
    assert params.variations == 3
    with pytest.raises(UnknownKindError):
        parse_params("paint", {})


def test_a_pinned_provider_with_one_quality_runs_it_without_asking() -> None:
    assert GenerateParams(prompt="x", provider="local-draft").quality is Quality.DRAFT
    assert GenerateParams(prompt="x", provider="huggingface").quality is Quality.STANDARD
    assert GenerateParams(prompt="x", provider="stability").quality is Quality.STANDARD


def test_a_quality_the_provider_lacks_is_refused_naming_the_ones_it_has() -> None:
    lacking = r"local-draft has no premium model \(its qualities: draft\)"
    with pytest.raises(ValidationError, match=lacking):
        GenerateParams(prompt="x", provider="local-draft", quality=Quality.PREMIUM)
    with pytest.raises(ValidationError, match=r"its qualities: standard, premium"):
        GenerateParams(prompt="x", provider="google", quality=Quality.DRAFT)
