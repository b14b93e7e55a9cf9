"""What a job records of how `provider: auto` chose its provider: the needs read from the
request, the order the recommender put the candidates in, and why the one that delivered fits."""

from pydantic import BaseModel, ConfigDict, Field


class Reason(BaseModel):
    """One machine-readable reason (`code`) with its human detail."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="e.g. `renders_text`, `cheapest`, `not_configured`.")
    detail: str


class RoutingDecision(BaseModel):
    """Why `provider: auto` ran the job where it did."""

    model_config = ConfigDict(frozen=True)

    provider: str
    model: str
    needs: list[str] = Field(description="What the request needs (`needs_text`, `photoreal`, …).")
    inferred: list[Reason] = Field(
        default_factory=list, description="Needs read from the prompt or style, and from what."
    )
    ranked: list[str] = Field(description="The candidates as `provider/model`, in the order tried.")
    reasons: list[Reason] = Field(description="Why the one that delivered was ranked where it was.")
    summary: str = Field(description="The same in one sentence.")
