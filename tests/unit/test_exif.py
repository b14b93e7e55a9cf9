"""Location is removed from stored images without re-encoding them; the rest of EXIF stays."""

import io

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from contracts.media import ImageFormat
from shared.images import ImageLimits, ImageRejectedError
from shared.ingest import prepare_upload
from shared.metadata import GPS_IFD, exif_without_location, strip_location, without_gps

LIMITS = ImageLimits(max_bytes=1_000_000, max_pixels=1_000_000)
ORIENTATION, MAKE, COPYRIGHT, EXIF_IFD, TAKEN = 0x0112, 0x010F, 0x8298, 0x8769, 0x9003


def located_exif(orientation: int = 6, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
    exif[COPYRIGHT] = "(c) Ada"
    exif.get_ifd(EXIF_IFD)[TAKEN] = "2024:05:01 10:00:00"
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 30.0, 0.0), 3: "E", 4: (13.0, 24.0, 0.0)})
    return exif


def picture(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> Image.Image:
    ramp = np.arange(size[0] * size[1] * len(mode), dtype=np.uint32) % 251
    return Image.fromarray(ramp.astype(np.uint8).reshape(size[1], size[0], len(mode)), mode)


def encoded(fmt: str, exif: Image.Exif | None = None, **options: object) -> bytes:
    out = io.BytesIO()
    extra = {"exif": exif} if exif is not None else {}
    picture().save(out, fmt, **extra, **options)
    return out.getvalue()


def assert_kept_but_gps(data: bytes) -> None:
    exif = Image.open(io.BytesIO(data)).getexif()
    assert exif.get_ifd(GPS_IFD) == {}
    assert GPS_IFD not in exif
    assert (exif[ORIENTATION], exif[MAKE], exif[COPYRIGHT]) == (6, "Canon", "(c) Ada")
    assert exif.get_ifd(EXIF_IFD)[TAKEN] == "2024:05:01 10:00:00"


def pixels(data: bytes) -> NDArray[np.uint8]:
    return np.asarray(Image.open(io.BytesIO(data)))


@pytest.mark.parametrize(("fmt", "stored"), [("JPEG", "jpeg"), ("WEBP", "webp"), ("PNG", "png")])
def test_gps_goes_and_everything_else_stays(fmt: str, stored: str) -> None:
    data = encoded(fmt, located_exif())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    clean = strip_location(data, ImageFormat(stored))
    assert len(clean) < len(data)
    assert_kept_but_gps(clean)
    assert np.array_equal(pixels(clean), pixels(data))


def test_jpeg_pixel_data_is_not_re_encoded() -> None:
    data = encoded("JPEG", located_exif(), quality=80)
    clean = strip_location(data, ImageFormat.JPEG)
    scan = data.index(b"\xff\xda")
    assert clean.endswith(data[scan:])  # everything from the first scan on, byte for byte


def test_webp_riff_sizes_stay_valid() -> None:
    clean = strip_location(encoded("WEBP", located_exif(), lossless=True), ImageFormat.WEBP)
    assert int.from_bytes(clean[4:8], "little") == len(clean) - 8
    assert Image.open(io.BytesIO(clean)).getexif()[MAKE] == "Canon"


@pytest.mark.parametrize(("fmt", "stored"), [("JPEG", "jpeg"), ("WEBP", "webp"), ("PNG", "png")])
def test_images_without_gps_are_the_same_bytes(fmt: str, stored: str) -> None:
    for data in (encoded(fmt), encoded(fmt, located_exif(gps=False))):
        assert strip_location(data, ImageFormat(stored)) is data


def test_every_picture_of_an_mpo_loses_its_location() -> None:
    main, depth = picture(), picture().convert("L").convert("RGB")
    depth.encoderinfo = {"exif": located_exif().tobytes()}
    out = io.BytesIO()
    main.save(out, "MPO", save_all=True, append_images=[depth], exif=located_exif())
    clean = strip_location(out.getvalue(), ImageFormat.JPEG)
    opened = Image.open(io.BytesIO(clean))
    assert opened.format == "MPO"
    assert getattr(opened, "n_frames", 1) == 2
    for frame in range(2):
        opened.seek(frame)
        opened.load()
        assert opened.getexif().get_ifd(GPS_IFD) == {}
        assert opened.getexif()[MAKE] == "Canon"


def test_unreadable_exif_is_dropped_whole() -> None:
    assert exif_without_location(b"garbage") is None


def test_re_encoded_exif_has_no_gps_even_when_built_in_memory() -> None:
    clean = without_gps(located_exif())
    assert clean.get_ifd(GPS_IFD) == {}
    assert (clean[ORIENTATION], clean[MAKE]) == (6, "Canon")


def test_stray_bytes_between_segments_are_skipped_as_decoders_do() -> None:
    data = encoded("JPEG", located_exif())
    first_end = 4 + int.from_bytes(data[4:6], "big")
    stray = data[:first_end] + b"\x00\x00" + data[first_end:]
    clean = strip_location(stray, ImageFormat.JPEG)
    assert Image.open(io.BytesIO(clean)).getexif().get_ifd(GPS_IFD) == {}


def test_a_jpeg_with_a_truncated_segment_is_refused() -> None:
    data = encoded("JPEG", located_exif())
    truncated = data[:2] + b"\xff\xe1\xff\xf0" + data[2:40]
    with pytest.raises(ImageRejectedError) as refused:
        strip_location(truncated, ImageFormat.JPEG)
    assert refused.value.code == "invalid_image"


def test_an_upload_is_described_as_stored() -> None:
    data = encoded("JPEG", located_exif(orientation=1))
    stored, image = prepare_upload(data, LIMITS)
    assert image.bytes == len(stored) < len(data)
    assert Image.open(io.BytesIO(stored)).getexif().get_ifd(GPS_IFD) == {}
    untouched = encoded("PNG")
    assert prepare_upload(untouched, LIMITS)[0] is untouched


def test_a_turned_upload_is_stored_upright() -> None:
    data = encoded("JPEG", located_exif(orientation=6))
    stored, image = prepare_upload(data, LIMITS)
    upright = Image.open(io.BytesIO(stored))
    assert upright.getexif().get(ORIENTATION, 1) == 1
    assert upright.getexif().get_ifd(GPS_IFD) == {}
    assert (image.width, image.height) == upright.size == Image.open(io.BytesIO(data)).size[::-1]
