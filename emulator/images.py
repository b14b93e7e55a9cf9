"""Real images for the emulated answers: a gradient whose colours derive from the prompt, at the
size and in the format the request implies (cached: the emulator must stay cheap under load)."""

import hashlib
import io
from functools import lru_cache

import numpy as np
from PIL import Image

HUE_BUCKETS = 16


def image_for(prompt: str, width: int, height: int, fmt: str) -> bytes:
    return _render(_bucket(prompt), width, height, fmt)


def gradient_for(prompt: str, width: int, height: int) -> Image.Image:
    """The picture `image_for` encodes, as a fresh (uncached, mutable) RGB image."""
    return _gradient(_bucket(prompt), width, height)


def colour_for(prompt: str) -> tuple[int, int, int]:
    """The first colour of the prompt's gradient (solid-colour answers: videos)."""
    return _rgb(_bucket(prompt) / HUE_BUCKETS)


def encode(image: Image.Image, fmt: str) -> bytes:
    """`image` in the format `fmt` names (jpeg drops any alpha)."""
    out = io.BytesIO()
    name = {"jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP"}.get(fmt, "PNG")
    if name == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    image.save(out, name, **({"compress_level": 1} if name == "PNG" else {"quality": 90}))
    return out.getvalue()


def _bucket(prompt: str) -> int:
    return int.from_bytes(hashlib.sha256(prompt.encode()).digest()[:2], "big") % HUE_BUCKETS


@lru_cache(maxsize=256)
def _render(bucket: int, width: int, height: int, fmt: str) -> bytes:
    return encode(_gradient(bucket, width, height), fmt)


def _gradient(bucket: int, width: int, height: int) -> Image.Image:
    hue = bucket / HUE_BUCKETS
    start = np.array(_rgb(hue), dtype=np.float32)
    end = np.array(_rgb((hue + 0.35) % 1), dtype=np.float32)
    t = np.linspace(0, 1, width, dtype=np.float32)[None, :, None]
    rows = np.linspace(0, 0.3, height, dtype=np.float32)[:, None, None]
    pixels = start + (end - start) * np.clip(t + rows, 0, 1)
    return Image.fromarray(pixels.astype(np.uint8), "RGB")


def _rgb(hue: float) -> tuple[int, int, int]:
    sector, f = divmod(hue * 6, 1)
    up, down = int(255 * f), int(255 * (1 - f))
    table = [
        (255, up, 0),
        (down, 255, 0),
        (0, 255, up),
        (0, down, 255),
        (up, 0, 255),
        (255, 0, down),
    ]
    return table[int(sector) % 6]
