"""`GET /v1/library/stats`: what a tenant's library holds, what it cost, and how generation
went. Counts and bytes are of assets not in the trash unless named otherwise."""

from datetime import datetime

from pydantic import BaseModel, Field


class LibraryTotals(BaseModel):
    assets: int
    bytes: int
    trashed_assets: int
    trashed_bytes: int
    stored_bytes: int = Field(description="Storage used: every object kept, the trash's too.")


class StatsBucket(BaseModel):
    key: str = Field(description="The kind, provider (`none` for uploads) or month (`2026-07`).")
    assets: int
    bytes: int


class CreditsBucket(BaseModel):
    key: str = Field(description="The collection id or the tag.")
    name: str | None = Field(default=None, description="The collection's name.")
    assets: int
    credits: int


class UsedAsset(BaseModel):
    asset_id: str
    usage_count: int
    title: str | None = None
    prompt: str | None = None


class ProviderOutcomes(BaseModel):
    """Calls to one provider by the tenant's jobs over the window, and how they went."""

    provider: str
    calls: int
    succeeded: int
    failed: int
    success_rate: float = Field(description="succeeded / calls, 0–1.")
    jobs_completed: int = Field(description="Jobs this provider delivered.")
    jobs_failed: int = Field(description="Failed jobs whose last call was to it.")
    latency_ms_p50: int | None = Field(description="Of its successful calls.")
    latency_ms_p95: int | None


class LibraryStats(BaseModel):
    totals: LibraryTotals
    by_kind: list[StatsBucket]
    by_provider: list[StatsBucket]
    by_month: list[StatsBucket] = Field(description="By month created (UTC), oldest first.")
    credits_by_collection: list[CreditsBucket] = Field(description="Most credits first.")
    credits_by_tag: list[CreditsBucket] = Field(description="Most credits first (top 50).")
    most_used: list[UsedAsset] = Field(description="Top 10 by usage count (used ones only).")
    providers: list[ProviderOutcomes] = Field(description="Most calls first.")
    outcomes_since: datetime = Field(description="Start of the provider outcomes' window.")
