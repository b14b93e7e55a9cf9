"""OpenAI text to speech: `POST /v1/audio/speech` (`docs/providers.md` section 5). It answers a
real WAV, a tone as long as the text takes to say at 150 words a minute over `speed`, and
errors in OpenAI's shape `{"error": {"message", "type", "param", "code"}}`."""

import io
import re
import wave

import numpy as np
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from emulator.behaviour import Fault, Script
from emulator.common import answer, check_choice, check_known, check_number, check_text, json_body

NAME = "openai"
MODELS = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
VOICES = (
    "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer",
    "verse",
)  # fmt: skip
FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")
KNOWN = {"model", "input", "voice", "instructions", "response_format", "speed", "stream_format"}
RATE = 24_000
WORDS_PER_S = 2.5


def error(status: int, code: str, message: str) -> Response:
    kind = "invalid_request_error" if status < 500 else "server_error"
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return JSONResponse(body, status_code=status)


def tone(seconds: float) -> bytes:
    """A 16-bit mono WAV of a 220 Hz tone lasting `seconds`."""
    t = np.arange(int(seconds * RATE)) / RATE
    samples = (6000 * np.sin(2 * np.pi * 220 * t)).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


def routes(script: Script) -> list[Route]:
    async def speech(request: Request) -> Response:
        body, errors = await json_body(request)
        check_known(errors, body, KNOWN)
        check_text(errors, body, "input", required=True, max_length=4096)
        for field, choices in (("model", MODELS), ("voice", VOICES)):
            if field not in body:
                errors.append(f"{field}: is required")
            check_choice(errors, body, field, choices)
        check_choice(errors, body, "response_format", FORMATS)
        check_number(errors, body, "speed", 0.25, 4.0, text=False)
        if body.get("response_format") not in (None, "wav"):
            errors.append("response_format: the emulator speaks wav only")

        async def spoken(_: Fault | None) -> Response:
            words = len(re.findall(r"\w+", str(body["input"])))
            seconds = max(0.5, words / WORDS_PER_S / float(body.get("speed", 1.0)))
            return Response(tone(seconds), media_type="audio/wav")

        return await answer(script, NAME, request, errors=errors, error=error, success=spoken)

    return [Route("/v1/audio/speech", speech, methods=["POST"])]
