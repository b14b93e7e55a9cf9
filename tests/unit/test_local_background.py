"""Background removal of the local editing algorithms: cut-outs of drawn scenes on many
backdrops, a portrait, and what it refuses."""

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from services.editing.local.background import remove_background
from tests.support.editing import Mask, refused, ring
from tests.support.photos import astronaut


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
