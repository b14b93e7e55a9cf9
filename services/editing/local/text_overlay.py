"""Text drawn on an image with Pillow's raqm layout (HarfBuzz shaping, FriBiDi ordering), so
Arabic joins, Hebrew runs right to left and Devanagari forms its conjuncts. Each line is set in
one face: the uploaded font, or the bundled family's face for the line's script."""

import logging
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageStat, features

from contracts.catalog.fonts import BUNDLED_FONTS, FONT_ROOT, line_script
from contracts.params.overlay import TextOverlayParams
from services.editing.local.placement import Rect, anchored, safe_area, within
from shared.errors import PermanentError

log = logging.getLogger(__name__)

MIN_SIZE = 6
MAX_SIZE = 2000
LINE_SPACING = 1.2
LIGHT, DARK = "#FFFFFF", "#111111"
BAND_PAD = (16, 8)
AUTO_SHARE = 3
"""Without a box, auto-fit text takes at most a third of the usable height."""


@cache
def layout_engine() -> ImageFont.Layout:
    """raqm where Pillow has it; the basic layout (no shaping) otherwise, with a warning."""
    if features.check("raqm"):
        return ImageFont.Layout.RAQM
    log.warning("raqm is missing: text is laid out without shaping (non-Latin scripts break)")
    return ImageFont.Layout.BASIC


@dataclass(frozen=True)
class Line:
    text: str
    font: ImageFont.FreeTypeFont
    width: int
    advance: int


def draw_text(image: Image.Image, params: TextOverlayParams, font: bytes | None) -> Image.Image:
    """`image` with `params.text` drawn on it (`font`: an uploaded font's bytes, if any)."""
    area = safe_area(image.size, params.platform_format, params.margin)
    if params.box is not None:
        area = within(params.box, area)
    pad = _band_pad(params)
    room = Rect(area.left + pad[0], area.top + pad[1], area.right - pad[0], area.bottom - pad[1])
    lines = _sized(params, font, room)
    extra = _extra(params, lines)
    size = (max(line.width for line in lines) + extra, sum(line.advance for line in lines) + extra)
    x, y = anchored(room, size, params.anchor)
    band = Rect(x - pad[0], y - pad[1], x + size[0] + pad[0], y + size[1] + pad[1])
    colour = _colour(params, image, band)
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    if params.band is not None:
        fill = _rgba(params.band, params.band_opacity)
        ImageDraw.Draw(layer).rectangle((band.left, band.top, band.right, band.bottom), fill)
    if params.shadow:
        layer.alpha_composite(_shadow(image.size, params, lines, (x, y), size[0]))
    _draw_lines(ImageDraw.Draw(layer), params, lines, (x, y, size[0]), colour)
    return _composited(image, layer)


def font_faces(params: TextOverlayParams, uploaded: bytes | None, line: str) -> str | BytesIO:
    """The face to set `line` in: the uploaded font, else the bundled family's for its script."""
    if uploaded is not None:
        return BytesIO(uploaded)
    family = BUNDLED_FONTS["sans" if params.font == "brand" else params.font]
    return f"{FONT_ROOT}/{family.faces[line_script(line)]}"


def laid_out(params: TextOverlayParams, uploaded: bytes | None, size: int) -> list[Line]:
    """Every line of the text at `size` px, measured as raqm shapes it."""
    lines = []
    for text in params.text.split("\n"):
        font = ImageFont.truetype(
            font_faces(params, uploaded, text), size, layout_engine=layout_engine()
        )
        width = round(font.getlength(text)) if text else 0
        ascent, descent = font.getmetrics()
        lines.append(Line(text, font, width, max(ascent + descent, round(size * LINE_SPACING))))
    return lines


