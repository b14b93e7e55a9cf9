"""Settings of the editing service (env prefix `EDITING_`)."""

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.catalog.provider import ProviderEntry
from services.editing.providers.registry import ADAPTERS
from shared.providers.registry import called_by
from shared.providers.settings import ProviderClients, RoutingSettings
from shared.settings import WorkerSettings
from shared.workers.settings import (
    LEASE,
    CpuThreads,
    JobWorkerSettings,
    OutputLimits,
    SourceLimits,
)


class EditingSettings(ProviderClients, CpuThreads, SourceLimits, OutputLimits, JobWorkerSettings):
    model_config = SettingsConfigDict(env_prefix="EDITING_", env_nested_delimiter="__")
    CALLED: ClassVar[tuple[ProviderEntry, ...]] = called_by(ADAPTERS)

    port: int = Field(default=8004, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=32),
        description="Provider jobs mostly wait, local ones use the CPU pool: a few dozen at once "
        "(each provider's `concurrency` and the CPU pool bound the work itself).",
    )
    lease_s: float = Field(default=120.0, description=LEASE)
    routing: RoutingSettings = Field(
        default_factory=lambda: RoutingSettings(poll_interval_s=10.0),
        description="Asynchronous results are polled every 10 s, as Stability asks.",
    )
