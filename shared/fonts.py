"""Uploaded fonts checked by content: a TrueType or OpenType (CFF) file that FreeType loads and
that draws a glyph, within a byte limit. Anything else is refused with `invalid_font`."""

import hashlib
from io import BytesIO

from PIL import ImageFont

from contracts.catalog.fonts import FONT_CONTENT_TYPES
from contracts.media import StoredMedia
from shared.errors import PermanentError

MAGIC = {b"\x00\x01\x00\x00": "ttf", b"true": "ttf", b"OTTO": "otf"}
"""The sfnt versions of single fonts (collections, WOFF and Type 1 are refused)."""


class FontRejectedError(PermanentError):
    """An uploaded font refused by content. Codes: `invalid_font`, `payload_too_large`."""


def font_media(data: bytes, max_bytes: int) -> StoredMedia:
    """`data` checked as a font and described; raises `FontRejectedError` (CPU work)."""
    if len(data) > max_bytes:
        raise FontRejectedError("payload_too_large", f"a font may be at most {max_bytes} bytes")
    fmt = MAGIC.get(data[:4])
    if fmt is None:
        raise FontRejectedError("invalid_font", "not a TrueType or OpenType font (.ttf, .otf)")
    try:
        font = ImageFont.truetype(BytesIO(data), 32)
        drawn = font.getbbox("Ag")
    except (OSError, ValueError) as exc:
        raise FontRejectedError("invalid_font", f"the font does not load: {exc}") from exc
    if drawn[2] <= drawn[0]:
        raise FontRejectedError("invalid_font", "the font draws no glyphs")
    return StoredMedia(
        content_type=FONT_CONTENT_TYPES[fmt],
        format=fmt,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
