"""OpenAI text to speech (`POST /v1/audio/speech`, `docs/providers.md` section 5): the speech
of a video or avatar when its key is set. It makes no job's output by itself, so it has no
engine and no price of its own: the speech is part of the video's price."""

from contracts.catalog.provider import ProviderEntry

SPEECH_MODEL = "gpt-4o-mini-tts"
OPENAI = ProviderEntry("openai", base_url="https://api.openai.com/v1", rate_per_s=5.0)
