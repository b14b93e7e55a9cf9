"""`local-draft`: a procedural renderer that lets the stack run end to end without provider keys.

It is honest about what it is: every image carries a visible DRAFT mark. Its look derives from the
prompt (colour and scene words set the palette, the words seed the shapes, the prompt is printed
on it) and from the seed, and is deterministic for a given prompt, seed and size.
"""

import hashlib
import re
import threading

import numpy as np
from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont

from contracts.catalog.models import ModelSpec
from contracts.media import ImageFormat
from services.generation.providers.base import ImageRequest
from shared.cpu import CpuPool
from shared.images import encode
from shared.providers.base import ProviderImage

Rgb = tuple[int, int, int]
Font = ImageFont.ImageFont | ImageFont.FreeTypeFont
_fonts = threading.local()

SCENE_COLOURS: dict[str, tuple[str, ...]] = {
    "sunset": ("darkorange", "mediumvioletred"),
    "sunrise": ("gold", "lightsalmon"),
    "night": ("midnightblue", "slateblue"),
    "ocean": ("teal", "navy"),
    "sea": ("steelblue", "darkslateblue"),
    "forest": ("forestgreen", "darkolivegreen"),
    "snow": ("snow", "lightsteelblue"),
    "fire": ("orangered", "gold"),
    "desert": ("sandybrown", "peru"),
    "sky": ("skyblue", "white"),
    "neon": ("magenta", "cyan"),
    "autumn": ("chocolate", "goldenrod"),
    "spring": ("palegreen", "pink"),
}


class LocalDraft:
    """The `local-draft` provider; renders on the CPU pool."""

    name = "local-draft"

    def __init__(self, cpu: CpuPool) -> None:
        self._cpu = cpu

    async def generate(self, request: ImageRequest, model: ModelSpec) -> ProviderImage:
        data = await self._cpu.run(
            render_draft,
            request.prompt,
            request.width,
            request.height,
            request.seed,
            request.output_format,
        )
        return ProviderImage(data=data, seed=request.seed, model="draft")


def render_draft(prompt: str, width: int, height: int, seed: int, fmt: ImageFormat) -> bytes:
    """Draw the draft image and encode it in `fmt`."""
    digest = hashlib.sha256(f"{seed}\x00{prompt}".encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    palette = prompt_palette(prompt, rng)
    image = _shapes(_background(width, height, palette, rng), palette, rng)
    _caption(image, prompt, seed)
    return encode(image, fmt)


def prompt_palette(prompt: str, rng: np.random.Generator) -> list[Rgb]:
    """Four colours: named colours and scene words of the prompt first, then seeded ones."""
    names: list[str] = []
    for word in re.findall(r"[a-z]+", prompt.lower()):
        if word in ImageColor.colormap:
            names.append(word)
        names.extend(SCENE_COLOURS.get(word, ()))
    colours = [ImageColor.getrgb(name)[:3] for name in dict.fromkeys(names)][:4]
    while len(colours) < 4:
        r, g, b = (int(v) for v in rng.integers(30, 230, size=3))
        colours.append((r, g, b))
    return colours


def _background(
    width: int, height: int, palette: list[Rgb], rng: np.random.Generator
) -> Image.Image:
    angle = rng.uniform(0, np.pi)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    t = (xs / width) * np.cos(angle) + (ys / height) * np.sin(angle)
    t = (t - t.min()) / max(float(np.ptp(t)), 1e-6)
    start, end = (np.array(c, dtype=np.float32) for c in palette[:2])
    pixels = start + (end - start) * t[..., None]
    grain = Image.fromarray(rng.integers(0, 255, (6, 6), dtype=np.uint8)).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    weight = (np.asarray(grain, dtype=np.float32) / 255.0)[..., None] * 0.35
    pixels = pixels * (1 - weight) + np.array(palette[2], dtype=np.float32) * weight
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "RGB")


def _shapes(image: Image.Image, palette: list[Rgb], rng: np.random.Generator) -> Image.Image:
    width, height = image.size
    softness = max(1.0, min(width, height) / 200)
    blur = ImageFilter.GaussianBlur(softness)
    canvas = image.convert("RGBA")
    for _ in range(int(rng.integers(3, 8))):
        colour = palette[int(rng.integers(1, len(palette)))]
        # One layer per shape, filled with its colour, so the soft edge blends without a dark rim.
        layer = Image.new("RGBA", image.size, (*colour, 0))
        draw = ImageDraw.Draw(layer)
        fill = (*colour, int(rng.integers(90, 200)))
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.08, 0.35) * min(width, height)
        if rng.random() < 0.5:
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=fill)
        else:
            sides, rotation = int(rng.integers(3, 7)), rng.uniform(0, 360)
            draw.regular_polygon((cx, cy, radius), sides, rotation=rotation, fill=fill)
        margin = radius + 3 * softness
        box = _clamp((cx - margin, cy - margin, cx + margin, cy + margin), width, height)
        canvas.alpha_composite(layer.crop(box).filter(blur), dest=box[:2])
    return canvas.convert("RGB")


def _clamp(box: tuple[float, ...], width: int, height: int) -> tuple[int, int, int, int]:
    left, top, right, bottom = (int(v) for v in box)
    return max(0, left), max(0, top), min(width, right), min(height, bottom)


def _caption(image: Image.Image, prompt: str, seed: int) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image, "RGBA")
    size = max(8, min(width, height) // 24)
    font = _font(size)
    badge = "DRAFT" if width < 256 else f"DRAFT · local-draft · seed {seed}"
    pad = max(2, size // 3)
    box = draw.textbbox((pad, pad), badge, font=font)
    draw.rectangle((0, 0, box[2] + pad, box[3] + pad), fill=(0, 0, 0, 170))
    draw.text((pad, pad), badge, font=font, fill=(255, 255, 255, 255))
    if height < 128:
        return
    text = _fit(draw, prompt, font, width - 2 * pad)
    top = height - size - 3 * pad
    draw.rectangle((0, top, width, height), fill=(0, 0, 0, 140))
    draw.text((pad, top + pad), text, font=font, fill=(255, 255, 255, 235))


def _font(size: int) -> Font:
    """The built-in font at `size`, loaded once per size and render thread (a FreeType face is
    not to be shared between threads)."""
    fonts: dict[int, Font] = _fonts.__dict__.setdefault("by_size", {})
    if size not in fonts:
        fonts[size] = ImageFont.load_default(size=size)
    return fonts[size]


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, room: int) -> str:
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text + "…"
