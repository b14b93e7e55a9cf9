from collections.abc import Callable
from functools import cache

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from contracts.catalog.colours import colour_in
from services.editing.local.background import remove_background
from services.editing.local.inpaint import erase
from services.editing.local.outpaint import outpaint
from services.editing.local.recolor import recolor
from services.editing.local.upscale import upscale
from shared.errors import PermanentError
from tests.support.photos import astronaut, photo, psnr, reference_ssim

Mask = NDArray[np.bool_]


def grey(image: Image.Image) -> NDArray[np.uint8]:
    return np.asarray(image.convert("L"))


def ssim(a: Image.Image, b: Image.Image) -> float:
    return reference_ssim(grey(a), grey(b))


@cache
def photo_crop() -> Image.Image:
    """512x512 of the grainy photo: the shuttle, the flag's edge and plain backdrop."""
    return photo((1600, 1200)).crop((700, 100, 1212, 612))


def ring(region: Mask, inner: int, outer: int) -> Mask:
    """Pixels between `inner` and `outer` px outside the region."""
    plane = region.astype(np.uint8)
    near = cv2.dilate(plane, np.ones((2 * inner + 1,) * 2, np.uint8)) > 0
    far = cv2.dilate(plane, np.ones((2 * outer + 1,) * 2, np.uint8)) > 0
    return far & ~near


def refused(code: str) -> pytest.RaisesExc[PermanentError]:
    return pytest.raises(PermanentError, check=lambda error: error.code == code)


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


# background removal


