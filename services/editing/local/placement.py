"""Where an overlay goes: the area it may use (the image less its margin, inside a platform
format's safe zone scaled to the image), and a position in it by anchor or box."""

from dataclasses import dataclass

from contracts.catalog.platforms import PRESETS, PlatformPreset
from contracts.params.overlay import Box
from shared.errors import PermanentError

MIN_SIDE = 8


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def inside(self, other: "Rect") -> bool:
        return (
            self.left >= other.left
            and self.top >= other.top
            and self.right <= other.right
            and self.bottom <= other.bottom
        )


def safe_area(size: tuple[int, int], platform_format: str | None, margin: int) -> Rect:
    """The part of an image of `size` an overlay may cover: the format's safe zone (its
    margins and centred box scaled from the format's canvas), less `margin` on each side."""
    width, height = size
    area = Rect(0, 0, width, height)
    if platform_format is not None:
        area = _zone(PRESETS[platform_format], width, height)
    shrunk = Rect(area.left + margin, area.top + margin, area.right - margin, area.bottom - margin)
    if shrunk.width < MIN_SIDE or shrunk.height < MIN_SIDE:
        raise PermanentError("invalid_params", "the margin leaves no room on this image")
    return shrunk


def _zone(preset: PlatformPreset, width: int, height: int) -> Rect:
    sx, sy = width / preset.width, height / preset.height
    area = Rect(0, 0, width, height)
    if preset.safe is not None:
        s = preset.safe
        area = Rect(
            round(s.left * sx),
            round(s.top * sy),
            width - round(s.right * sx),
            height - round(s.bottom * sy),
        )
    if preset.safe_box is not None:
        bw, bh = round(preset.safe_box[0] * sx), round(preset.safe_box[1] * sy)
        box = Rect((width - bw) // 2, (height - bh) // 2, (width + bw) // 2, (height + bh) // 2)
        area = Rect(
            max(area.left, box.left),
            max(area.top, box.top),
            min(area.right, box.right),
            min(area.bottom, box.bottom),
        )
    return area


def within(box: Box, area: Rect) -> Rect:
    """`box` clipped to `area` (refused when nothing of it is left)."""
    clipped = Rect(
        max(box.x, area.left),
        max(box.y, area.top),
        min(box.x + box.width, area.right),
        min(box.y + box.height, area.bottom),
    )
    if clipped.width < MIN_SIDE or clipped.height < MIN_SIDE:
        raise PermanentError(
            "invalid_params", "the box lies outside the image's usable area (margin, safe zone)"
        )
    return clipped


def anchored(area: Rect, size: tuple[int, int], anchor: str) -> tuple[int, int]:
    """The top-left corner of content of `size` at `anchor` of `area` (e.g. `bottom-right`)."""
    width, height = size
    vertical, _, horizontal = anchor.partition("-")
    if vertical in ("left", "right", "center"):
        vertical, horizontal = "center", vertical
    x = {
        "left": area.left,
        "right": area.right - width,
    }.get(horizontal, area.left + (area.width - width) // 2)
    y = {"top": area.top, "bottom": area.bottom - height}.get(
        vertical, area.top + (area.height - height) // 2
    )
    return x, y
