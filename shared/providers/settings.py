"""Settings of provider calls: each provider's API and limits, and routing across them."""

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from contracts.catalog.provider import ProviderEntry
from shared import mounted
from shared.mounted import StudioSettings


class ProviderSettings(BaseModel):
    """One provider's API: enabled by its key; limits of this service's calls to it."""

    api_key: SecretStr | None = Field(
        default=None, description="API key; the provider is off without one."
    )
    base_url: str = Field(description="Base URL of the API.")
    timeout_s: float = Field(default=60.0, gt=0, description="Longest wait for one HTTP answer.")
    concurrency: int = Field(default=16, ge=1, description="Calls in flight at once.")
    rate_per_s: float = Field(default=10.0, gt=0, description="Calls started per second.")
    retries: int = Field(
        default=2, ge=0, description="Retries of a transient failure before falling back."
    )


def catalog_defaults(provider: ProviderEntry) -> dict[str, Any]:
    """What `provider`'s catalog entry sets of its API settings: URL and rate."""
    if provider.base_url is None:
        raise ValueError(f"{provider.name} is the platform's own: it has no API settings")
    return {"base_url": provider.base_url, "rate_per_s": provider.rate_per_s}


class ProviderClients(StudioSettings):
    """Settings of a service's provider calls: one `ProviderSettings` per provider it calls, read
    from `<PREFIX><PROVIDER>__<FIELD>` (`GENERATION_STABILITY__API_KEY`) and defaulting to the
    provider's catalog entry, so a new adapter brings its settings with it."""

    CALLED: ClassVar[tuple[ProviderEntry, ...]] = ()
    """The providers the service calls: its adapters' entries."""

    providers: dict[str, ProviderSettings] = Field(
        default_factory=dict,
        validate_default=True,
        description="Each called provider's API, by name.",
    )

    @classmethod
    def own_sources(
        cls, settings_cls: type[BaseSettings]
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (ProviderEnvironment(settings_cls, cls.CALLED),)

    @field_validator("providers", mode="before")
    @classmethod
    def _over_catalog_defaults(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        called = {entry.name: entry for entry in cls.CALLED}
        unknown = sorted(set(given) - set(called))
        if unknown:
            raise ValueError(f"no adapter here calls {', '.join(unknown)}")
        return {
            name: _merged(catalog_defaults(entry), given.get(name))
            for name, entry in called.items()
        }

    def provider(self, entry: ProviderEntry) -> ProviderSettings:
        """The settings of `entry`'s API."""
        return self.providers[entry.name]


def _merged(defaults: dict[str, Any], given: Any) -> Any:
    if isinstance(given, ProviderSettings):
        return given
    return {**defaults, **(given or {})}


class ProviderEnvironment(PydanticBaseSettingsSource):
    """`<PREFIX><PROVIDER>__<FIELD>` environment variables of the called providers, as
    `{"providers": {provider: {field: value}}}` (names are case-insensitive, as elsewhere)."""

    def __init__(self, settings_cls: type[BaseSettings], called: tuple[ProviderEntry, ...]):
        super().__init__(settings_cls)
        self.called = called

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # every value comes from __call__

    def __call__(self) -> dict[str, Any]:
        prefix = str(self.config.get("env_prefix", "")).lower()
        environment = {name.lower(): value for name, value in mounted.environment(prefix).items()}
        found: dict[str, dict[str, str]] = {}
        for entry in self.called:
            head = f"{prefix}{entry.name}__".lower()
            values = {k[len(head) :]: v for k, v in environment.items() if k.startswith(head)}
            if values:
                found[entry.name] = values
        return {"providers": found} if found else {}


class RoutingSettings(BaseModel):
    """Retries, circuit breakers and async polling, for every provider."""

    backoff_s: float = Field(
        default=0.5, gt=0, description="First retry's wait (doubles, jittered)."
    )
    backoff_max_s: float = Field(default=8.0, gt=0, description="Longest wait between retries.")
    max_retry_after_s: float = Field(
        default=30.0,
        description="A longer Retry-After falls back to the next provider instead of waiting.",
    )
    breaker_failures: int = Field(
        default=5, ge=1, description="Consecutive failures that open a provider's circuit."
    )
    breaker_open_s: float = Field(
        default=30.0, gt=0, description="How long an open circuit routes around its provider."
    )
    bulk_share: float = Field(
        default=0.75,
        gt=0,
        le=1,
        description="Largest share of each provider's `concurrency` campaign calls may hold, so "
        "a single job's call starts at once.",
    )
    poll_interval_s: float = Field(default=2.0, gt=0, description="Polling of async provider jobs.")
    async_deadline_s: float = Field(
        default=300.0, gt=0, description="Longest wait for an async provider job."
    )
