"""Settings of the billing service (env prefix `BILLING_`)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class BillingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", env_nested_delimiter="__")

    port: int = Field(default=8002, description="Port of the internal API (the gateway calls it).")
    reconcile_every_s: float = Field(
        default=300.0, description="Pause between reconciliations measuring ledger drift."
    )
    hold_ttl_s: float = Field(
        default=86_400.0,
        description="A hold whose job never ended (its ending lost) is released after this.",
    )
    worker: WorkerSettings = Field(default_factory=lambda: WorkerSettings(concurrency=16))
