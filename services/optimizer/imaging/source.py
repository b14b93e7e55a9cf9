"""The source image, decoded once: oriented, in sRGB, at the smallest JPEG draft scale every output
still needs, with a pyramid of halvings that every output's resize starts from."""

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
import pyvips
from cv2.typing import MatLike
from PIL import Image, ImageCms, ImageOps

from shared.images import ImageLimits, ImageRejectedError, open_encoded

SRGB = ImageCms.createProfile("sRGB")
_TRANSPOSED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_JPEG = ("JPEG", "MPO")  # MPO: a JPEG with extra frames (phones' depth maps), decoded alike
Pixels = MatLike
"""Height x width x 3 (RGB) or 4 (RGBA), uint8."""
Rect = tuple[float, float, float, float]


@dataclass
class Source:
    """The decoded source as an RGB(A) array. Geometry is in decoded pixels; `scale` maps it back
    to the original image's pixels."""

    pixels: Pixels
    scale: float
    _levels: list[Pixels] = field(default_factory=list)

    @property
    def size(self) -> tuple[int, int]:
        return self.pixels.shape[1], self.pixels.shape[0]

    def original(self, value: float) -> int:
        """A decoded-pixel coordinate in the original image's pixels."""
        return round(value * self.scale)

    def level(self, k: int) -> Pixels:
        """The image halved `k` times (area average), built once."""
        if not self._levels:
            self._levels.append(self.pixels)
        while len(self._levels) <= k:
            last = self._levels[-1]
            half = (max(1, last.shape[1] // 2), max(1, last.shape[0] // 2))
            self._levels.append(cv2.resize(last, half, interpolation=cv2.INTER_AREA))
        return self._levels[k]

    def render(self, box: Rect, size: tuple[int, int], antialias: bool = True) -> Pixels:
        """`box` of the source resampled to `size`, from the smallest pyramid level that still
        holds the output's pixels: with libvips' Lanczos-3 reduce (antialiased, and quicker
        than OpenCV's area average), or OpenCV's bicubic when `antialias` is off (quickest;
        fine detail may alias) or when enlarging."""
        ratio = min((box[2] - box[0]) / size[0], (box[3] - box[1]) / size[1])
        k = max(0, math.floor(math.log2(ratio))) if ratio > 1 else 0
        factor = 2**k
        level = self.level(k)
        left, top = int(box[0] / factor), int(box[1] / factor)
        right = max(left + 1, min(level.shape[1], math.ceil(box[2] / factor)))
        bottom = max(top + 1, min(level.shape[0], math.ceil(box[3] / factor)))
        region = level[top:bottom, left:right]
        if antialias and region.shape[1] > size[0] and region.shape[0] > size[1]:
            return _lanczos(region, size)
        return cv2.resize(region, size, interpolation=cv2.INTER_CUBIC)


def _lanczos(region: Pixels, size: tuple[int, int]) -> Pixels:
    height, width, bands = region.shape
    contiguous = np.ascontiguousarray(region)
    image = pyvips.Image.new_from_memory(contiguous.data, width, height, bands, "uchar")
    reduced = image.resize(size[0] / width, vscale=size[1] / height, kernel="lanczos3")
    pixels: Pixels = reduced.numpy()
    if pixels.shape[:2] != (size[1], size[0]):  # libvips rounds a side the other way
        pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_CUBIC)
    return pixels


def _whole(size: tuple[int, int]) -> float:
    return 1.0


def decode(
    data: bytes, limits: ImageLimits, scale_for: Callable[[tuple[int, int]], float] = _whole
) -> Source:
    """Decode `data` once, turned upright and converted to sRGB (RGB, or RGBA when it has
    transparency); a JPEG at the smallest draft scale no smaller than what `scale_for` says a
    source of its upright size needs."""
    image = open_encoded(data, limits)
    original = image.size
    orientation = image.getexif().get(0x0112, 1)
    upright = (original[1], original[0]) if orientation in _TRANSPOSED else original
    needed_scale = scale_for(upright)
    if image.format in _JPEG and image.mode == "RGB" and not image.info.get("icc_profile"):
        pixels = _plain_jpeg(data, needed_scale)
        return Source(pixels=pixels, scale=upright[0] / pixels.shape[1])
    if image.format in _JPEG and needed_scale < 1:
        want = (math.ceil(original[0] * needed_scale), math.ceil(original[1] * needed_scale))
        image.draft(image.mode if image.mode in ("RGB", "L") else "RGB", want)
    try:
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        rgb = _to_srgb(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageRejectedError("invalid_image", "the image data does not decode") from exc
    return Source(pixels=np.asarray(rgb), scale=upright[0] / rgb.width)


def _plain_jpeg(data: bytes, needed_scale: float) -> Pixels:
    """An untagged (so sRGB) colour JPEG, the common photo, decoded by OpenCV straight into an
    array (a third quicker than Pillow plus the copy out of it), at the smallest of 1, 1/2, 1/4
    or 1/8 scale that still has `needed_scale` of the pixels, upright (OpenCV applies the EXIF
    orientation itself)."""
    reduction = next((r for r in (8, 4, 2) if 1 / r >= needed_scale), 1)
    buffer = np.frombuffer(data, np.uint8)
    if reduction == 1:
        pixels = cv2.imdecode(buffer, cv2.IMREAD_COLOR_RGB)
    else:
        flag = {2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4}.get(
            reduction, cv2.IMREAD_REDUCED_COLOR_8
        )
        bgr = cv2.imdecode(buffer, flag)
        pixels = None if bgr is None else cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    if pixels is None:
        raise ImageRejectedError("invalid_image", "the image data does not decode")
    return pixels


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB, or RGBA when some pixel is at least partly transparent."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = image.point(lambda v: v / 256).convert("L")  # 16-bit and float greys to 8 bits
    mode = "RGBA" if has_alpha else "RGB"
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image.convert("RGB") if image.mode in ("L",) else image,
                profile,
                SRGB,
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
            if converted is not None:
                image = converted
        except ImageCms.PyCMSError:
            pass  # a broken profile: the pixels are used as they are
    if image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel with nothing transparent in it
    return image
