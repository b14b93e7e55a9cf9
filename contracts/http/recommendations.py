"""`POST /v1/recommendations`: the providers and models that fit a request, ranked, with why."""

from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.catalog.models import Quality
from contracts.catalog.styles import STYLES
from contracts.jobs import JOB_KINDS
from contracts.params.generate import CatalogId, Prompt
from contracts.routing import Reason


class RecommendationsCreate(BaseModel):
    """What the request needs; a need left out (null) is read from the prompt and style."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"prompt": "a sale poster that says “50% OFF”", "budget_credits": 3},
                {"kind": "generate", "photoreal": True, "deadline_s": 5, "quality": "standard"},
            ]
        },
    )

    prompt: Prompt | None = Field(default=None, description="The prompt, read for needs.")
    kind: str = Field(default="generate", description="A job kind (`generate`, `edit.erase`, …).")
    quality: Quality | None = Field(default=None, description="Only this tier; all when null.")
    budget_credits: int | None = Field(
        default=None, ge=0, le=1_000_000, description="Leave out what costs more (per unit)."
    )
    deadline_s: float | None = Field(
        default=None, gt=0, le=86_400, description="Leave out what is expected to take longer."
    )
    needs_text: bool | None = Field(default=None, description="Legible text in the image.")
    photoreal: bool | None = Field(default=None, description="A photorealistic result.")
    style: CatalogId | None = Field(default=None, description="A preset of `GET /v1/styles`.")

    @model_validator(mode="after")
    def _known(self) -> Self:
        if self.kind not in JOB_KINDS:
            raise ValueError(f"unknown kind '{self.kind}' (known: {', '.join(sorted(JOB_KINDS))})")
        if self.style is not None and self.style not in STYLES:
            raise ValueError(f"unknown style '{self.style}' (see GET /v1/styles)")
        return self


class AvailabilityPublic(BaseModel):
    configured: bool | None = Field(description="null: the worker did not report.")
    circuit: str = Field(description="`closed`, `half_open`, `open`, or `unknown`.")
    available: bool = Field(description="Configured with its circuit not open (or unknown).")


class RecommendationPublic(BaseModel):
    rank: int = Field(description="1 is the best fit.")
    provider: str
    model: str
    quality: Quality | None = Field(description="The model's tier (null: an engine of any tier).")
    credits: int = Field(description="Per unit, from the catalog's price list.")
    price_usd: Decimal = Field(description="What the tenant pays per unit: credits at list price.")
    unit: str = Field(description="`image`, `second` or `5s` (video at its lowest resolution).")
    expected_seconds: float = Field(description="The catalog's expected time per unit.")
    availability: AvailabilityPublic
    reasons: list[Reason] = Field(description="Matched needs, trade-offs, availability.")
    summary: str = Field(description="The same in one sentence.")
    params: dict[str, str] = Field(description="Set these params of the job to run it here.")


class ExcludedPublic(BaseModel):
    provider: str
    model: str
    credits: int
    expected_seconds: float
    reasons: list[Reason] = Field(description="`over_budget`, `over_deadline`.")


class NeedsPublic(BaseModel):
    needs_text: bool
    photoreal: bool
    style: str | None
    inferred: list[Reason] = Field(
        description="Needs read from the prompt or style, and from what."
    )


class RecommendationsPublic(BaseModel):
    kind: str
    needs: NeedsPublic
    items: list[RecommendationPublic] = Field(description="Best first (rules: docs/api.md).")
    excluded: list[ExcludedPublic] = Field(description="Left out by the budget or deadline.")
