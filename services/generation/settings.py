"""Settings of the generation service (env prefix `GENERATION_`)."""

from typing import Literal, Self

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class ProviderSettings(BaseModel):
    """One provider's API: enabled by its key; limits of this service's calls to it."""

    api_key: SecretStr | None = Field(
        default=None, description="API key; the provider is off without one."
    )
    base_url: str = Field(description="Base URL of the API.")
    timeout_s: float = Field(default=60.0, gt=0, description="Longest wait for one HTTP answer.")
    concurrency: int = Field(default=16, ge=1, description="Calls in flight at once.")
    rate_per_s: float = Field(default=10.0, gt=0, description="Calls started per second.")
    retries: int = Field(
        default=2, ge=0, description="Retries of a transient failure before falling back."
    )


def _provider(base_url: str, rate_per_s: float = 10.0) -> ProviderSettings:
    return ProviderSettings(base_url=base_url, rate_per_s=rate_per_s)


class RoutingSettings(BaseModel):
    """Retries, circuit breakers and async polling, for every provider."""

    backoff_s: float = Field(
        default=0.5, gt=0, description="First retry's wait (doubles, jittered)."
    )
    backoff_max_s: float = Field(default=8.0, gt=0, description="Longest wait between retries.")
    max_retry_after_s: float = Field(
        default=30.0,
        description="A longer Retry-After falls back to the next provider instead of waiting.",
    )
    breaker_failures: int = Field(
        default=5, ge=1, description="Consecutive failures that open a provider's circuit."
    )
    breaker_open_s: float = Field(
        default=30.0, gt=0, description="How long an open circuit routes around its provider."
    )
    bulk_share: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="Largest share of each provider's `concurrency` campaign calls may hold, so "
        "a single job's call starts at once.",
    )
    poll_interval_s: float = Field(default=2.0, gt=0, description="Polling of async provider jobs.")
    async_deadline_s: float = Field(
        default=300.0, gt=0, description="Longest wait for an async provider job."
    )


class GenerationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GENERATION_", env_nested_delimiter="__")

    port: int = Field(default=8003, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=256),
        description="Jobs mostly wait on providers: many run at once (each provider's own "
        "`concurrency` still bounds its calls).",
    )
    render_threads: int | None = Field(
        default=None, description="Threads for local rendering; defaults to the CPU count."
    )
    lease_s: float = Field(
        default=60.0,
        description="How long a worker holds a job without news before another may take it over.",
    )
    max_output_pixels: int = Field(
        default=16_777_216, description="Largest image a provider may return, in pixels."
    )
    stability: ProviderSettings = Field(
        default_factory=lambda: _provider("https://api.stability.ai", rate_per_s=15.0)
    )
    wavespeed: ProviderSettings = Field(
        default_factory=lambda: _provider("https://api.wavespeed.ai/api/v3")
    )
    huggingface: ProviderSettings = Field(
        default_factory=lambda: _provider("https://router.huggingface.co/hf-inference")
    )
    google: ProviderSettings = Field(
        default_factory=lambda: _provider("https://generativelanguage.googleapis.com/v1beta")
    )
    routing: RoutingSettings = Field(default_factory=RoutingSettings)
    prompt_enhancer: Literal["local", "google"] = Field(
        default="local",
        description="`google` expands prompts with a Gemini text model (needs the Google key); "
        "`local` uses the deterministic enhancer.",
    )
    prompt_model: str = Field(default="gemini-2.5-flash", description="The Gemini text model.")

    @model_validator(mode="after")
    def _llm_has_a_key(self) -> Self:
        if self.prompt_enhancer == "google" and self.google.api_key is None:
            raise ValueError("GENERATION_PROMPT_ENHANCER=google needs GENERATION_GOOGLE__API_KEY")
        return self