def subject_scene(
    size: tuple[int, int],
    box: tuple[int, int, int, int],
    colour: tuple[int, int, int],
    backdrop: tuple[tuple[int, int, int], tuple[int, int, int]],
    disc: bool = True,
) -> tuple[Image.Image, Mask]:
    """A shaded, textured subject on a plain or gently graded backdrop, and its true mask."""
    width, height = size
    top, bottom = (np.array(c, np.float32) for c in backdrop)
    t = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    pixels = np.broadcast_to(top * (1 - t) + bottom * t, (height, width, 3)).copy()
    outline = Image.new("L", size)
    if disc:
        ImageDraw.Draw(outline).ellipse(box, fill=255)
    else:
        ImageDraw.Draw(outline).rounded_rectangle(box, radius=(box[2] - box[0]) // 6, fill=255)
    subject = np.asarray(outline) > 127
    ys, xs = np.mgrid[0:height, 0:width]
    span = box[2] - box[0]
    light = np.hypot(xs - box[0] - span * 0.35, ys - box[1] - span * 0.35) / (1.2 * span)
    rng = np.random.default_rng(1)
    texture = cv2.GaussianBlur(rng.normal(0, 24, (height, width)).astype(np.float32), (0, 0), 1.5)
    shaded = np.array(colour, np.float32) * (1 - 0.45 * np.clip(light, 0, 1))[..., None]
    pixels[subject] = (shaded + texture[..., None])[subject]
    pixels += rng.normal(0, 2, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), subject


SCENES = {
    "centred disc": ((640, 480), (200, 120, 440, 360), (200, 60, 40), True),
    "off-centre rectangle": ((640, 480), (30, 50, 260, 300), (60, 120, 200), False),
    "corner disc, large image": ((1200, 900), (650, 380, 1130, 860), (90, 160, 80), True),
    "small subject, portrait": ((300, 400), (40, 220, 140, 360), (230, 200, 60), False),
    "greyish disc": ((640, 480), (150, 100, 450, 400), (150, 150, 175), True),
}
BACKDROPS = {
    "plain": ((238, 238, 242), (238, 238, 242)),
    "graded": ((235, 236, 240), (185, 190, 205)),
}


@pytest.mark.parametrize("backdrop", BACKDROPS.values(), ids=BACKDROPS.keys())
@pytest.mark.parametrize("scene", SCENES.values(), ids=SCENES.keys())
def test_background_removal_cuts_out_the_subject(
    scene: tuple[tuple[int, int], tuple[int, int, int, int], tuple[int, int, int], bool],
    backdrop: tuple[tuple[int, int, int], tuple[int, int, int]],
) -> None:
    size, box, colour, disc = scene
    image, subject = subject_scene(size, box, colour, backdrop, disc)
    out = remove_background(image)
    assert (out.mode, out.size) == ("RGBA", image.size)
    alpha = np.asarray(out.getchannel("A"))
    found = alpha > 127
    assert (found & subject).sum() / (found | subject).sum() >= 0.9
    edge = ring(subject, 0, 6) | ring(~subject, 0, 6)
    assert alpha[~subject & ~edge].mean() < 10
    assert alpha[subject & ~edge].mean() > 245
    assert np.array_equal(np.asarray(out)[..., :3], np.asarray(image))


def test_background_removal_of_a_portrait_is_sane() -> None:
    alpha = np.asarray(remove_background(astronaut()).getchannel("A"))
    assert 0.1 < (alpha > 127).mean() < 0.8
    assert alpha[90:150, 195:255].mean() > 200  # the face
    assert alpha[:60, 290:370].mean() < 50  # the backdrop above her shoulder


def test_background_removal_refuses_a_tiny_image() -> None:
    with refused("image_too_small"):
        remove_background(astronaut().resize((8, 8)))


# recolor


def red_square() -> Image.Image:
    image = Image.new("RGB", (200, 200), (128, 128, 128))
    ImageDraw.Draw(image).rectangle((50, 50, 149, 149), fill=(210, 40, 30))
    return image


def hue(pixel: NDArray[np.uint8]) -> float:
    """Degrees on the colour wheel of one RGB pixel."""
    hsv = cv2.cvtColor(pixel.reshape(1, 1, 3).astype(np.float32) / 255, cv2.COLOR_RGB2HSV)
    return float(hsv[0, 0, 0])


def test_recolor_turns_the_selected_colour_and_nothing_else() -> None:
    image = red_square()
    out = np.asarray(recolor(image, "make it bright blue", select="the red square"))
    assert 200 <= hue(out[100, 100]) <= 240
    assert out[100, 100, 2] > 150 > out[100, 100, 0]
    away = np.ones((200, 200), bool)
    away[45:155, 45:155] = False
    assert (out[away] == 128).all()


def test_recolor_keeps_shading() -> None:
    shaded = np.zeros((100, 100, 3), np.uint8)
    shaded[..., 0] = np.linspace(80, 240, 100, dtype=np.uint8)[None, :]
    shaded[..., 1] = shaded[..., 0] // 6
    out = np.asarray(recolor(Image.fromarray(shaded), "green", select="red"), np.float32)
    value = out.max(axis=2)
    assert np.abs(value[50, 10:-10] - shaded.max(axis=2)[50, 10:-10]).max() <= 3


def test_recolor_uses_a_mask_when_given() -> None:
    image = Image.new("RGB", (100, 100), (200, 60, 60))
    mask = Image.new("L", (100, 100))
    ImageDraw.Draw(mask).rectangle((0, 0, 49, 99), fill=255)
    out = np.asarray(recolor(image, "teal", mask=mask))
    assert 160 <= hue(out[50, 10]) <= 200
    assert (out[:, 60:] == (200, 60, 60)).all()


def test_recolor_keeps_alpha() -> None:
    image = red_square().convert("RGBA")
    image.putalpha(90)
    out = recolor(image, "green", select="red")
    assert out.mode == "RGBA"
    assert (np.asarray(out.getchannel("A")) == 90).all()


def test_colour_words_are_found() -> None:
    assert colour_in("make it Teal, please") == "teal"
    assert colour_in("the red car") == "red"
    assert colour_in("make it nicer") is None
    assert colour_in("turn the red car bright blue") == "blue"


@pytest.mark.parametrize(
    ("target", "select", "code"),
    [
        ("make it nicer", "the red square", "colour_not_understood"),
        ("blue", None, "colour_not_understood"),
        ("blue", "the car", "colour_not_understood"),
        ("blue", "the green square", "nothing_selected"),
    ],
)
def test_recolor_refuses_what_it_cannot_do(target: str, select: str | None, code: str) -> None:
    with refused(code):
        recolor(red_square(), target, select=select)
