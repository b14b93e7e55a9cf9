"""Parameters of the transform kinds: image to video, talking avatar, image to 3D."""

from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal, Self

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from contracts.billing.plans import Resolution
from contracts.catalog.models import Quality, UnknownModelError
from contracts.catalog.registry import engines
from contracts.media import AssetId, StoredMedia
from contracts.params.generate import MAX_SEED, Prompt, ProviderName
from contracts.params.image_inputs import ANY_SIZE, UP_TO_4MP, ChecksInputs, PixelRule
from contracts.speech import SpeechLanguage, SpeechProvider, SpeechVoice, speech_problem
from contracts.strictness import VISIBLE_TEXT

TtsText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), VISIBLE_TEXT
]
VideoAspect = Literal["16:9", "9:16", "1:1", "4:5", "4:3", "3:4"]
VIDEO_PRESETS: dict[str, VideoAspect] = {
    "instagram_reel": "9:16",
    "instagram_feed": "4:5",
    "instagram_square": "1:1",
    "tiktok": "9:16",
    "youtube": "16:9",
    "youtube_shorts": "9:16",
    "facebook_feed": "4:5",
    "facebook_story": "9:16",
    "linkedin": "1:1",
    "x": "16:9",
}
"""Platform video formats, by the aspect ratio each wants."""
VideoPreset = Literal[
    "instagram_reel",
    "instagram_feed",
    "instagram_square",
    "tiktok",
    "youtube",
    "youtube_shorts",
    "facebook_feed",
    "facebook_story",
    "linkedin",
    "x",
]
SHORT_SIDE = {"480p": 480, "720p": 720, "1080p": 1080}
VIDEO_AUDIO_S = (3.0, 30.0)
AVATAR_AUDIO_S = (3.0, 120.0)
AUDIO_MAX_BYTES = 15 * 2**20
AudioPurpose = Literal["video", "avatar"]
AUDIO_LIMITS: dict[AudioPurpose, tuple[float, float]] = {
    "video": VIDEO_AUDIO_S,
    "avatar": AVATAR_AUDIO_S,
}
"""Seconds of audio each use takes (an upload without a purpose: any of them)."""


def video_size(resolution: Resolution, aspect: str) -> tuple[int, int]:
    """Pixels of a video: the resolution is the short side; sides even (H.264 needs them)."""
    w, h = (int(part) for part in aspect.split(":"))
    short = SHORT_SIDE[resolution]
    long = round(short * max(w, h) / min(w, h) / 2) * 2
    return (long, short) if w >= h else (short, long)


TTS_TEXT = (
    "Speech to say: synthesised, fitted to duration_s (padded with silence, or said up to 1.5x "
    "faster) and muxed in; about 150 words a minute must fit duration_s."
)
TTS_LANGUAGE = "Language of the local voice (espeak-ng); a speech provider detects it."
TTS_VOICE = "Voice: m1-m3 male, f1-f3 female (each maps to a speech provider's voice)."
TTS_PROVIDER = (
    "Who speaks: `auto` is the local voice for a draft video or with no speech provider "
    "configured, else the provider; `local`; `openai`."
)


def speech_source(audio_asset_id: str | None, tts_text: str | None, duration_s: int) -> None:
    """A ValueError for both audio sources at once, or for text too long to say in time."""
    if tts_text is None:
        return
    if audio_asset_id is not None:
        raise ValueError("give audio_asset_id or tts_text, not both")
    problem = speech_problem(tts_text, duration_s)
    if problem:
        raise ValueError(problem)


def _runnable(kind: str, quality: Quality, provider: str) -> None:
    """A ValueError when no engine runs the kind as asked (a pinned provider that does not)."""
    try:
        engines(kind, quality, provider)
    except UnknownModelError as exc:
        raise ValueError(str(exc)) from None


def audio_problems(
    inputs: Mapping[str, StoredMedia], name: str, low_s: float, high_s: float, use: str
) -> list[tuple[str, str]]:
    """An audio input whose (decoded) duration is outside `low_s`..`high_s`."""
    audio = inputs.get(name)
    if audio is None or audio.duration_s is None:
        return []
    if not low_s <= audio.duration_s <= high_s:
        return [
            (
                name,
                f"the audio is {audio.duration_s:.1f} s; {use} audio must be "
                f"{low_s:g}-{high_s:g} s",
            )
        ]
    return []


