"""Recolouring of the local editing algorithms: the selected colour turns, shading, masks and
alpha stay, colour words are found, and what it refuses."""

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from contracts.catalog.colours import colour_in
from services.editing.local.recolor import recolor
from tests.support.editing import refused


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
