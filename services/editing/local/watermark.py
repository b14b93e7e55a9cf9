"""A logo composited on an image: scaled to a share of the image's width, at a corner (or the
centre) of the usable area, with an opacity."""

from PIL import Image

from contracts.params.overlay import WatermarkParams
from services.editing.local.placement import Rect, anchored, safe_area, within


def watermark(image: Image.Image, logo: Image.Image, params: WatermarkParams) -> Image.Image:
    """`image` with `logo` drawn on it as `params` say (alpha kept; opaque logos as they are)."""
    area = safe_area(image.size, params.platform_format, params.margin)
    if params.box is not None:
        area = within(params.box, area)
    mark = _scaled(logo.convert("RGBA"), params.scale * image.width, area)
    alpha = mark.getchannel("A").point(lambda a: round(a * params.opacity))
    mark.putalpha(alpha)
    base = image.convert("RGBA")
    base.alpha_composite(mark, anchored(area, mark.size, params.corner))
    return base if image.mode in ("RGBA", "LA", "PA") else base.convert("RGB")


def _scaled(logo: Image.Image, width: float, area: Rect) -> Image.Image:
    """The logo at `width` px wide, shrunk further to fit the area, never below 1 px."""
    factor = min(width / logo.width, area.width / logo.width, area.height / logo.height)
    size = (max(1, round(logo.width * factor)), max(1, round(logo.height * factor)))
    return logo.resize(size, Image.Resampling.LANCZOS)
