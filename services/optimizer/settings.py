"""Settings of the optimizer service (env prefix `OPTIMIZER_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class OptimizerSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="OPTIMIZER_", env_nested_delimiter="__")

    port: int = Field(default=8005, description="Port of the HTTP server (health, metrics).")
    worker: WorkerSettings = Field(
        default_factory=lambda: WorkerSettings(concurrency=4),
        description="Jobs are CPU work: a few at once (the CPU pool bounds the work itself).",
    )
    cpu_threads: int | None = Field(
        default=None, description="Threads optimizing images; defaults to the CPU count."
    )
    lease_s: float = Field(
        default=60.0,
        description="How long a worker holds a job without news before another may take it over.",
    )
    source_max_bytes: int = Field(default=100 * 2**20, description="Largest source file read.")
    source_max_pixels: int = Field(
        default=100_000_000, description="Largest source image, in pixels (bombs are refused)."
    )
