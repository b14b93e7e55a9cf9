"""Settings of ingest enrichment: the analysis' limits and the optional vision provider."""

from typing import Literal, Self

from pydantic import BaseModel, Field, SecretStr, model_validator

HUGGINGFACE_INFERENCE = "https://router.huggingface.co/hf-inference"


class AnalysisSettings(BaseModel):
    """The image analysis of each new asset."""

    concurrency: int = Field(
        default=2, ge=1, description="Assets analysed at once (CPU threads it may hold)."
    )
    max_bytes: int = Field(
        default=256 * 2**20, ge=1, description="Larger stored objects are not analysed."
    )
    max_pixels: int = Field(
        default=100_000_000, ge=1, description="Larger images are not analysed (not decoded)."
    )
    upload_wait_s: float = Field(
        default=5.0,
        ge=0,
        description="How long an upload waits for its enrichment; a longer one finishes after "
        "the upload is answered.",
    )


class VisionSettings(BaseModel):
    """A vision model that captions and labels images; off unless `provider` is set."""

    provider: Literal["huggingface"] | None = Field(
        default=None, description="`huggingface` (Inference API); unset: no caption or labels."
    )
    api_key: SecretStr | None = Field(default=None, description="The provider's API token.")
    base_url: str = Field(default=HUGGINGFACE_INFERENCE, description="Base URL of its API.")
    caption_model: str = Field(
        default="Salesforce/blip-image-captioning-large", description="Image-to-text model."
    )
    label_model: str = Field(
        default="google/vit-base-patch16-224", description="Image-classification model."
    )
    min_label_score: float = Field(
        default=0.2, ge=0, le=1, description="Labels scored lower are not kept as tags."
    )
    max_labels: int = Field(default=5, ge=0, description="Labels kept as tags, best first.")
    timeout_s: float = Field(default=20.0, gt=0, description="Longest wait for one answer.")

    @model_validator(mode="after")
    def _a_provider_has_a_key(self) -> Self:
        if self.provider is not None and self.api_key is None:
            raise ValueError("LIBRARY_VISION__PROVIDER needs LIBRARY_VISION__API_KEY")
        return self
