"""The bundled open fonts of text overlays, and the scripts of a text.

A bundled font is a family: one face per script, from Debian's `fonts-noto-core` (SIL OFL) and
`fonts-league-spartan` (OFL), installed by `make system`. Each line of a text is set in the face
of its script; a family without a face for a line's script refuses it at submission."""

import unicodedata
from dataclasses import dataclass
from typing import Literal

Script = Literal["latin", "arabic", "hebrew", "devanagari"]
FONT_ROOT = "/usr/share/fonts"
NOTO = "truetype/noto"
FONT_MAX_BYTES = 10 * 1024 * 1024
FONT_CONTENT_TYPES = {"ttf": "font/ttf", "otf": "font/otf"}
"""Uploaded fonts: TrueType or OpenType (CFF) outlines, by the format they are stored as."""

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0590, 0x05FF, "hebrew"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0xA8E0, 0xA8FF, "devanagari"),
)
_LATIN_END = 0x0530
"""Latin, Greek and Cyrillic letters sit below this (the Latin faces draw them)."""


@dataclass(frozen=True)
class BundledFont:
    id: str
    name: str
    faces: dict[Script, str]
    """The face file of each script, under `FONT_ROOT`."""


BUNDLED_FONTS: dict[str, BundledFont] = {
    font.id: font
    for font in (
        BundledFont(
            "sans",
            "Noto Sans",
            {
                "latin": f"{NOTO}/NotoSans-Regular.ttf",
                "arabic": f"{NOTO}/NotoSansArabic-Regular.ttf",
                "hebrew": f"{NOTO}/NotoSansHebrew-Regular.ttf",
                "devanagari": f"{NOTO}/NotoSansDevanagari-Regular.ttf",
            },
        ),
        BundledFont(
            "sans-bold",
            "Noto Sans Bold",
            {
                "latin": f"{NOTO}/NotoSans-Bold.ttf",
                "arabic": f"{NOTO}/NotoSansArabic-Bold.ttf",
                "hebrew": f"{NOTO}/NotoSansHebrew-Bold.ttf",
                "devanagari": f"{NOTO}/NotoSansDevanagari-Bold.ttf",
            },
        ),
        BundledFont(
            "serif",
            "Noto Serif",
            {
                "latin": f"{NOTO}/NotoSerif-Regular.ttf",
                "arabic": f"{NOTO}/NotoNaskhArabic-Regular.ttf",
                "hebrew": f"{NOTO}/NotoSerifHebrew-Regular.ttf",
                "devanagari": f"{NOTO}/NotoSerifDevanagari-Regular.ttf",
            },
        ),
        BundledFont(
            "display",
            "League Spartan Bold",
            {"latin": "opentype/league-spartan/LeagueSpartan-Bold.otf"},
        ),
    )
}


class ScriptError(ValueError):
    """A text line no bundled face can set."""


def script_of(char: str) -> Script | None:
    """The script of a letter (None for digits, punctuation, spaces and marks)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    code = ord(char)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    if code < _LATIN_END or 0x1E00 <= code <= 0x1FFF:
        return "latin"
    raise ScriptError(f"no bundled font draws '{char}'; upload a font that has it")


def line_script(line: str) -> Script:
    """The one script of a line's letters (Latin when it has none)."""
    scripts = {script for char in line if (script := script_of(char)) is not None}
    if len(scripts) > 1:
        raise ScriptError(
            f"a line mixes {' and '.join(sorted(scripts))} letters; put each script on its own "
            "line (a line is set in one face)"
        )
    return scripts.pop() if scripts else "latin"


def face_problem(font_id: str, text: str) -> str | None:
    """Why the bundled font `font_id` cannot set `text`, or None."""
    font = BUNDLED_FONTS[font_id]
    try:
        scripts = {line_script(line) for line in text.splitlines()}
    except ScriptError as exc:
        return str(exc)
    missing = sorted(scripts - set(font.faces))
    if missing:
        able = [f.id for f in BUNDLED_FONTS.values() if set(missing) <= set(f.faces)]
        return f"font '{font_id}' has no {', '.join(missing)} face (use one of {', '.join(able)})"
    return None
