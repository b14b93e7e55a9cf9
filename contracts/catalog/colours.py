"""The colour words the platform's own recolouring understands (`edit.search_recolor` on the
`local` engine): each a hue and a saturation."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    hue: float | None
    """Degrees on the colour wheel; None for greys (no hue)."""
    saturation: float


COLOURS: dict[str, Colour] = {
    "red": Colour(0, 0.85),
    "crimson": Colour(348, 0.85),
    "orange": Colour(28, 0.9),
    "amber": Colour(42, 0.9),
    "gold": Colour(48, 0.85),
    "yellow": Colour(56, 0.85),
    "lime": Colour(90, 0.8),
    "green": Colour(120, 0.7),
    "emerald": Colour(140, 0.75),
    "teal": Colour(178, 0.8),
    "turquoise": Colour(172, 0.7),
    "cyan": Colour(186, 0.8),
    "blue": Colour(218, 0.8),
    "navy": Colour(228, 0.85),
    "indigo": Colour(255, 0.75),
    "violet": Colour(272, 0.6),
    "purple": Colour(285, 0.65),
    "magenta": Colour(305, 0.8),
    "pink": Colour(330, 0.45),
    "grey": Colour(None, 0.0),
    "gray": Colour(None, 0.0),
}


def colour_in(text: str) -> str | None:
    """The colour word of the vocabulary in `text` (the last one: in "turn the red car blue"
    the new colour comes last), or None."""
    return next((word for word in reversed(words(text)) if word in COLOURS), None)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())
