import io

import numpy as np
from PIL import Image

from contracts.media import ImageFormat
from services.generation.providers.local_draft import prompt_palette, render_draft


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_renders_at_the_requested_size_and_format() -> None:
    for fmt, pil in [
        (ImageFormat.PNG, "PNG"),
        (ImageFormat.JPEG, "JPEG"),
        (ImageFormat.WEBP, "WEBP"),
    ]:
        image = decoded(render_draft("a red fox", 320, 200, 7, fmt))
        assert (image.format, image.size) == (pil, (320, 200))


def test_same_prompt_and_seed_give_the_same_image() -> None:
    first = render_draft("a red fox", 256, 256, 42, ImageFormat.PNG)
    assert first == render_draft("a red fox", 256, 256, 42, ImageFormat.PNG)


def test_seed_and_prompt_change_the_image() -> None:
    base = np.asarray(decoded(render_draft("a red fox", 256, 256, 42, ImageFormat.PNG)), float)
    for prompt, seed in [("a red fox", 43), ("a blue whale", 42)]:
        other = np.asarray(decoded(render_draft(prompt, 256, 256, seed, ImageFormat.PNG)), float)
        assert np.abs(base - other).mean() > 10


def test_colour_words_of_the_prompt_lead_the_palette() -> None:
    palette = prompt_palette("a gold crown on navy velvet", np.random.default_rng(1))
    assert palette[:2] == [(255, 215, 0), (0, 0, 128)]


def test_the_image_is_marked_as_a_draft() -> None:
    image = decoded(render_draft("a red fox", 512, 512, 1, ImageFormat.PNG)).convert("L")
    badge = np.asarray(image)[:20, :40]
    assert badge.max() > 200
    assert badge.min() < 60
