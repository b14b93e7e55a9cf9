"""The speech rules: every documented language is one the local voice speaks, the expected
length of a text, and speech fitted to a video's length (real espeak-ng and ffmpeg)."""

from typing import get_args

import pytest

from contracts.speech import SpeechLanguage, SpeechVoice, expected_speech_s, speech_problem
from services.transform.speech.espeak import speak
from services.transform.speech.speaker import Speaker, padded
from shared.audio import inspect_audio
from shared.cpu import CpuPool
from shared.errors import PermanentError


@pytest.mark.parametrize("language", get_args(SpeechLanguage))
def test_every_documented_language_is_spoken_by_the_local_voice(language: str) -> None:
    assert inspect_audio(speak("one two", language, "m1"), 2**24).duration_s > 0.2


def test_every_voice_speaks_and_speed_shortens_the_speech() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    lengths = {
        v: inspect_audio(speak(text, "en", v), 2**24).duration_s for v in get_args(SpeechVoice)
    }
    faster = inspect_audio(speak(text, "en", "f2", speed=1.5), 2**24).duration_s
    assert min(lengths.values()) > 1.5
    assert faster < lengths["f2"] * 0.8


def test_an_unknown_voice_is_a_clear_failure() -> None:
    with pytest.raises(PermanentError, match="local voice failed"):
        speak("hi", "xx-none", "m1")


def test_a_text_is_expected_to_take_its_words_or_characters() -> None:
    assert expected_speech_s("one two three four five") == 2.0  # 150 words a minute
    assert expected_speech_s("你好世界" * 15) == 4.0  # 60 characters at 15 a second
    assert speech_problem("word " * 10, 5) is None
    problem = speech_problem("word " * 20, 5)
    assert problem is not None
    assert "about 8 s" in problem


def test_speech_is_padded_to_the_videos_length() -> None:
    fitted = padded(speak("Hi.", "en", "m1"), 5.0)
    assert inspect_audio(fitted, 2**24).duration_s == pytest.approx(5.0, abs=0.01)


class _Voice:
    def __init__(self, name: str) -> None:
        self.name = name

    async def speak(self, text: str, language: str, voice: str, speed: float) -> bytes:
        raise AssertionError("not spoken here")


def test_auto_is_the_local_voice_for_drafts_and_without_a_provider() -> None:
    local, openai = _Voice("local"), _Voice("openai")
    with_provider = Speaker({"openai": openai}, local, CpuPool(1))
    without = Speaker({}, local, CpuPool(1))
    assert with_provider.voice_for("auto", draft=False) is openai
    assert with_provider.voice_for("auto", draft=True) is local
    assert with_provider.voice_for("local", draft=False) is local
    assert without.voice_for("auto", draft=False) is local
    with pytest.raises(PermanentError, match="openai speech is not configured"):
        without.voice_for("openai", draft=False)