def _sized(params: TextOverlayParams, font: bytes | None, room: Rect) -> list[Line]:
    """The lines at the asked size (refused when they overflow `room`), or at the largest size
    that fits (`auto`)."""
    height = room.height if params.box is not None else room.height // AUTO_SHARE
    if isinstance(params.size, int):
        lines = laid_out(params, font, params.size)
        if not _fits(params, lines, (room.width, room.height)):
            raise PermanentError(
                "invalid_params",
                f"the text at {params.size} px does not fit the {room.width}x{room.height} "
                "area (margin, box, safe zone); use a smaller size or `auto`",
            )
        return lines
    low, high, best = MIN_SIZE, max(MIN_SIZE, min(height, MAX_SIZE)), None
    while low <= high:
        mid = (low + high) // 2
        lines = laid_out(params, font, mid)
        if _fits(params, lines, (room.width, height)):
            best, low = lines, mid + 1
        else:
            high = mid - 1
    if best is None:
        raise PermanentError("invalid_params", "the text does not fit the area even at 6 px")
    return best


def _fits(params: TextOverlayParams, lines: list[Line], room: tuple[int, int]) -> bool:
    extra = _extra(params, lines)
    width = max(line.width for line in lines) + extra
    return width <= room[0] and sum(line.advance for line in lines) + extra <= room[1]


def _extra(params: TextOverlayParams, lines: list[Line]) -> int:
    """Pixels the outline and the shadow add to the block."""
    return 2 * params.outline + (_shadow_offset(lines) if params.shadow else 0)


def _shadow_offset(lines: list[Line]) -> int:
    return max(1, round(lines[0].font.size / 18))


def _band_pad(params: TextOverlayParams) -> tuple[int, int]:
    """The band's room around the text (none without a band)."""
    return BAND_PAD if params.band is not None else (0, 0)


def _colour(params: TextOverlayParams, image: Image.Image, under: Rect) -> str:
    """The asked colour, or the one of white and near-black that contrasts more with what lies
    under the text (the band, when there is one)."""
    if params.color != "auto":
        return params.color
    if params.band is not None:
        return auto_contrast(_luminance(_hex_rgb(params.band)))
    box = (max(under.left, 0), max(under.top, 0), under.right, under.bottom)
    mean = ImageStat.Stat(image.convert("RGB").crop(box)).mean
    return auto_contrast(_luminance((mean[0], mean[1], mean[2])))


def auto_contrast(luminance: float) -> str:
    """White or near-black, whichever has the higher WCAG contrast against `luminance`."""
    dark = _luminance(_hex_rgb(DARK))
    on_light = (luminance + 0.05) / (dark + 0.05)
    on_dark = 1.05 / (luminance + 0.05)
    return DARK if on_light > on_dark else LIGHT


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _rgba(colour: str, opacity: float) -> tuple[int, int, int, int]:
    return (*_hex_rgb(colour), round(opacity * 255))


def _draw_lines(
    draw: ImageDraw.ImageDraw,
    params: TextOverlayParams,
    lines: list[Line],
    block: tuple[int, int, int],
    colour: str,
) -> None:
    left, top, width = block
    stroke = (DARK if colour == LIGHT else LIGHT) if params.outline else None
    y = top + params.outline
    for line in lines:
        offset = {"left": 0, "right": width - line.width - 2 * params.outline}.get(
            params.align, (width - line.width) // 2 - params.outline
        )
        x = left + params.outline + offset
        draw.text(
            (x, y), line.text, font=line.font, fill=colour, stroke_width=params.outline,
            stroke_fill=stroke,
        )  # fmt: skip
        y += line.advance


def _shadow(
    size: tuple[int, int],
    params: TextOverlayParams,
    lines: list[Line],
    origin: tuple[int, int],
    width: int,
) -> Image.Image:
    offset = _shadow_offset(lines)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    at = (origin[0] + offset, origin[1] + offset, width)
    _draw_lines(ImageDraw.Draw(layer), params, lines, at, "#000000")
    return layer.filter(ImageFilter.GaussianBlur(offset))


def _composited(image: Image.Image, layer: Image.Image) -> Image.Image:
    base = image.convert("RGBA")
    base.alpha_composite(layer)
    return base if image.mode in ("RGBA", "LA", "PA") else base.convert("RGB")
