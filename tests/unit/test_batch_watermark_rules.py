"""Which outputs a watermarked batch stamps, how many follow-ups a row is priced for, and the
watermark's own checks."""

import pytest
from pydantic import ValidationError

from contracts.http.batches import BatchCreate, is_stamp_source, stamps_outputs
from contracts.http.jobs import JobCreate
from services.gateway.batches.watermarks import stamps_needed
from services.gateway.jobs.preflight import priced

DRAFT = {"prompt": "a watch", "quality": "draft", "width": 64, "height": 64}


@pytest.mark.parametrize(
    ("kind", "stamped"),
    [
        ("generate", True),
        ("edit.remove_background", True),
        ("upscale.auto", True),
        ("control.multi", True),
        ("edit.watermark", False),
        ("optimize.social", False),
        ("transform.image_to_video", False),
        ("transform.avatar", False),
        ("transform.image_to_3d", False),
        ("no.such_kind", False),
    ],
)
def test_images_are_stamped_and_videos_models_and_formats_are_not(kind: str, stamped: bool) -> None:
    assert stamps_outputs(kind) is stamped
    assert is_stamp_source(kind, "output", "image/png") is stamped
    assert not is_stamp_source(kind, "output", "video/mp4")
    assert not is_stamp_source(kind, "poster", "image/jpeg")


def test_a_row_is_priced_one_watermark_per_image_it_makes() -> None:
    three = priced(JobCreate(kind="generate", params=DRAFT | {"variations": 3}))
    assert stamps_needed("generate", three) == 3


def test_a_watermark_names_a_brand_kit_and_keeps_its_bounds() -> None:
    jobs = [{"kind": "generate", "params": DRAFT}]
    for bad in (
        {},
        {"brand_kit": "acme"},
        {"brand_kit": "bk_a", "opacity": 0},
        {"brand_kit": "bk_a", "logo_asset_id": "ast_x"},
    ):
        with pytest.raises(ValidationError) as caught:
            BatchCreate.model_validate({"jobs": jobs, "watermark": bad})
        assert caught.value.errors()[0]["loc"][0] == "watermark"
    batch = BatchCreate.model_validate({"jobs": jobs, "watermark": {"brand_kit": "bk_a"}})
    assert batch.watermark is not None
    assert (batch.watermark.corner, batch.watermark.opacity) == ("bottom-right", 0.8)
