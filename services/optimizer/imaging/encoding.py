"""Encoding each output: the platform's format, metadata stripped but for copyright and author,
and the highest quality whose file fits the byte limit (bisection), with its SSIM."""

import io
from dataclasses import dataclass

import cv2
import numpy as np
from cv2.typing import MatLike
from PIL import Image, PngImagePlugin

from contracts.params.optimize import OptimizeLevel
from services.optimizer.imaging.source import Pixels
from shared.errors import PermanentError

QUALITY = {OptimizeLevel.QUALITY: 92, OptimizeLevel.BALANCED: 84, OptimizeLevel.SPEED: 78}
"""Starting (highest) quality per level."""
TARGET_FLOOR = 70
"""`balanced` shrinks towards a recommended size only down to this quality."""
LOWEST_QUALITY = 10
"""The byte-limit search goes no lower: below it a photo is mush, and the format fails instead."""
_ARTIST, _COPYRIGHT = 0x013B, 0x8298
Luma = MatLike
"""Height x width, uint8."""
SSIM_STRIP, SSIM_PAD = 128, 3
"""Rows per SSIM strip, and rows of context each side (half the 7x7 window)."""


class ByteLimitError(PermanentError):
    """No accepted format fits the byte limit at any usable quality."""


@dataclass(frozen=True)
class Metadata:
    """The only metadata an output keeps."""

    copyright: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Budget:
    """What a file may weigh: `max_bytes` is a hard limit, `target_bytes` a wish."""

    max_bytes: int | None
    target_bytes: int | None = None


@dataclass(frozen=True)
class Encoded:
    data: bytes
    format: str
    quality: int | None
    encodes: int
    met_target: bool | None


def encode_within(
    image: Image.Image,
    formats: tuple[str, ...],
    budget: Budget,
    level: OptimizeLevel,
    metadata: Metadata,
) -> Encoded:
    """The best file of `image` in the first accepted format that fits the budget (raises
    `ByteLimitError` when none does at any usable quality)."""
    encodes, smallest = 0, None
    for fmt in formats_for(image, formats):
        found = _search(image, fmt, budget, level, metadata)
        encodes += found.encodes
        if len(found.data) <= (budget.max_bytes or len(found.data)):
            return Encoded(found.data, fmt, found.quality, encodes, found.met_target)
        smallest = min(smallest or len(found.data), len(found.data))
    raise ByteLimitError(
        "byte_limit_unreachable",
        f"{image.width}x{image.height} does not fit {budget.max_bytes} bytes in "
        f"{'/'.join(formats)} at any usable quality (smallest: {smallest} bytes)",
    )


def formats_for(image: Image.Image, accepted: tuple[str, ...]) -> list[str]:
    """Photos go JPEG (then WebP); transparent images go PNG (or WebP) where accepted."""
    if image.mode == "RGBA":
        order = [f for f in ("png", "webp") if f in accepted] + [f for f in accepted if f == "jpeg"]
    else:
        order = [f for f in ("jpeg", "webp") if f in accepted] or list(accepted)
    return order


def _search(
    image: Image.Image, fmt: str, budget: Budget, level: OptimizeLevel, metadata: Metadata
) -> Encoded:
    """Highest quality under `max_bytes` (and, at `balanced`, under `target_bytes` while the
    quality stays at or above `TARGET_FLOOR`)."""
    if fmt == "png":
        data = encode_as(image, fmt, None, level, metadata)
        return Encoded(data, fmt, None, 1, _under(data, budget.target_bytes))
    top = QUALITY[level]
    first = encode_as(image, fmt, top, level, metadata)
    encodes = 1
    limit = budget.max_bytes
    if level is OptimizeLevel.BALANCED and budget.target_bytes is not None:
        target = min(budget.target_bytes, limit or budget.target_bytes)
        if len(first) > target:
            found, tries = _bisect(image, fmt, level, metadata, target, TARGET_FLOOR, top - 1)
            encodes += tries
            if found is not None:
                return Encoded(found[1], fmt, found[0], encodes, True)
    if limit is None or len(first) <= limit:
        return Encoded(first, fmt, top, encodes, _under(first, budget.target_bytes))
    found, tries = _bisect(image, fmt, level, metadata, limit, LOWEST_QUALITY, top - 1)
    encodes += tries
    if found is None:
        return Encoded(first, fmt, top, encodes, False)
    return Encoded(found[1], fmt, found[0], encodes, _under(found[1], budget.target_bytes))


def _bisect(
    image: Image.Image,
    fmt: str,
    level: OptimizeLevel,
    metadata: Metadata,
    limit: int,
    low: int,
    high: int,
) -> tuple[tuple[int, bytes] | None, int]:
    """The highest quality in [low, high] whose file is at most `limit` bytes, and encodes made."""
    best, encodes = None, 0
    while low <= high:
        quality = (low + high) // 2
        data = encode_as(image, fmt, quality, level, metadata)
        encodes += 1
        if len(data) <= limit:
            best, low = (quality, data), quality + 1
        else:
            high = quality - 1
    return best, encodes


