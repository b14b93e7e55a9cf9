"""Settings of the generation service (env prefix `GENERATION_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class GenerationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GENERATION_", env_nested_delimiter="__")

    port: int = Field(default=8003, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
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
