"""Settings of the generation service (env prefix `GENERATION_`)."""

from typing import ClassVar, Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from contracts.catalog.provider import ProviderEntry
from contracts.catalog.providers.google import GOOGLE
from services.generation.providers.registry import ADAPTERS
from shared.providers.registry import called_by
from shared.providers.settings import ProviderClients, RoutingSettings
from shared.settings import WorkerSettings
from shared.workers.settings import JobWorkerSettings, OutputLimits


class GenerationSettings(ProviderClients, OutputLimits, JobWorkerSettings):
    model_config = SettingsConfigDict(env_prefix="GENERATION_", env_nested_delimiter="__")
    CALLED: ClassVar[tuple[ProviderEntry, ...]] = called_by(ADAPTERS)

    port: int = Field(default=8003, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=256),
        description="Jobs mostly wait on providers: many run at once (each provider's own "
        "`concurrency` still bounds its calls).",
    )
    render_threads: int | None = Field(
        default=None, description="Threads for local rendering; defaults to the CPU count."
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
        if self.prompt_enhancer == "google" and self.provider(GOOGLE).api_key is None:
            raise ValueError("GENERATION_PROMPT_ENHANCER=google needs GENERATION_GOOGLE__API_KEY")
        return self
