"""Speech for videos and avatars on the real stack (whose transform service has the emulated
OpenAI speech key): `tts_text` said by the local voice (espeak-ng) for draft videos and when
asked, by OpenAI's text to speech through the emulator otherwise; the speech fitted to the
priced duration; a provider's failure classified; bad requests refused."""

import asyncio
from typing import Any

import httpx
import pytest

from emulator.control import EmulatorControl
from shared.ffmpeg import MediaProbe, probe
from tests.e2e.test_transform import content, outputs, uploaded, video_job
from tests.support.client import run_job
from tests.support.photos import astronaut, jpeg

TEXT = "Hello from Image Studio. This is the draft voice."


@pytest.fixture(scope="module")
def portrait() -> bytes:
    return jpeg(astronaut().resize((256, 256)))


def avatar_job(image: str, **params: Any) -> dict[str, Any]:
    return {"kind": "transform.avatar", "params": {"image_asset_id": image, **params}}


async def spoken(api: httpx.AsyncClient, job: dict[str, Any]) -> tuple[dict[str, Any], MediaProbe]:
    """The job's video asset and what ffprobe finds in its file."""
    video = (await outputs(api, job))["output"]
    _, data = await content(api, video["id"])
    return video, await asyncio.to_thread(probe, data)


async def test_a_video_says_its_text_in_the_local_voice(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    speech = {"tts_text": TEXT, "tts_language": "en-us", "tts_voice": "m3"}
    job = await run_job(api, video_job(image, quality="draft", duration_s=4, **speech))
    video, found = await spoken(api, job)
    assert job["provider"] == "local"
    assert found.audio_codec == "aac"
    assert found.duration_s == pytest.approx(4, abs=0.1)
    assert video["duration_s"] == pytest.approx(4, abs=0.1)
    assert await emulator.calls("openai") == []


async def test_an_avatar_says_its_text_for_its_whole_priced_duration(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    speech = {"tts_text": "Bonjour à tous !", "tts_language": "fr", "tts_provider": "local"}
    job = await run_job(api, avatar_job(image, **speech))
    video, found = await spoken(api, job)
    assert (job["provider"], job["model"]) == ("wavespeed", "hunyuan-avatar")
    assert found.audio_codec is not None
    assert video["duration_s"] == pytest.approx(5, abs=0.2)  # the speech padded to duration_s
    assert job["cost"]["credits"] == 15  # 5 s of 480p avatar, as with uploaded audio
    assert await emulator.calls("openai") == []


@pytest.mark.parametrize(
    ("params", "loc", "says"),
    [
        ({"tts_text": "Hi", "tts_language": "xx"}, "params.tts_language", "'en-us'"),
        ({"tts_text": "Hi", "tts_voice": "robot"}, "params.tts_voice", "'m1'"),
        ({"tts_text": "word " * 40, "duration_s": 5}, "params", "raise duration_s"),
    ],
)
async def test_speech_that_cannot_be_said_is_refused_at_once(
    api: httpx.AsyncClient, params: dict[str, Any], loc: str, says: str
) -> None:
    answer = await api.post("/v1/jobs", json=video_job("ast_" + "0" * 26, **params))
    assert answer.status_code == 422, answer.text
    details = answer.json()["error"]["details"]
    assert any(d["loc"] == loc and says in d["message"] for d in details), details


async def test_the_speech_provider_speaks_a_standard_job_and_its_failure_is_classified(
    api: httpx.AsyncClient, emulator: EmulatorControl, portrait: bytes
) -> None:
    image = await uploaded(api, portrait, "portrait.jpg")
    job = await run_job(api, avatar_job(image, tts_text="Hi all, welcome!"))
    video, found = await spoken(api, job)
    assert found.audio_codec is not None
    assert video["duration_s"] == pytest.approx(5, abs=0.2)
    paths = {call["path"] for call in await emulator.calls("openai")}
    assert paths == {"/openai/v1/audio/speech"}

    await emulator.behave("openai", {"status": 400, "message": "voice is unavailable"})
    failed = await run_job(api, avatar_job(image, tts_text="Hi!"))
    assert failed["status"] == "failed", failed
    assert failed["error"]["code"].startswith("openai_")
    assert "400" in failed["error"]["message"]
    assert "voice is unavailable" in failed["error"]["message"]
