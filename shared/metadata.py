"""Location removed from images before they are stored, without touching their pixels.

The EXIF GPS IFD (tag 0x8825) goes; the rest of EXIF (orientation, camera, copyright) stays. Only
the EXIF payload is rewritten, in its container: JPEG's APP1 `Exif` segment (in each picture of
a multi-picture MPO, whose index is kept valid), WebP's `EXIF` chunk
(RIFF size kept right) and PNG's `eXIf` chunk (CRC recomputed). An image without GPS comes back
as the very same bytes. EXIF that cannot be read is dropped whole: it may hold a location.
"""

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from PIL import ExifTags, Image

from contracts.media import ImageFormat
from shared.images import ImageRejectedError

GPS_IFD = ExifTags.IFD.GPSInfo
EXIF_HEADER = b"Exif\x00\x00"
WEBP_EXIF_FLAG = 0x08
"""The VP8X header's bit saying an `EXIF` chunk follows."""
APP1, APP2, SOS, EOI = 0xE1, 0xE2, 0xDA, 0xD9
STANDALONE = {0x01, *range(0xD0, 0xD8)}
"""JPEG markers without a length."""
MP_ENTRY = 0xB002
"""The MPF tag listing each picture's size and offset."""


def strip_location(data: bytes, fmt: ImageFormat) -> bytes:
    """`data` without EXIF GPS; `data` itself when it has none (CPU work; check the image
    first: a malformed JPEG raises `ImageRejectedError`)."""
    if fmt is ImageFormat.JPEG:
        return _jpeg_without_location(data)
    if fmt is ImageFormat.WEBP:
        return _webp_without_location(data)
    return _png_without_location(data)


def exif_without_location(payload: bytes) -> bytes | None:
    """EXIF's TIFF data (an `Exif\\0\\0` header is read too, not written) without its GPS IFD:
    `payload` itself when it has none, None when it cannot be read."""
    exif = Image.Exif()
    try:
        exif.load(payload)
        if GPS_IFD not in exif:
            return payload
        del exif[GPS_IFD]
        return exif.tobytes()[len(EXIF_HEADER) :]
    except Exception:  # Pillow raises many kinds on odd tags (e.g. a rational where text goes)
        return None


def without_gps(exif: Image.Exif) -> Image.Exif:
    """A copy of `exif` without its GPS IFD, for images being re-encoded (empty when it
    cannot be written)."""
    clean = Image.Exif()
    try:
        clean.load(exif.tobytes())
    except Exception:  # as above: EXIF Pillow cannot rewrite is dropped whole
        return Image.Exif()
    if GPS_IFD in clean:
        del clean[GPS_IFD]
    return clean


def _jpeg_without_location(data: bytes) -> bytes:
    spans = _pictures(data)
    cleaned = [_picture_without_location(data[start:end]) for start, end in spans]
    if all(clean is None for clean in cleaned):
        return data
    out, starts, sizes, at = bytearray(), [], [], 0
    for (start, end), clean in zip(spans, cleaned, strict=True):
        picture = data[start:end] if clean is None else clean
        out += data[at:start]
        starts.append(len(out))
        sizes.append(len(picture))
        out += picture
        at = end
    out += data[at:]
    return _reindexed(bytes(out), starts, sizes) if len(spans) > 1 else bytes(out)


def _picture_without_location(picture: bytes) -> bytes | None:
    """One JPEG picture with its Exif segments rewritten, or None when none held GPS."""
    parts, last = [], 0
    for marker, start, end in _segments(picture):
        if marker != APP1 or picture[start + 4 : start + 10] != EXIF_HEADER:
            continue
        tiff = picture[start + 10 : end]
        clean = exif_without_location(tiff)
        if clean is tiff:
            continue
        parts += [picture[last:start], _app1(clean)]
        last = end
    return b"".join([*parts, picture[last:]]) if parts else None


def _app1(tiff: bytes | None) -> bytes:
    if tiff is None or len(tiff) + 8 > 0xFFFF:
        return b""
    return struct.pack(">HH", 0xFF00 | APP1, len(tiff) + 8) + EXIF_HEADER + tiff


