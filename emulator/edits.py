"""Images derived from a caller's image, for the emulated edit answers (Stability edit, upscale
and control; Gemini editing): the input checked against a pixel rule, then resized and blended
with the prompt's gradient, padded, masked or cut out, so tests can check the answer's geometry."""

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from emulator.images import gradient_for

FORMATS = ("JPEG", "PNG", "WEBP")
BLEND = 0.3
"""How much of the prompt's gradient an edited image holds (the rest is the input)."""


@dataclass(frozen=True)
class PixelRule:
    """Bounds on an input image's sides, pixel count and aspect ratio."""

    min_side: int = 64
    max_side: int | None = None
    min_pixels: int = 4_096
    max_pixels: int = 9_437_184
    max_aspect: float | None = None

    def check(self, part: str, width: int, height: int) -> list[str]:
        errors = []
        if min(width, height) < self.min_side:
            errors.append(f"{part}: width and height must be at least {self.min_side} px")
        if self.max_side is not None and max(width, height) > self.max_side:
            errors.append(f"{part}: width and height must be at most {self.max_side} px")
        if not self.min_pixels <= width * height <= self.max_pixels:
            errors.append(
                f"{part}: must have {self.min_pixels} to {self.max_pixels} pixels,"
                f" got {width}x{height}"
            )
        if self.max_aspect is not None and max(width / height, height / width) > self.max_aspect:
            errors.append(
                f"{part}: aspect ratio must be between 1:{self.max_aspect:g}"
                f" and {self.max_aspect:g}:1"
            )
        return errors


ANY = PixelRule(min_side=1, min_pixels=1, max_pixels=16_384 * 16_384)
"""Any decodable image (masks: resized to the image anyway)."""


def decode(data: bytes, part: str, rule: PixelRule = ANY) -> tuple[Image.Image | None, list[str]]:
    """The jpeg, png or webp image in `data` if it meets `rule` (checked on the header, before
    decoding the pixels), else the reasons it is refused."""
    try:
        image = Image.open(io.BytesIO(data))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None, [f"{part}: is not a jpeg, png or webp image"]
    if image.format not in FORMATS:
        return None, [f"{part}: must be jpeg, png or webp, not {image.format}"]
    errors = rule.check(part, *image.size)
    if errors:
        return None, errors
    try:
        image.load()
    except (OSError, ValueError):
        return None, [f"{part}: could not be decoded"]
    return image, []


def sized(aspect: float, pixels: int, long_side: int | None = None) -> tuple[int, int]:
    """About `pixels` pixels at width/height `aspect`, the longer side at most `long_side`."""
    width, height = math.sqrt(pixels * aspect), math.sqrt(pixels / aspect)
    if long_side is not None and max(width, height) > long_side:
        scale = long_side / max(width, height)
        width, height = width * scale, height * scale
    return max(1, round(width)), max(1, round(height))


def aspect_of(image: Image.Image) -> float:
    return image.width / image.height


def restyle(image: Image.Image, prompt: str, size: tuple[int, int] | None = None) -> Image.Image:
    """`image` at `size` (default its own), blended with the prompt's gradient."""
    size = size or image.size
    base = image.convert("RGB")
    if base.size != size:
        base = base.resize(size, Image.Resampling.BILINEAR)
    return Image.blend(base, gradient_for(prompt, *size), BLEND)


def masked(image: Image.Image, prompt: str, mask: Image.Image | None) -> Image.Image:
    """`image` restyled where the mask is white (or, without a mask, where `image` is
    transparent; with neither, everywhere)."""
    edited = restyle(image, prompt)
    if mask is not None:
        where = mask.convert("L").resize(image.size)
    elif image.mode in ("RGBA", "LA") or "transparency" in image.info:
        where = ImageOps.invert(image.convert("RGBA").getchannel("A"))
    else:
        return edited
    return Image.composite(edited, image.convert("RGB"), where)


def padded(image: Image.Image, prompt: str, sides: tuple[int, int, int, int]) -> Image.Image:
    """`image` on the prompt's gradient, grown by (left, right, up, down) pixels."""
    left, right, up, down = sides
    canvas = gradient_for(prompt, image.width + left + right, image.height + up + down)
    canvas.paste(image.convert("RGB"), (left, up))
    return canvas


def cut_out(image: Image.Image) -> Image.Image:
    """`image` with an opaque centred ellipse (the "subject") and a transparent background."""
    alpha = Image.new("L", image.size, 0)
    width, height = image.size
    box = (width * 0.15, height * 0.1, width * 0.85, height * 0.9)
    ImageDraw.Draw(alpha).ellipse(box, fill=255)
    cut = image.convert("RGBA")
    cut.putalpha(alpha)
    return cut
