"""Settings of the gateway (env prefix `GATEWAY_`)."""

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, IPvAnyNetwork, field_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from shared.settings import ServiceSettings, WorkerSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", env_nested_delimiter="__")

    port: int = Field(default=8010, description="Port of the API process.")
    projector_port: int = Field(
        default=8007,
        description="Port of the projector process: the event streams (`/v1/events`, `/v1/ws`), "
        "health and metrics.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Base URL clients use to reach the API (the ingress in front of both).",
    )
    library_url: str = Field(
        default="http://127.0.0.1:8001", description="Base URL of the library's internal API."
    )
    billing_url: str = Field(
        default="http://127.0.0.1:8002", description="Base URL of the billing service's API."
    )
    generation_url: str = Field(
        default="http://127.0.0.1:8003",
        description="Base URL of the generation service's internal API (provider health).",
    )
    editing_url: str = Field(
        default="http://127.0.0.1:8004",
        description="Base URL of the editing service's internal API (provider health).",
    )
    transform_url: str = Field(
        default="http://127.0.0.1:8006",
        description="Base URL of the transform service's internal API (provider health).",
    )
    provider_health_ttl_s: float = Field(
        default=1.5,
        gt=0,
        description="How long the gateway trusts a worker's provider health (catalog, estimates).",
    )
    account_view_ttl_s: float = Field(
        default=2.0,
        description="How long the gateway trusts an account view for its early 402 and rate "
        "limit (billing still decides every job).",
    )
    max_body_bytes: int = Field(default=1_048_576, description="Largest JSON request body.")
    webhook_allow_private: bool = Field(
        default=False,
        description="Let webhooks target private, loopback and link-local addresses (tests).",
    )
    webhook_retry_scale: float = Field(
        default=1.0,
        gt=0,
        description="Multiplies the webhook retry schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, "
        "10 h); tests shrink it.",
    )
    webhook_timeout_s: float = Field(
        default=10.0, gt=0, description="Longest wait for an endpoint."
    )
    batch_max_bytes: int = Field(
        default=16 * 2**20, description="Largest batch body (JSON list, or CSV/JSONL upload)."
    )
    upload_max_bytes: int = Field(default=25 * 2**20, description="Largest uploaded image.")
    upload_max_pixels: int = Field(
        default=50_000_000, description="Most pixels an upload may decode to (bomb guard)."
    )
    upload_url_allow: Annotated[list[IPvAnyNetwork], NoDecode] = Field(
        default=[],
        description="Networks a URL upload may fetch from although private, loopback or "
        "link-local (comma-separated CIDRs, e.g. `127.0.0.2/32`); public hosts need none.",
    )
    upload_url_timeout_s: float = Field(
        default=15.0, gt=0, description="Longest a URL upload's fetch may take, redirects included."
    )
    publish_within_s: float = Field(
        default=2.0,
        description="How long a submission waits for the broker before answering anyway "
        "(the job is recorded; the sweeper publishes it later).",
    )
    key_cache_ttl_s: float = Field(
        default=30.0, description="How long a checked API key is trusted before re-checking."
    )
    sweep_interval_s: float = Field(default=5.0, description="Pause between sweeps.")
    release_interval_s: float = Field(
        default=5.0, description="Pause between looks for scheduled batches due to run."
    )
    stuck_after_s: float = Field(
        default=60.0,
        description="A non-final job untouched this long is published again; each further "
        "wait doubles (so 5 redeliveries span about 31 min).",
    )
    max_redeliveries: int = Field(
        default=5, description="Re-publications before a stuck job ends `failed`."
    )
    event_history_days: int = Field(
        default=7, description="Days job events are kept for replay (SSE Last-Event-ID)."
    )
    sse_ping_s: int = Field(default=15, description="Keep-alive comment interval of SSE.")
    key_recheck_s: float = Field(
        default=0.5,
        gt=0,
        description="How often each gateway process re-reads the API keys it trusts (its key "
        "cache, its open event streams' keys; one query): a revoked key is refused, and its "
        "streams end, within this.",
    )

    console_dir: Path = Field(
        default=Path("web/dist"),
        description="The console's build, served at `/console` (relative to the working folder).",
    )
    worker: WorkerSettings = Field(
        default_factory=WorkerSettings, description="The projector's consumer."
    )

    @field_validator("upload_url_allow", mode="before")
    @classmethod
    def _networks_from_text(cls, value: Any) -> Any:
        """A comma-separated list (or a JSON list) from the environment."""
        if not isinstance(value, str):
            return value
        if value.strip().startswith("["):
            return json.loads(value)
        return [part.strip() for part in value.split(",") if part.strip()]
