"""The speech providers' adapters: every module of this package that declares an `ADAPTER`.
Each is on once its provider's API key is set (`TRANSFORM_<NAME>__API_KEY`)."""

from services.transform import speech
from services.transform.speech.base import SpeechProvider
from shared.providers.registry import Adapter, adapters_in

SPEECH_ADAPTERS: tuple[Adapter[SpeechProvider, None], ...] = adapters_in(speech)
