"""Settings of provider calls: each provider's API and limits, and routing across them."""

from typing import Any

from pydantic import BaseModel, Field, SecretStr

from contracts.catalog.provider import ProviderEntry


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


def provider_field(provider: ProviderEntry) -> Any:
    """A settings field of `provider`'s API, defaulting to its catalog entry's URL and rate."""
    if provider.base_url is None:
        raise ValueError(f"{provider.name} is the platform's own: it has no API settings")
    base_url, rate_per_s = provider.base_url, provider.rate_per_s
    return Field(default_factory=lambda: ProviderSettings(base_url=base_url, rate_per_s=rate_per_s))


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
