"""An `upscale.auto` output finished as asked: the target size (scaled to cover, centre-cropped
when the aspect differs), the format, sRGB for the web and the dpi written for print."""

import io
from dataclasses import dataclass

from PIL import Image, ImageCms

from contracts.media import ImageFormat
from contracts.params.upscale import UpscaleAutoParams
from contracts.upscaling import UpscaleChoice, UpscalePreset
from shared.images import ImageLimits, encode, open_image

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Finish:
    size: tuple[int, int]
    fmt: ImageFormat
    dpi: int | None = None
    srgb: bool = False


def finish_of(params: UpscaleAutoParams, choice: UpscaleChoice) -> Finish:
    return Finish(
        size=choice.target,
        fmt=params.output_format,
        dpi=choice.dpi,
        srgb=params.preset is UpscalePreset.WEB,
    )


def finished(data: bytes, finish: Finish, limits: ImageLimits) -> bytes:
    """`data` at the finish's size, in its format, with its colour profile and dpi (CPU work)."""
    image = _covering(open_image(data, limits), finish.size)
    if not finish.srgb and finish.dpi is None:
        return encode(image, finish.fmt)
    if finish.srgb:
        image = _in_srgb(image)
    options: dict[str, object] = {}
    if finish.dpi is not None:
        options["dpi"] = (finish.dpi, finish.dpi)
    if finish.srgb:
        options["icc_profile"] = SRGB.tobytes()
    return _saved(image, finish.fmt, options)


def _covering(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    width, height = size
    scale = max(width / image.width, height / image.height)
    cover = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
    image = image.resize(cover, Image.Resampling.LANCZOS)
    left, top = (cover[0] - width) // 2, (cover[1] - height) // 2
    return image.crop((left, top, left + width, top + height))


def _in_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB: converted from the image's own profile when it has one."""
    profile = image.info.get("icc_profile")
    rgb = image.convert("RGB")
    if not profile:
        return rgb
    source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    converted = ImageCms.profileToProfile(rgb, source, SRGB, outputMode="RGB")
    return converted if converted is not None else rgb


def _saved(image: Image.Image, fmt: ImageFormat, options: dict[str, object]) -> bytes:
    """As `shared.images.encode` writes `fmt`, with the profile and dpi options."""
    out = io.BytesIO()
    if fmt is ImageFormat.PNG:
        image.save(out, "PNG", compress_level=3, **options)
    elif fmt is ImageFormat.JPEG:
        image.convert("RGB").save(out, "JPEG", quality=90, **options)
    else:
        image.save(out, "WEBP", quality=85, **options)
    return out.getvalue()
