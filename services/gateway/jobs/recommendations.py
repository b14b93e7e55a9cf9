"""`POST /v1/recommendations`: the catalog's candidates for the request, ranked by the
recommender (`contracts.catalog.recommend`) with the serving worker's live provider health."""

from contracts.billing import CREDIT_USD
from contracts.catalog.needs import Needs, needs_of
from contracts.catalog.recommend import (
    Limits,
    Ranked,
    catalog_candidates,
    mismatches,
    rank,
    summary,
)
from contracts.http.recommendations import (
    AvailabilityPublic,
    ExcludedPublic,
    NeedsPublic,
    RecommendationPublic,
    RecommendationsCreate,
    RecommendationsPublic,
)
from contracts.jobs import JOB_KINDS
from contracts.params.generate import GenerateParams
from services.gateway.jobs.availability import Availability, Health


async def recommendations(
    body: RecommendationsCreate, availability: Availability
) -> RecommendationsPublic:
    """The ranked candidates, and those the budget or deadline left out."""
    needs = needs_of(body.prompt, body.style, body.needs_text, body.photoreal)
    health = await availability.health(JOB_KINDS[body.kind].service)
    limits = Limits(body.budget_credits, body.deadline_s)
    ranked, excluded = rank(catalog_candidates(body.kind, body.quality), needs, health, limits)
    return RecommendationsPublic(
        kind=body.kind,
        needs=NeedsPublic(
            needs_text=needs.text,
            photoreal=needs.photoreal,
            style=needs.style,
            inferred=list(needs.inferred),
        ),
        items=[_item(i + 1, r, needs, health, body.kind) for i, r in enumerate(ranked)],
        excluded=[_excluded(r) for r in excluded],
    )


def _item(
    position: int, ranked: Ranked, needs: Needs, health: Health | None, kind: str
) -> RecommendationPublic:
    c = ranked.candidate
    seen = (health or {}).get(c.provider)
    pins = {"provider": c.provider, "model": c.model}
    if kind == GenerateParams.KIND and c.tier is not None:
        pins["quality"] = c.tier.value
    return RecommendationPublic(
        rank=position,
        provider=c.provider,
        model=c.model,
        quality=c.tier,
        credits=c.price.credits,
        price_usd=c.price.credits * CREDIT_USD,
        unit=c.price.unit.value,
        expected_seconds=c.price.seconds_per_unit,
        availability=AvailabilityPublic(
            configured=seen.configured if seen else None,
            circuit=seen.circuit if seen else "unknown",
            available=ranked.available,
        ),
        reasons=[*ranked.reasons, *mismatches(c, needs)],
        summary=summary(ranked, needs),
        params=pins,
    )


def _excluded(ranked: Ranked) -> ExcludedPublic:
    c = ranked.candidate
    out = [r for r in ranked.reasons if r.code in ("over_budget", "over_deadline")]
    return ExcludedPublic(
        provider=c.provider,
        model=c.model,
        credits=c.price.credits,
        expected_seconds=c.price.seconds_per_unit,
        reasons=out,
    )