def encode_as(
    image: Image.Image, fmt: str, quality: int | None, level: OptimizeLevel, metadata: Metadata
) -> bytes:
    """One encode. Nothing of the source's metadata is carried over (no EXIF, no ICC: sRGB)."""
    out = io.BytesIO()
    careful = level is not OptimizeLevel.SPEED
    if fmt == "png":
        info = PngImagePlugin.PngInfo()
        for key, value in (("Copyright", metadata.copyright), ("Author", metadata.author)):
            if value:
                info.add_text(key, value)
        image.save(out, "PNG", compress_level=6 if careful else 2, pnginfo=info)
    elif fmt == "jpeg":
        rgb = image if image.mode == "RGB" else flattened(image)
        rgb.save(out, "JPEG", quality=quality, optimize=careful, exif=_exif(metadata))
    else:
        image.save(out, "WEBP", quality=quality, method=4 if careful else 2, exif=_exif(metadata))
    return out.getvalue()


def flattened(image: Image.Image) -> Image.Image:
    """`image` as RGB: transparency laid on white (what a JPEG of it shows)."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    canvas = Image.new("RGB", image.size, "#ffffff")
    canvas.paste(image, mask=image.getchannel("A"))
    return canvas


def _exif(metadata: Metadata) -> bytes:
    if not (metadata.copyright or metadata.author):
        return b""
    exif = Image.Exif()
    if metadata.author:
        exif[_ARTIST] = metadata.author
    if metadata.copyright:
        exif[_COPYRIGHT] = metadata.copyright
    return exif.tobytes()


def _under(data: bytes, target: int | None) -> bool | None:
    return None if target is None else len(data) <= target


def luma(pixels: Pixels) -> Luma:
    """Luma (ITU-R 601, as JPEG's Y) of an RGB(A) array; alpha is ignored."""
    code = cv2.COLOR_RGBA2GRAY if pixels.shape[2] == 4 else cv2.COLOR_RGB2GRAY
    return cv2.cvtColor(pixels, code)


def similarity(reference: Luma, data: bytes, *, half: bool = False) -> float:
    """SSIM of an encoded file's luma against the luma it was made from; with `half`, both at
    half size (a JPEG's Y plane is then decoded at half size directly: 4x less work in all)."""
    if not half:
        return ssim(reference, decoded_luma(data))
    size = (max(1, reference.shape[1] // 2), max(1, reference.shape[0] // 2))
    reference = cv2.resize(reference, size, interpolation=cv2.INTER_AREA)
    return ssim(reference, decoded_luma(data, size))


def decoded_luma(data: bytes, size: tuple[int, int] | None = None) -> Luma:
    """The luma of an encoded file as a viewer decodes it (a JPEG's Y plane, decoded alone),
    at `size` if given (a JPEG scales while decoding)."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "JPEG":
            image.draft("L", size or image.size)
        grey: Luma = np.asarray(image.convert("L"))
    if size is not None and (grey.shape[1], grey.shape[0]) != size:
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    return grey


def ssim(reference: Luma, test: Luma) -> float:
    """Mean SSIM of two lumas (Wang et al. 2004: 7x7 window, K1=0.01, K2=0.03, as
    scikit-image's default), computed in strips of rows that stay in the CPU's cache (the whole
    image at once is 3x slower)."""
    rows = reference.shape[0]
    total = 0.0
    for start in range(0, rows, SSIM_STRIP):
        stop = min(rows, start + SSIM_STRIP)
        low, high = max(0, start - SSIM_PAD), min(rows, stop + SSIM_PAD)
        scores = _ssim_map(reference[low:high], test[low:high])
        total += float(scores[start - low : stop - low].sum())
    return total / float(rows * reference.shape[1])


def _ssim_map(reference: Luma, test: Luma) -> MatLike:
    x, y = reference.astype(np.float32), test.astype(np.float32)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    window = (7, 7)

    def mean(values: MatLike) -> MatLike:
        return cv2.boxFilter(values, -1, window, borderType=cv2.BORDER_REFLECT)

    mu_x, mu_y = mean(x), mean(y)
    xx, yy, xy = cv2.multiply(mu_x, mu_x), cv2.multiply(mu_y, mu_y), cv2.multiply(mu_x, mu_y)
    var_x = mean(cv2.multiply(x, x)) - xx
    var_y = mean(cv2.multiply(y, y)) - yy
    cov = mean(cv2.multiply(x, y)) - xy
    correction = 49 / 48  # scikit-image's sample covariance over a 7x7 window
    numerator = cv2.multiply(2 * xy + c1, 2 * correction * cov + c2)
    denominator = cv2.multiply(xx + yy + c1, correction * (var_x + var_y) + c2)
    return cv2.divide(numerator, denominator)