def _segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each segment of a JPEG picture, up to its first scan."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:  # stray bytes between segments: skipped, as decoders do
            at += 1
            continue
        marker = data[at + 1]
        if marker == 0xFF or marker in STANDALONE:  # a fill byte, or a marker without length
            at += 1 if marker == 0xFF else 2
            continue
        if marker in (SOS, EOI):
            return
        end = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if not at + 4 <= end <= len(data):
            raise ImageRejectedError("invalid_image", "the JPEG has a truncated segment")
        yield marker, at, end
        at = end


@dataclass(frozen=True)
class MpIndex:
    """Where an MPO's pictures are: offsets count from `base` (the MPF TIFF header)."""

    base: int
    entries_at: int
    order: str
    entries: list[tuple[int, int]]
    """(size, offset) of each picture; the first's offset is 0."""


def _pictures(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each picture: the MPO index's when it is sound, else the whole file."""
    index = _mp_index(data)
    whole = [(0, len(data))]
    if index is None or not index.entries:
        return whole
    spans = [(0, index.entries[0][0])]
    spans += [
        (index.base + offset, index.base + offset + size) for size, offset in index.entries[1:]
    ]
    ordered = all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    if not ordered or spans[-1][1] > len(data):
        return whole
    return spans if all(data[start : start + 2] == b"\xff\xd8" for start, _ in spans) else whole


def _mp_index(data: bytes) -> MpIndex | None:
    for marker, start, _ in _segments(data):
        if marker == APP2 and data[start + 4 : start + 8] == b"MPF\x00":
            try:
                return _mp_entries(data, start + 8)
            except struct.error:
                return None
    return None


def _mp_entries(data: bytes, base: int) -> MpIndex | None:
    order = "<" if data[base : base + 2] == b"II" else ">"
    ifd = base + struct.unpack_from(order + "I", data, base + 4)[0]
    (count,) = struct.unpack_from(order + "H", data, ifd)
    for n in range(count):
        tag, _, length, offset = struct.unpack_from(order + "HHII", data, ifd + 2 + 12 * n)
        if tag == MP_ENTRY:
            at = base + offset
            entries = [
                struct.unpack_from(order + "4xII4x", data, at + 16 * k) for k in range(length // 16)
            ]
            return MpIndex(base, at, order, entries)
    return None


def _reindexed(data: bytes, starts: list[int], sizes: list[int]) -> bytes:
    """`data` with its MPO index giving each picture's new size and offset."""
    index = _mp_index(data)
    if index is None:
        return data
    out = bytearray(data)
    for n, (start, size) in enumerate(zip(starts, sizes, strict=True)):
        offset = 0 if n == 0 else start - index.base
        struct.pack_into(index.order + "II", out, index.entries_at + 16 * n + 4, size, offset)
    return bytes(out)


def _webp_without_location(data: bytes) -> bytes:
    for fourcc, start, end in _riff_chunks(data):
        if fourcc != b"EXIF":
            continue
        payload = data[start + 8 : end]
        clean = exif_without_location(payload)
        if clean is payload:
            return data
        chunk = b"" if clean is None else _riff_chunk(b"EXIF", clean)
        out = bytearray(data[:start] + chunk + data[start + 8 + _padded(len(payload)) :])
        struct.pack_into("<I", out, 4, int.from_bytes(data[4:8], "little") + len(out) - len(data))
        if clean is None and out[12:16] == b"VP8X":
            out[20] &= ~WEBP_EXIF_FLAG & 0xFF
        return bytes(out)
    return data


def _riff_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(fourcc, start, payload end) of each chunk of a RIFF file."""
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    chunks, at = [], 12
    while at + 8 <= end:
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        chunks.append((data[at : at + 4], at, min(at + 8 + size, end)))
        at += 8 + _padded(size)
    return chunks


def _riff_chunk(fourcc: bytes, payload: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)


def _padded(size: int) -> int:
    return size + (size & 1)


def _png_without_location(data: bytes) -> bytes:
    at = 8
    while at + 12 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, at)
        end = at + 12 + size
        if kind == b"eXIf":
            payload = data[at + 8 : end - 4]
            clean = exif_without_location(payload)
            if clean is payload:
                return data
            return data[:at] + (b"" if clean is None else _png_chunk(kind, clean)) + data[end:]
        if kind == b"IEND":
            return data
        at = end
    return data


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)
