"""Safe-zone previews: an output with its platform's UI overlays shaded over it."""

import io

from PIL import Image, ImageDraw

from contracts.catalog.platforms import PlatformPreset
from services.optimizer.imaging.checks import overlay_zones, safe_area

SHADE = (255, 0, 64, 96)
SAFE_LINE = (0, 255, 128, 255)


def has_overlays(preset: PlatformPreset) -> bool:
    return bool(overlay_zones(preset)) or preset.mask == "circle"


def safe_zone_preview(output: Image.Image, preset: PlatformPreset) -> bytes:
    """`output` with the overlay zones shaded red and the safe area (or circle) outlined."""
    shade = Image.new("RGBA", output.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shade)
    zones = overlay_zones(preset)
    for zone in zones:
        draw.rectangle(zone, fill=SHADE)
    line = max(2, min(output.size) // 200)
    area = safe_area(preset)
    if area is not None:
        draw.rectangle((area[0], area[1], area[2] - 1, area[3] - 1), outline=SAFE_LINE, width=line)
    if preset.mask == "circle":
        draw.ellipse((0, 0, output.width - 1, output.height - 1), outline=SAFE_LINE, width=line)
    composed = Image.alpha_composite(output.convert("RGBA"), shade).convert("RGB")
    out = io.BytesIO()
    composed.save(out, "JPEG", quality=80)
    return out.getvalue()
