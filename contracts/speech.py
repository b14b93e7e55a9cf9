"""Text to speech for videos and avatars: the languages and voices a job may ask for, which
engine speaks, and how long a text is expected to take to say.

The local draft voice is espeak-ng; every language listed here is one of its voices (checked
against `espeak-ng` by `tests/unit/test_speech.py`). A speech provider (OpenAI) speaks the
text's language by itself and maps each voice to one of its own."""

import re
from typing import Literal

SpeechLanguage = Literal[
    "en", "en-us", "en-gb", "fr", "de", "es", "es-419", "it", "pt", "pt-br", "nl", "pl",
    "sv", "da", "nb", "fi", "cs", "ru", "uk", "tr", "el", "hi", "ar", "id", "vi", "cmn",
]  # fmt: skip
"""The languages the local voice speaks (espeak-ng voice names)."""
SpeechVoice = Literal["m1", "m2", "m3", "f1", "f2", "f3"]
"""Three male (`m`) and three female (`f`) voices (espeak-ng variants)."""
SpeechProvider = Literal["auto", "local", "openai"]
"""`auto`: the local voice for a draft video or when no speech provider is configured, else
the provider."""

PROVIDER_VOICES: dict[str, str] = {
    "m1": "onyx",
    "m2": "echo",
    "m3": "ash",
    "f1": "nova",
    "f2": "shimmer",
    "f3": "coral",
}
"""The OpenAI voice each platform voice is, when the provider speaks."""

WORDS_PER_S = 2.5
"""Expected speaking rate: 150 words a minute (the local voice says about 175)."""
CHARACTERS_PER_S = 15.0
"""Expected rate for scripts without spaces between words (900 characters a minute)."""
MAX_SPEEDUP = 1.5
"""Speech longer than the video is said faster, up to this much, to fit."""


def expected_speech_s(text: str) -> float:
    """Seconds `text` is expected to take to say: by its words, or its characters when that
    is longer (languages written without spaces)."""
    words = len(re.findall(r"\w+", text))
    return round(max(words / WORDS_PER_S, len(text) / CHARACTERS_PER_S), 1)


def speech_problem(text: str, duration_s: int) -> str | None:
    """Why `text` cannot be said within a `duration_s` video, or None when it fits."""
    expected = expected_speech_s(text)
    if expected <= duration_s:
        return None
    return (
        f"tts_text takes about {expected:g} s to say (150 words a minute); it must fit the "
        f"video's duration_s of {duration_s} s: raise duration_s or shorten the text"
    )
