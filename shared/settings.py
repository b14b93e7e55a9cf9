"""Typed settings, read from the environment. Each piece has its own prefix; services compose them.

Every field carries a description: `.env.example` and the README's settings table are generated
from these classes (`make contracts`). Any variable `X` may be given as `X_FILE=<path>` instead
(`shared/mounted.py`), for secrets mounted as files.
"""

from pathlib import Path
from typing import Literal, Self
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from shared.mounted import StudioSettings

Environment = Literal["development", "test", "production"]

DEV_S3_SECRET = "studio-dev-secret"
DEV_INTERNAL_TOKEN = "studio-dev-internal-token"


class PlatformSettings(StudioSettings):
    """Settings every service shares."""

    model_config = SettingsConfigDict(env_prefix="STUDIO_")

    environment: Environment = Field(
        default="development",
        description="`production` refuses the development secrets below.",
    )
    internal_token: SecretStr = Field(
        default=SecretStr(DEV_INTERNAL_TOKEN),
        description="Shared secret of service-to-service HTTP calls (gateway to library and "
        "billing).",
    )


class KafkaSettings(StudioSettings):
    """The Kafka cluster (Tansu locally)."""

    model_config = SettingsConfigDict(env_prefix="KAFKA_")

    bootstrap_servers: str = Field(
        default="127.0.0.1:9092", description="Comma-separated host:port list."
    )
    enable_idempotence: bool = Field(
        default=False,
        description="Idempotent producer. Tansu does not support it; turn on for Apache Kafka.",
    )
    manage_topics: bool = Field(
        default=True,
        description="Services create missing topics at start-up. Turn off where topics are "
        "provisioned separately.",
    )
    partitions: int = Field(default=4, ge=1, description="Partitions of each topic created.")
    replication_factor: int = Field(default=1, ge=1, description="Replicas of each topic created.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="Transport security."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        default=None, description="SASL mechanism when the protocol is SASL_*."
    )
    sasl_username: str | None = Field(default=None, description="SASL user.")
    sasl_password: SecretStr | None = Field(default=None, description="SASL password.")
    fetch_max_wait_ms: int = Field(
        default=500,
        ge=1,
        description="Longest the broker holds a fetch that finds no records. Apache Kafka "
        "answers as soon as records arrive; a broker that sleeps it out (Tansu) wants doorbells "
        "and a wait of a few ms.",
    )
    doorbell_dir: Path | None = Field(
        default=None,
        description="Folder of the doorbells that wake parked consumers on this host (for a "
        "broker that does not answer a waiting fetch early, such as Tansu); unset for Apache "
        "Kafka.",
    )
    parked_check_s: float = Field(
        default=30.0,
        gt=0,
        description="With doorbells, how often a parked consumer looks for records anyway "
        "(those of a producer that rings no doorbell).",
    )


class MongoSettings(StudioSettings):
    """The document database (NX-27017 locally)."""

    model_config = SettingsConfigDict(env_prefix="MONGO_")

    url: SecretStr = Field(
        default=SecretStr("mongodb://127.0.0.1:27017"),
        description="Connection string (may hold credentials).",
    )
    database: str = Field(default="studio", description="Database name.")
    timeout_ms: int = Field(default=5000, description="Server selection timeout.")


class S3Settings(StudioSettings):
    """The object store (SeaweedFS locally; any S3 API server)."""

    model_config = SettingsConfigDict(env_prefix="S3_")

    endpoint: str = Field(default="127.0.0.1:8333", description="host:port of the S3 API.")
    public_endpoint: str | None = Field(
        default=None,
        description="Where clients reach the store, for presigned URLs: host:port, or an "
        "http(s):// URL whose scheme then decides HTTPS; defaults to `endpoint`.",
    )
    secure: bool = Field(default=False, description="Use HTTPS.")
    region: str = Field(default="us-east-1", description="Region used in signatures.")
    access_key: str = Field(default="studio", description="Access key id.")
    secret_key: SecretStr = Field(default=SecretStr(DEV_S3_SECRET), description="Secret key.")
    bucket: str = Field(default="studio", description="The one bucket holding every object.")
    presign_ttl_s: int = Field(
        default=86_400,
        ge=1,
        le=604_800,
        description="Lifetime of download URLs: a day, to share (S3 signs for 7 days at most).",
    )
    threads: int = Field(default=8, ge=1, description="Threads running the synchronous client.")

    @field_validator("public_endpoint")
    @classmethod
    def _host_or_origin(cls, given: str | None) -> str | None:
        if given is not None and "://" in given:
            url = urlsplit(given)
            if url.scheme not in ("http", "https") or not url.netloc or url.path not in ("", "/"):
                raise ValueError("give host:port or an http(s):// origin (no path)")
        return given

    def presigned_endpoint(self) -> tuple[str, bool]:
        """The host:port presigned URLs name, and whether they are HTTPS."""
        if self.public_endpoint is None:
            return self.endpoint, self.secure
        if "://" not in self.public_endpoint:
            return self.public_endpoint, self.secure
        url = urlsplit(self.public_endpoint)
        return url.netloc, url.scheme == "https"


