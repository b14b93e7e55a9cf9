"""Parameters of the transform kinds (image to video, talking avatar). Priced and plan-gated now;
the transform service that runs them arrives with its own issue."""

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.billing.plans import Resolution
from contracts.media import AssetId
from contracts.params.generate import MAX_SEED, Prompt, ProviderName

TtsText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class ImageToVideoParams(BaseModel):
    """A short video from one image (WAN 2.5 image-to-video, or local pan-and-zoom)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    image_asset_id: AssetId
    prompt: Prompt | None = None
    resolution: Resolution = "720p"
    duration_s: int = Field(default=5, ge=1, le=10, description="Seconds of video (1-10).")
    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:5", "4:3", "3:4"] = "16:9"
    motion: Literal["subtle", "medium", "dynamic"] = "medium"
    audio_asset_id: AssetId | None = None
    tts_text: TtsText | None = None
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED)
    provider: ProviderName = "auto"

    @model_validator(mode="after")
    def _one_audio_source(self) -> Self:
        if self.audio_asset_id is not None and self.tts_text is not None:
            raise ValueError("give audio_asset_id or tts_text, not both")
        return self


class AvatarParams(BaseModel):
    """A talking avatar from a portrait and speech (Hunyuan Avatar)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    image_asset_id: AssetId
    audio_asset_id: AssetId | None = None
    tts_text: TtsText | None = None
    resolution: Literal["480p", "720p"] = "480p"
    duration_s: int = Field(default=5, ge=5, le=120, description="Seconds of video (5-120).")
    emotion: Literal["neutral", "happy", "professional", "excited"] = "neutral"
    provider: ProviderName = "auto"

    @model_validator(mode="after")
    def _exactly_one_audio_source(self) -> Self:
        if (self.audio_asset_id is None) == (self.tts_text is None):
            raise ValueError("give exactly one of audio_asset_id or tts_text")
        return self
