"""The rules of the `upscale.auto` presets: the format each gives by default, and the
combinations refused (each with its reason)."""

from contracts.catalog.platforms import PRESETS
from contracts.media import ImageFormat
from contracts.upscaling import MODE_MAX_OUTPUT, PrintSize, UpscaleMode, UpscalePreset

WEB_FORMATS = (ImageFormat.JPEG, ImageFormat.WEBP)
PRINT_FORMATS = (ImageFormat.PNG,)
"""PNG carries the dpi; the platform stores PNG, JPEG and WebP only, so no TIFF."""


def preset_format(preset: object, platform_format: object) -> str | None:
    """The format a preset writes when none is asked (None: the kind's default)."""
    if preset == UpscalePreset.WEB:
        return WEB_FORMATS[0].value
    if preset == UpscalePreset.PRINT:
        return PRINT_FORMATS[0].value
    if preset == UpscalePreset.SOCIAL and isinstance(platform_format, str):
        found = PRESETS.get(platform_format)
        return found.formats[0] if found else None
    return None


def preset_problem(
    preset: UpscalePreset | None,
    print_size: PrintSize | None,
    platform_format: str | None,
    scale: float | None,
    output_format: ImageFormat,
) -> str | None:
    """Why the preset fields do not go together, or None."""
    if print_size is not None and preset is not UpscalePreset.PRINT:
        return "print_size needs preset: print"
    if platform_format is not None and preset is not UpscalePreset.SOCIAL:
        return "platform_format needs preset: social"
    if preset is not None and scale is not None:
        return f"preset {preset.value} sets the size: leave scale out"
    if preset is UpscalePreset.WEB:
        return _format_problem(preset, output_format, WEB_FORMATS)
    if preset is UpscalePreset.PRINT:
        return _print_problem(print_size) or _format_problem(preset, output_format, PRINT_FORMATS)
    if preset is UpscalePreset.SOCIAL:
        return _social_problem(platform_format, output_format)
    return None


def _format_problem(
    preset: UpscalePreset, fmt: ImageFormat, allowed: tuple[ImageFormat, ...]
) -> str | None:
    if fmt in allowed:
        return None
    names = " or ".join(f.value for f in allowed)
    return f"preset {preset.value} writes {names}, not {fmt.value}"


def _print_problem(print_size: PrintSize | None) -> str | None:
    if print_size is None:
        return "preset print needs print_size (width, height, unit mm or in, dpi)"
    width, height = print_size.pixels()
    most = MODE_MAX_OUTPUT[UpscaleMode.CONSERVATIVE]
    if width * height > most:
        return (
            f"a {print_size.width:g}x{print_size.height:g} {print_size.unit} print at "
            f"{print_size.dpi} dpi needs {width}x{height} px ({width * height} pixels); "
            f"the conservative upscale makes at most {most} pixels"
        )
    return None


def _social_problem(platform_format: str | None, fmt: ImageFormat) -> str | None:
    if platform_format is None:
        return "preset social needs platform_format (a format id of GET /v1/platforms)"
    found = PRESETS.get(platform_format)
    if found is None:
        return f"unknown platform format '{platform_format}' (see GET /v1/platforms)"
    if fmt.value not in found.formats:
        return f"{platform_format} takes {', '.join(found.formats)}, not {fmt.value}"
    return None
