"""Input images fitted into a provider's request size limit: when the request would be too large,
the largest photos are re-encoded (JPEG, or WebP when they have transparency) at falling quality
until it fits. Masks are never re-encoded: a lossy mask would move its edge."""

import io
from collections.abc import Mapping

from PIL import Image

from services.editing.providers.base import ImageTools
from shared.images import ImageLimits, open_image
from shared.providers.base import refused

QUALITIES = (95, 90, 80, 70)
KEEP = frozenset({"mask_id"})


async def fitted(tools: ImageTools, images: Mapping[str, bytes], budget: int) -> dict[str, bytes]:
    """`within`, on the CPU pool."""
    return await tools.cpu.run(within, images, budget, tools.limits)


def within(images: Mapping[str, bytes], budget: int, limits: ImageLimits) -> dict[str, bytes]:
    """`images` as they are when they fit in `budget` bytes, else with the largest photos
    re-encoded until they do (CPU work); a refusal (`ProviderError`) when even that cannot."""
    fitted = dict(images)
    for name in sorted(set(fitted) - KEEP, key=lambda n: -len(fitted[n])):
        if sum(map(len, fitted.values())) <= budget:
            return fitted
        fitted[name] = _smallest_fitting(open_image(images[name], limits), fitted, name, budget)
    if sum(map(len, fitted.values())) > budget:
        raise refused(
            "payload_too_large",
            f"the input images do not fit the provider's {budget // 2**20} MiB request limit",
        )
    return fitted


def _smallest_fitting(
    image: Image.Image, fitted: dict[str, bytes], name: str, budget: int
) -> bytes:
    others = sum(len(data) for key, data in fitted.items() if key != name)
    data = fitted[name]
    for quality in QUALITIES:
        data = _lossy(image, quality)
        if others + len(data) <= budget:
            break
    return data


def _lossy(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    if image.has_transparency_data:
        image.save(out, "WEBP", quality=quality)
    else:
        image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()
