import io

import pytest
from PIL import Image

from contracts.media import ImageFormat
from shared.images import ImageLimits, ImageRejectedError, inspect_image, sniff_format

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
