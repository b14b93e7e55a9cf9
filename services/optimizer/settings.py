"""Settings of the optimizer service (env prefix `OPTIMIZER_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import WorkerSettings
from shared.workers.settings import CpuThreads, JobWorkerSettings, SourceLimits


class OptimizerSettings(CpuThreads, SourceLimits, JobWorkerSettings):
    model_config = SettingsConfigDict(env_prefix="OPTIMIZER_", env_nested_delimiter="__")

    port: int = Field(default=8005, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=4),
        description="Jobs are CPU work: a few at once (the CPU pool bounds the work itself).",
    )
