"""Settings of the library service (env prefix `LIBRARY_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from services.library.enrichment.settings import AnalysisSettings, VisionSettings
from shared.settings import ServiceSettings, WorkerSettings


class LibrarySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="LIBRARY_", env_nested_delimiter="__")

    port: int = Field(default=8001, description="Port of the internal API (the gateway calls it).")
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    analysis: AnalysisSettings = Field(
        default_factory=AnalysisSettings, description="Ingest analysis of each new asset."
    )
    vision: VisionSettings = Field(
        default_factory=VisionSettings, description="Captions and labels from a vision model."
    )
    purge_interval_s: float = Field(
        default=60.0,
        gt=0,
        description="How often the purger (one replica, by lease) applies retention rules and "
        "deletes assets whose time in the trash is up.",
    )
    purge_batch: int = Field(
        default=500, ge=1, le=10_000, description="Assets the purger deletes per round trip."
    )
    stats_window_days: int = Field(
        default=90, ge=1, le=366, description="Days of job outcomes the provider stats cover."
    )
