"""Settings every job worker shares, in pieces a worker's settings class composes (each field is
read under the worker's own prefix: `EDITING_LEASE_S`, `OPTIMIZER_SOURCE_MAX_BYTES`)."""

from pydantic import BaseModel, Field

from shared.images import ImageLimits
from shared.settings import ServiceSettings, WorkerSettings

LEASE = "How long a worker holds a job without news before another may take it over."
OUTPUT_MAX_BYTES = 200 * 2**20
"""Largest image file an engine may return."""


class JobWorkerSettings(ServiceSettings):
    """Base of a job worker's settings."""

    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    lease_s: float = Field(default=60.0, description=LEASE)


class CpuThreads(BaseModel):
    """A worker whose local work runs on the CPU pool."""

    cpu_threads: int | None = Field(
        default=None, description="Threads of the CPU pool; defaults to the CPU count."
    )


class SourceLimits(BaseModel):
    """A worker that reads the job's input images."""

    source_max_bytes: int = Field(default=100 * 2**20, description="Largest input file read.")
    source_max_pixels: int = Field(
        default=100_000_000, description="Largest input image, in pixels (bombs are refused)."
    )

    @property
    def source_limits(self) -> ImageLimits:
        return ImageLimits(self.source_max_bytes, self.source_max_pixels)


class OutputLimits(BaseModel):
    """A worker that takes images back from providers."""

    max_output_pixels: int = Field(
        default=16_777_216, description="Largest image a provider may return, in pixels."
    )

    @property
    def output_limits(self) -> ImageLimits:
        return ImageLimits(max_bytes=OUTPUT_MAX_BYTES, max_pixels=self.max_output_pixels)