class TelemetrySettings(StudioSettings):
    """Logs, traces and metrics."""

    model_config = SettingsConfigDict(env_prefix="TELEMETRY_")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Lowest level logged."
    )
    log_json: bool = Field(default=True, description="JSON log lines (else plain text).")
    otlp_endpoint: str | None = Field(
        default=None, description="OTLP/HTTP collector URL; traces are exported when set."
    )


class ServiceSettings(StudioSettings):
    """Base of every service's settings: the shared pieces plus where its HTTP server listens."""

    platform: PlatformSettings = Field(default_factory=PlatformSettings)
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    s3: S3Settings = Field(default_factory=S3Settings)
    telemetry: TelemetrySettings = Field(default_factory=TelemetrySettings)

    host: str = Field(default="127.0.0.1", description="Interface the HTTP server binds.")
    port: int = Field(description="Port of the HTTP server (health, readiness, metrics, API).")

    @model_validator(mode="after")
    def _no_dev_secrets_in_production(self) -> Self:
        if self.platform.environment != "production":
            return self
        if self.s3.secret_key.get_secret_value() == DEV_S3_SECRET:
            raise ValueError("S3_SECRET_KEY still has its development value")
        if self.platform.internal_token.get_secret_value() == DEV_INTERNAL_TOKEN:
            raise ValueError("STUDIO_INTERNAL_TOKEN still has its development value")
        return self


class WorkerSettings(BaseModel):
    """How a consumer polls, retries and dead-letters (part of each consuming service)."""

    concurrency: int = Field(default=16, ge=1, description="Records handled at once.")
    bulk_share: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="Largest share of `concurrency` the bulk lane (campaigns) may hold, so a "
        "single job always finds a free slot.",
    )
    tenant_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="Largest share of `concurrency` one tenant's jobs may hold in one lane "
        "(work topics), so one tenant's campaigns leave room for the others.",
    )
    max_attempts: int = Field(
        default=4,
        ge=1,
        description="Attempts of a record failing unexpectedly before it is dead-lettered.",
    )
    retry_for_s: float = Field(
        default=300.0,
        gt=0,
        description="How long a record whose dependency is down (a retryable error) keeps "
        "being retried before it is dead-lettered.",
    )
    retry_backoff_s: float = Field(
        default=0.5, gt=0, description="First retry delay (doubles, up to 30 s)."
    )
    max_poll_interval_ms: int = Field(
        default=600_000, description="Longest gap between polls before the group evicts us."
    )
    session_timeout_ms: int = Field(
        default=10_000, description="Heartbeat session of the consumer group."
    )
    batch_max: int = Field(
        default=500,
        ge=1,
        description="Most records a batch handler (projections, billing, the library) gets at "
        "once; under load records go together up to this, each lane on its own.",
    )
    bulk_batch_max: int = Field(
        default=20,
        ge=1,
        description="Most records of the bulk lane a batch handler gets at once: a campaign's "
        "batch holds the database and the event loop only briefly before a single job's turn.",
    )
    bulk_pause_ratio: float = Field(
        default=5.0,
        ge=0,
        description="While interactive records are being handled, a batch handler pauses "
        "after each bulk batch this many times as long as the batch took, and one-by-one "
        "bulk work holds 1/(1 + this) of its slots (0: bulk never yields).",
    )
