"""Settings of the library service (env prefix `LIBRARY_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class LibrarySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="LIBRARY_", env_nested_delimiter="__")

    port: int = Field(default=8001, description="Port of the internal API (the gateway calls it).")
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
