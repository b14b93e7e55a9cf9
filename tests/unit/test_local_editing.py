from collections.abc import Callable
from functools import cache

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from services.editing.local.inpaint import erase
from services.editing.local.outpaint import outpaint
from services.editing.local.upscale import upscale
from tests.support.editing import refused, ring
from tests.support.photos import astronaut, photo, psnr, reference_ssim


def grey(image: Image.Image) -> NDArray[np.uint8]:
    return np.asarray(image.convert("L"))


def ssim(a: Image.Image, b: Image.Image) -> float:
    return reference_ssim(grey(a), grey(b))


@cache
def photo_crop() -> Image.Image:
    """512x512 of the grainy photo: the shuttle, the flag's edge and plain backdrop."""
    return photo((1600, 1200)).crop((700, 100, 1212, 612))


# upscale


@pytest.mark.parametrize("source", [astronaut, photo_crop], ids=["astronaut", "photo"])
@pytest.mark.parametrize(
    "down", [Image.Resampling.BOX, Image.Resampling.LANCZOS], ids=["box", "lanczos"]
)
def test_upscale_beats_nearest_and_bilinear(
    source: Callable[[], Image.Image], down: Image.Resampling
) -> None:
    original = source()
    small = original.resize((original.width // 4, original.height // 4), down)
    ours = upscale(small, 4)
    assert ours.size == original.size
    for plain in (Image.Resampling.NEAREST, Image.Resampling.BILINEAR):
        other = small.resize(original.size, plain)
        assert psnr(ours, original) > psnr(other, original)
        assert ssim(ours, original) > ssim(other, original)


def test_upscale_is_sharper_than_lanczos_without_losing_fidelity() -> None:
    original = astronaut()
    small = original.resize((128, 128), Image.Resampling.BOX)
    ours, lanczos = upscale(small), small.resize(original.size, Image.Resampling.LANCZOS)
    detail = [float(cv2.Laplacian(grey(i), cv2.CV_32F).var()) for i in (ours, lanczos)]
    assert detail[0] > 1.5 * detail[1]
    assert psnr(ours, original) > psnr(lanczos, original) - 0.5


def test_upscale_leaves_noise_in_flat_areas_alone() -> None:
    noise = np.random.default_rng(3).normal(128, 4, (64, 64, 3))
    flat = Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8))
    ours, lanczos = upscale(flat), flat.resize((256, 256), Image.Resampling.LANCZOS)
    assert grey(ours).std() < 1.1 * grey(lanczos).std()


def test_upscale_keeps_alpha() -> None:
    image = astronaut().resize((64, 64)).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((64, 64)))
    out = upscale(image, 2)
    assert (out.mode, out.size) == ("RGBA", (128, 128))
    expected = image.getchannel("A").resize((128, 128), Image.Resampling.LANCZOS)
    assert np.abs(grey(out.getchannel("A")).astype(int) - grey(expected)).max() <= 2


def test_upscale_refuses_a_silly_factor() -> None:
    with refused("invalid_params"):
        upscale(astronaut(), 0)
    with refused("invalid_params"):
        upscale(astronaut(), 16)


# erase


@pytest.mark.parametrize("box", [(40, 120, 120, 180), (150, 250, 330, 380)], ids=["small", "wide"])
def test_erase_removes_a_drawn_blob(box: tuple[int, int, int, int]) -> None:
    original = photo_crop()
    drawn = original.copy()
    ImageDraw.Draw(drawn).ellipse(box, fill=(230, 20, 20))
    mask = Image.new("L", original.size)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    out = np.asarray(erase(drawn, mask), np.float32)
    blob = grey(mask) > 127
    around = out[ring(blob, 6, 14)].mean(axis=0)
    inside = out[blob].mean(axis=0)
    assert np.linalg.norm(inside - around) < 25
    assert np.linalg.norm(inside - (230, 20, 20)) > 150
    truth, before = np.asarray(original, np.float32), np.asarray(drawn, np.float32)
    assert np.abs(out - truth)[blob].mean() < 0.3 * np.abs(before - truth)[blob].mean()
    untouched = ~(cv2.dilate(blob.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0)
    assert (out[untouched] == truth[untouched]).all()


def test_erase_keeps_alpha_and_fills_it() -> None:
    image = photo_crop().convert("RGBA")
    image.putalpha(200)
    mask = Image.new("L", image.size)
    ImageDraw.Draw(mask).rectangle((100, 100, 140, 140), fill=255)
    out = erase(image, mask)
    assert out.mode == "RGBA"
    alpha = np.asarray(out.getchannel("A")).astype(int)
    assert np.abs(alpha - 200).max() <= 4  # inpainting a flat plane overshoots a little


def test_erase_refuses_a_large_region_or_none() -> None:
    mask = Image.new("L", (512, 512))
    ImageDraw.Draw(mask).rectangle((0, 0, 300, 300), fill=255)
    with refused("region_too_large_for_local"):
        erase(photo_crop(), mask)
    with refused("nothing_selected"):
        erase(photo_crop(), Image.new("L", (512, 512)))
    with refused("invalid_params"):
        erase(photo_crop(), mask, grow=-1)


# outpaint


def test_outpaint_grows_the_canvas_around_the_untouched_original() -> None:
    original = astronaut()
    out = outpaint(original, 100, 40, 0, 60)
    assert out.size == (512 + 140, 512 + 60)
    assert np.array_equal(np.asarray(out)[:512, 100:612], np.asarray(original))


def test_outpaint_has_no_hard_seam() -> None:
    original = astronaut()
    out = np.asarray(outpaint(original, 200, 200, 200, 200).convert("L"), np.float32)
    inside = out[200:712, 200:712]
    typical = np.abs(np.diff(inside, axis=1)).mean()
    # Steps across the left and right seams and the first px of new border beyond them.
    left = np.abs(np.diff(out[200:712, 195:202], axis=1)).mean(axis=0)
    right = np.abs(np.diff(out[200:712, 710:717], axis=1)).mean(axis=0)
    assert left.max() <= typical
    assert right.max() <= typical


def test_outpaint_fades_toward_broad_colours_far_out() -> None:
    out = np.asarray(outpaint(astronaut(), 0, 0, 0, 500).convert("L"), np.float32)
    far = out[-100:]
    assert np.abs(np.diff(far, axis=1)).mean() < 0.2 * np.abs(np.diff(out[:512], axis=1)).mean()


def test_outpaint_keeps_alpha() -> None:
    image = astronaut().resize((64, 64)).convert("RGBA")
    out = outpaint(image, 10, 0, 0, 0)
    assert (out.mode, out.size) == ("RGBA", (74, 64))
    assert (np.asarray(out.getchannel("A")) == 255).all()


@pytest.mark.parametrize("sides", [(0, 0, 0, 0), (-1, 10, 0, 0), (0, 2001, 0, 0)])
def test_outpaint_refuses_bad_sides(sides: tuple[int, int, int, int]) -> None:
    with refused("invalid_params"):
        outpaint(astronaut(), *sides)
