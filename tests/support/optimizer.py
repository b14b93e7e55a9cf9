"""Helpers of the optimizer tests: run the pipeline, decode an output, the campaign photo."""

import io
from functools import cache

from PIL import Image

from contracts.catalog.platforms import PlatformPreset
from contracts.optimizer import OutputFailure
from services.optimizer.imaging.pipeline import Rendition, optimize
from services.optimizer.imaging.rendering import Options
from shared.images import ImageLimits
from tests.support.photos import jpeg, photo

LIMITS = ImageLimits(max_bytes=200 * 2**20, max_pixels=100_000_000)


def run(data: bytes, presets: list[PlatformPreset], **options: object) -> list[Rendition]:
    results = optimize(data, presets, Options(**options), LIMITS)  # type: ignore[arg-type]
    made = [r for r in results if isinstance(r, Rendition)]
    assert len(made) == len(results), [r for r in results if isinstance(r, OutputFailure)]
    return made


def decoded(rendition: Rendition) -> Image.Image:
    image = Image.open(io.BytesIO(rendition.data))
    image.load()
    return image


@cache
def campaign_photo() -> bytes:
    return jpeg(photo((4000, 3000)), quality=92)
