import io

import pytest
from PIL import Image

from contracts.media import ImageFormat
from shared import images
from shared.images import (
    Convertible,
    ImageLimits,
    ImageRejectedError,
    inspect_image,
    open_convertible,
    sniff_convertible,
    sniff_format,
)
from shared.ingest import prepare_upload

LIMITS = ImageLimits(max_bytes=1_000_000, max_pixels=1_000_000)


def encoded(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("PNG", ImageFormat.PNG), ("JPEG", ImageFormat.JPEG), ("WEBP", ImageFormat.WEBP)],
)
def test_allowed_formats_are_recognised_by_content(fmt: str, expected: ImageFormat) -> None:
    info = inspect_image(encoded(fmt), LIMITS)
    assert (info.format, info.width, info.height) == (expected, 40, 30)
    assert sniff_format(encoded(fmt)) is expected


@pytest.mark.parametrize("data", [encoded("GIF"), encoded("BMP"), b"%PDF-1.7", b"hello"])
def test_other_content_is_unsupported(data: bytes) -> None:
    with pytest.raises(ImageRejectedError) as refused:
        inspect_image(data, LIMITS)
    assert refused.value.code == "unsupported_media_type"


def test_pixel_bomb_is_refused_from_the_header() -> None:
    bomb = encoded("PNG", (2000, 2000))  # 4 MP of one colour: a few KB that inflate to 12 MB
    assert len(bomb) < 100_000
    with pytest.raises(ImageRejectedError) as refused:
        inspect_image(bomb, LIMITS)
    assert refused.value.code == "decompression_bomb"


def test_truncated_image_is_invalid() -> None:
    with pytest.raises(ImageRejectedError) as refused:
        inspect_image(encoded("PNG", (300, 300))[:200], LIMITS)
    assert refused.value.code == "invalid_image"


def test_too_many_bytes_is_refused() -> None:
    with pytest.raises(ImageRejectedError) as refused:
        inspect_image(encoded("PNG"), ImageLimits(max_bytes=10, max_pixels=10**6))
    assert refused.value.code == "payload_too_large"


def heif(fmt: str, image: Image.Image, exif: Image.Exif | None = None) -> bytes:
    """`image` as AVIF (Pillow) or HEIC (pillow-heif, skipped when not installed)."""
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    out = io.BytesIO()
    image.save(out, fmt, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def rotated_exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise
    exif[0x010F] = "Apple"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 30.0, 0.0)})
    return exif


@pytest.mark.parametrize(("fmt", "kind"), [("AVIF", Convertible.AVIF), ("HEIF", Convertible.HEIC)])
def test_avif_and_heic_are_recognised_by_their_brands(fmt: str, kind: Convertible) -> None:
    data = heif(fmt, Image.new("RGB", (40, 30), "red"))
    assert sniff_convertible(data) is kind
    assert sniff_format(data) is None
    assert open_convertible(data, LIMITS).size == (40, 30)


def test_other_iso_media_is_not_an_image() -> None:
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    assert sniff_convertible(mp4) is None
    assert sniff_convertible(b"\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00mif1") is Convertible.HEIC


@pytest.mark.parametrize(
    ("fmt", "color", "stored", "size"),
    [
        # Pillow writes the orientation as AVIF's irot/imir, read back as EXIF orientation
        ("AVIF", (255, 0, 0, 128), "png", (30, 40)),
        # HEIF's own irot/imir rule (applied by libheif): an EXIF orientation alone is ignored
        ("HEIF", (255, 0, 0), "jpeg", (40, 30)),
    ],
)
def test_avif_and_heic_are_converted_upright_without_location(
    fmt: str, color: tuple[int, ...], stored: str, size: tuple[int, int]
) -> None:
    mode = "RGBA" if len(color) == 4 else "RGB"
    data = heif(fmt, Image.new(mode, (40, 30), color), rotated_exif_with_gps())
    converted, image = prepare_upload(data, LIMITS)
    assert (image.format, image.width, image.height) == (stored, *size)
    assert image.bytes == len(converted)
    opened = Image.open(io.BytesIO(converted))
    assert (str(opened.format).lower(), opened.size) == (stored, size)
    exif = opened.getexif()
    assert exif.get_ifd(0x8825) == {}
    assert exif.get(0x0112, 1) == 1
    assert exif[0x010F] == "Apple"


def test_avif_limits_are_checked_before_decoding() -> None:
    data = heif("AVIF", Image.new("RGB", (1200, 1000), "red"))
    with pytest.raises(ImageRejectedError) as refused:
        prepare_upload(data, LIMITS)
    assert refused.value.code == "decompression_bomb"
    with pytest.raises(ImageRejectedError) as refused:
        prepare_upload(data, ImageLimits(max_bytes=100, max_pixels=10**7))
    assert refused.value.code == "payload_too_large"


def test_a_format_without_codec_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    data = heif("AVIF", Image.new("RGB", (40, 30), "red"))
    monkeypatch.setattr(images, "_readable", lambda kind: False)
    with pytest.raises(ImageRejectedError) as refused:
        prepare_upload(data, LIMITS)
    assert refused.value.code == "unsupported_media_type"
    assert refused.value.message == "AVIF is not readable on this server"


def test_an_unsupported_upload_says_what_is_read() -> None:
    with pytest.raises(ImageRejectedError) as refused:
        prepare_upload(encoded("GIF"), LIMITS)
    assert refused.value.code == "unsupported_media_type"
    assert "AVIF or HEIC" in refused.value.message