class ImageToVideoParams(ChecksInputs):
    """A short video from one image: WAN 2.5 image-to-video (`standard`), or the platform's
    own pan-and-zoom (`draft`, labelled local motion, not AI video)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND = "transform.image_to_video"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"image_asset_id": ANY_SIZE}
    AUDIO: ClassVar[tuple[str, ...]] = ("audio_asset_id",)

    image_asset_id: AssetId
    prompt: Prompt | None = Field(default=None, description="The motion to make (AI video).")
    quality: Quality = Field(
        default=Quality.STANDARD,
        description="`draft`: local pan-and-zoom on the CPU; `standard`/`premium`: WAN 2.5.",
    )
    resolution: Resolution = "720p"
    duration_s: int = Field(default=5, ge=3, le=10, description="Seconds of video (3-10).")
    aspect_ratio: VideoAspect | None = Field(
        default=None, description="Shape of the video; 16:9 unless a `preset` says otherwise."
    )
    preset: VideoPreset | None = Field(default=None, description="A platform's video format.")
    motion: Literal["subtle", "medium", "dynamic"] = "medium"
    audio_asset_id: AssetId | None = Field(
        default=None, description="An uploaded WAV/MP3 of 3-30 s (trimmed or padded to fit)."
    )
    tts_text: TtsText | None = Field(default=None, description=TTS_TEXT)
    tts_language: SpeechLanguage = Field(default="en", description=TTS_LANGUAGE)
    tts_voice: SpeechVoice = Field(default="f2", description=TTS_VOICE)
    tts_provider: SpeechProvider = Field(default="auto", description=TTS_PROVIDER)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    provider: ProviderName = "auto"

    @model_validator(mode="after")
    def _one_audio_source(self) -> Self:
        _runnable(self.KIND, self.quality, self.provider)
        speech_source(self.audio_asset_id, self.tts_text, self.duration_s)
        if self.preset and self.aspect_ratio and VIDEO_PRESETS[self.preset] != self.aspect_ratio:
            raise ValueError(
                f"preset {self.preset} is {VIDEO_PRESETS[self.preset]}, not "
                f"{self.aspect_ratio}: give one of them"
            )
        return self

    @property
    def aspect(self) -> VideoAspect:
        if self.aspect_ratio is not None:
            return self.aspect_ratio
        return VIDEO_PRESETS[self.preset] if self.preset else "16:9"

    def size(self) -> tuple[int, int]:
        return video_size(self.resolution, self.aspect)

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        return audio_problems(inputs, "audio_asset_id", *VIDEO_AUDIO_S, "video")


class AvatarParams(ChecksInputs):
    """A talking avatar from a portrait and speech (Hunyuan Avatar)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND = "transform.avatar"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"image_asset_id": ANY_SIZE}
    AUDIO: ClassVar[tuple[str, ...]] = ("audio_asset_id",)

    image_asset_id: AssetId
    audio_asset_id: AssetId | None = Field(
        default=None, description="Speech as WAV/MP3, up to 120 s and no longer than duration_s."
    )
    tts_text: TtsText | None = Field(default=None, description=TTS_TEXT)
    tts_language: SpeechLanguage = Field(default="en", description=TTS_LANGUAGE)
    tts_voice: SpeechVoice = Field(default="f2", description=TTS_VOICE)
    tts_provider: SpeechProvider = Field(default="auto", description=TTS_PROVIDER)
    resolution: Literal["480p", "720p"] = "480p"
    duration_s: int = Field(default=5, ge=5, le=120, description="Seconds of video (5-120).")
    emotion: Literal["neutral", "happy", "professional", "excited"] = "neutral"
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    provider: ProviderName = "auto"

    @model_validator(mode="after")
    def _exactly_one_audio_source(self) -> Self:
        _runnable(self.KIND, Quality.STANDARD, self.provider)
        speech_source(self.audio_asset_id, self.tts_text, self.duration_s)
        if self.audio_asset_id is None and self.tts_text is None:
            raise ValueError("give audio_asset_id or tts_text: the speech the avatar says")
        return self

    def kind_problems(self, inputs: Mapping[str, StoredMedia]) -> list[tuple[str, str]]:
        """The avatar lasts as long as its speech, so the speech must fit the priced duration:
        longer than `duration_s` - 5 (one 5 s unit less) and not longer than `duration_s`."""
        shortest = max(AVATAR_AUDIO_S[0], self.duration_s - 5 + 0.01)
        longest = min(AVATAR_AUDIO_S[1], self.duration_s + 0.5)
        use = f"a {self.duration_s} s avatar's"
        return audio_problems(inputs, "audio_asset_id", shortest, longest, use)


class ImageTo3DParams(ChecksInputs):
    """A textured 3D model (GLB, or OBJ converted from it) of the subject of one image."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND = "transform.image_to_3d"
    RULES: ClassVar[Mapping[str, PixelRule]] = {"asset_id": UP_TO_4MP}

    asset_id: AssetId
    model: Literal["stable-fast-3d", "stable-point-aware-3d"] = Field(
        default="stable-fast-3d", description="Stable Fast 3D, or Stable Point Aware 3D."
    )
    texture_resolution: Literal["512", "1024", "2048"] = "1024"
    foreground_ratio: float | None = Field(
        default=None,
        description="Subject's share of the frame: 0.1-1 (default 0.85) for Fast 3D, 1-2 "
        "(default 1.3) for Point Aware 3D.",
    )
    remesh: Literal["none", "triangle", "quad"] = "none"
    output_format: Literal["glb", "obj"] = "glb"
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    provider: ProviderName = "auto"

    @model_validator(mode="after")
    def _ratio_fits_the_model(self) -> Self:
        _runnable(self.KIND, Quality.STANDARD, self.provider)
        low, high = (0.1, 1.0) if self.model == "stable-fast-3d" else (1.0, 2.0)
        if self.foreground_ratio is not None and not low <= self.foreground_ratio <= high:
            raise ValueError(f"foreground_ratio for {self.model} must be {low:g}-{high:g}")
        return self
