"""Settings of the transform service (env prefix `TRANSFORM_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.catalog.providers.stability import STABILITY
from contracts.catalog.providers.wavespeed import WAVESPEED
from shared.providers.settings import ProviderSettings, RoutingSettings, provider_field
from shared.settings import ServiceSettings, WorkerSettings


class TransformSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="TRANSFORM_", env_nested_delimiter="__")

    port: int = Field(default=8006, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=16),
        description="Provider jobs wait minutes; local videos use the CPU pool.",
    )
    cpu_threads: int | None = Field(
        default=None, description="Threads for local video; defaults to the CPU count."
    )
    lease_s: float = Field(
        default=120.0,
        description="How long a worker holds a job without news before another may take it over.",
    )
    source_max_bytes: int = Field(default=100 * 2**20, description="Largest input file read.")
    source_max_pixels: int = Field(
        default=100_000_000, description="Largest input image, in pixels (bombs are refused)."
    )
    output_max_bytes: int = Field(
        default=500 * 2**20, description="Largest video or model a provider may return."
    )
    wavespeed: ProviderSettings = provider_field(WAVESPEED)
    stability: ProviderSettings = provider_field(STABILITY)
    routing: RoutingSettings = Field(
        default_factory=lambda: RoutingSettings(poll_interval_s=5.0, async_deadline_s=900.0),
        description="Video predictions are polled every 5 s, as WaveSpeed asks, for up to 15 min.",
    )
