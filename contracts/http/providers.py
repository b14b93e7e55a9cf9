"""Bodies of the catalog endpoints: providers (with health), templates, styles, platform
presets, brand kits."""

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from contracts.brand import BrandKit
from contracts.catalog.models import Quality
from contracts.catalog.platforms import PlatformPreset
from contracts.catalog.styles import StylePreset
from contracts.catalog.templates import Template
from contracts.http.pages import Page


class ProviderHealth(BaseModel):
    """A provider as the generation service sees it now."""

    name: str
    configured: bool
    circuit: str = Field(description="`closed` (healthy), `open` (routed around), `half_open`.")
    consecutive_failures: int = 0
    next_trial_in_s: float = 0.0


class ModelPublic(BaseModel):
    model: str
    capability: str
    tier: Quality
    routable: bool = Field(description="`provider: auto` may route to it.")
    negative_prompt: bool
    seed: bool
    credits_per_image: int
    usd_per_image: Decimal
    expected_seconds: float
    price_source: str


class ProviderPublic(BaseModel):
    name: str
    configured: bool
    health: str = Field(
        description="`healthy`, `degraded` (circuit half-open), `down` (circuit open: `auto` "
        "routes around it), `not_configured` (no API key), `unknown` (generation not answering)."
    )
    circuit: str
    consecutive_failures: int = 0
    next_trial_in_s: float = 0.0
    capabilities: list[str]
    models: list[ModelPublic]


class ProvidersPublic(BaseModel):
    items: list[ProviderPublic]


class TemplatesPublic(BaseModel):
    items: list[Template]


class StylesPublic(BaseModel):
    items: list[StylePreset]


class PlatformsPublic(BaseModel):
    items: list[PlatformPreset]
    sources: dict[str, str] = Field(description="What each preset's source keys cite.")


class BrandKitPublic(BrandKit):
    created_at: datetime
    updated_at: datetime


class BrandKitsPublic(Page[BrandKitPublic]):
    """A page of the tenant's brand kits, newest first."""
