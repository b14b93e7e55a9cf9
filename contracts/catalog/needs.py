"""What a request needs of a model: legible text, photorealism, a style. Given explicitly, or read
from the prompt and style by a few plain rules (each inference says what it was read from)."""

import re
from dataclasses import dataclass, field

from contracts.catalog.styles import STYLES
from contracts.routing import Reason

NEEDS_TEXT = "needs_text"
PHOTOREAL = "photoreal"
STYLE = "style"
QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]*\w[^\"“”«»]*)[\"“”«»]")
TEXT_WORDS = re.compile(
    r"\b(text|lettering|typography|headline|slogan|caption|tagline|wordmark|"
    r"that says|saying|which reads|that reads)\b",
    re.IGNORECASE,
)
PHOTO_WORDS = re.compile(
    r"\b(photo|photograph|photographic|photorealistic|photoreal|realistic|dslr|35mm|"
    r"studio shot|product shot)\b",
    re.IGNORECASE,
)
PHOTO_GROUP = "photography"
"""The style group whose presets ask for a photograph."""


@dataclass(frozen=True)
class Needs:
    text: bool = False
    photoreal: bool = False
    style: str | None = None
    inferred: tuple[Reason, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        asked = [(NEEDS_TEXT, self.text), (PHOTOREAL, self.photoreal), (STYLE, bool(self.style))]
        return [name for name, wanted in asked if wanted]


def needs_of(
    prompt: str | None,
    style: str | None = None,
    needs_text: bool | None = None,
    photoreal: bool | None = None,
) -> Needs:
    """The needs as given; those not given (None) are inferred from the prompt and style."""
    inferred: list[Reason] = []
    if needs_text is None:
        why = _text_cue(prompt or "")
        needs_text = why is not None
        inferred += [Reason(code=NEEDS_TEXT, detail=why)] if why else []
    if photoreal is None:
        why = _photo_cue(prompt or "", style)
        photoreal = why is not None
        inferred += [Reason(code=PHOTOREAL, detail=why)] if why else []
    return Needs(needs_text, photoreal, style, tuple(inferred))


def _text_cue(prompt: str) -> str | None:
    quoted = QUOTED.search(prompt)
    if quoted:
        return f"the prompt quotes text to show: “{quoted.group(1).strip()[:60]}”"
    word = TEXT_WORDS.search(prompt)
    return f"the prompt asks for text (“{word.group(0)}”)" if word else None


def _photo_cue(prompt: str, style: str | None) -> str | None:
    preset = STYLES.get(style or "")
    if preset is not None and preset.group == PHOTO_GROUP:
        return f"the style “{preset.id}” is a photograph"
    word = PHOTO_WORDS.search(prompt)
    return f"the prompt asks for a photograph (“{word.group(0)}”)" if word else None
