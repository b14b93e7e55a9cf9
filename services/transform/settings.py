"""Settings of the transform service (env prefix `TRANSFORM_`)."""

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.catalog.provider import ProviderEntry
from services.transform.providers.registry import ADAPTERS
from services.transform.speech.registry import SPEECH_ADAPTERS
from shared.providers.registry import called_by
from shared.providers.settings import ProviderClients, RoutingSettings
from shared.settings import WorkerSettings
from shared.workers.settings import LEASE, CpuThreads, JobWorkerSettings, SourceLimits


class TransformSettings(ProviderClients, CpuThreads, SourceLimits, JobWorkerSettings):
    model_config = SettingsConfigDict(env_prefix="TRANSFORM_", env_nested_delimiter="__")
    CALLED: ClassVar[tuple[ProviderEntry, ...]] = called_by(ADAPTERS) + called_by(SPEECH_ADAPTERS)

    port: int = Field(default=8006, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=16),
        description="Provider jobs wait minutes; local videos use the CPU pool.",
    )
    lease_s: float = Field(default=120.0, description=LEASE)
    output_max_bytes: int = Field(
        default=500 * 2**20, description="Largest video or model a provider may return."
    )
    routing: RoutingSettings = Field(
        default_factory=lambda: RoutingSettings(poll_interval_s=5.0, async_deadline_s=900.0),
        description="Video predictions are polled every 5 s, as WaveSpeed asks, for up to 15 min.",
    )
