"""The recommender: the catalog's models (or a kind's engines) that fit a request, ranked by fixed
rules. Used by `POST /v1/recommendations` and by `provider: auto` (which ranks its tier's routes).

Rules, in order:
1. A budget (credits) or deadline (seconds) excludes what costs more or takes longer.
2. Available first: a provider that is configured with its circuit not open (unknown health
   counts as available: its queue keeps the job).
3. More of the request's needs matched first (legible text, photorealism, a native style preset).
4. Cheaper first (credits, then provider USD); then the catalog's listing order."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from contracts.billing.prices import Price
from contracts.catalog.models import ModelSpec, Quality, Strength, StylePresets
from contracts.catalog.needs import Needs
from contracts.catalog.registry import ENGINES, MODELS, PRICES, find_price
from contracts.catalog.styles import STYLES
from contracts.http.providers import ProviderHealth
from contracts.routing import Reason

OPEN = "open"


@dataclass(frozen=True)
class Candidate:
    """A model or engine with its catalog price and capabilities."""

    provider: str
    model: str
    tier: Quality | None
    price: Price
    strengths: frozenset[Strength] = frozenset()
    style_presets: StylePresets | None = None


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    available: bool
    matched: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Limits:
    budget_credits: int | None = None
    deadline_s: float | None = None


def model_candidates(specs: Sequence[ModelSpec], kind: str) -> list[Candidate]:
    """`generate` models with their prices (unpriced ones left out)."""
    found = []
    for spec in specs:
        price = find_price(kind, spec.provider, spec.model)
        if price is not None:
            found.append(
                Candidate(
                    spec.provider, spec.model, spec.tier, price, spec.strengths, spec.style_presets
                )
            )
    return found


def catalog_candidates(kind: str, quality: Quality | None) -> list[Candidate]:
    """Every model (for `generate`) or engine of `kind`, of `quality` when given."""
    if kind == "generate":
        return model_candidates([s for s in MODELS if quality in (None, s.tier)], kind)
    found = []
    for engine in ENGINES:
        price = _first_price(kind, engine.provider, engine.model)
        if engine.kind == kind and price is not None:
            tier = Quality.DRAFT if engine.provider == "local" else None
            if quality is None or tier in (None, quality):
                found.append(Candidate(engine.provider, engine.model, tier, price))
    return found


def _first_price(kind: str, provider: str, model: str) -> Price | None:
    """The price per unit (for videos: at the lowest resolution)."""
    for price in PRICES:
        if (price.operation, price.provider, price.model) == (kind, provider, model):
            return price
    return None


def rank(
    candidates: Sequence[Candidate],
    needs: Needs,
    health: Mapping[str, ProviderHealth] | None = None,
    limits: Limits = Limits(),
) -> tuple[list[Ranked], list[Ranked]]:
    """(ranked, excluded by the budget or deadline), each with its reasons."""
    kept: list[tuple[int, Ranked]] = []
    excluded: list[tuple[int, Ranked]] = []
    for index, candidate in enumerate(candidates):
        out = _over_limits(candidate.price, limits)
        available, state = _availability(candidate.provider, health)
        matched = _matched(candidate, needs)
        ranked = Ranked(candidate, available, len(matched), (*matched, *state, *out))
        (excluded if out else kept).append((index, ranked))
    kept.sort(key=lambda item: _order(*item))
    return _with_extremes([r for _, r in kept]), [r for _, r in excluded]


def _order(index: int, ranked: Ranked) -> tuple[bool, int, int, Decimal, int]:
    price = ranked.candidate.price
    return (not ranked.available, -ranked.matched, price.credits, price.usd, index)


def _matched(candidate: Candidate, needs: Needs) -> list[Reason]:
    reasons = []
    if needs.text:
        reasons += _need(candidate, Strength.TEXT_RENDERING, "renders_text", "renders legible text")
    if needs.photoreal:
        reasons += _need(candidate, Strength.PHOTOREAL, "photoreal", "is known for photorealism")
    preset = STYLES.get(needs.style or "")
    if preset is not None:
        native = {"stability": preset.stability_preset, "ideogram": preset.ideogram_style}
        takes = candidate.style_presets is not None and native[candidate.style_presets] not in (
            None,
            "Auto",
        )
        if takes:
            reasons.append(Reason(code="native_style", detail=f"takes “{preset.id}” natively"))
    return reasons


def mismatches(candidate: Candidate, needs: Needs) -> list[Reason]:
    """The needs a candidate does not meet (shown as trade-offs)."""
    missing = []
    if needs.text and Strength.TEXT_RENDERING not in candidate.strengths:
        missing.append(Reason(code="no_text_rendering", detail="not known for legible text"))
    if needs.photoreal and Strength.PHOTOREAL not in candidate.strengths:
        missing.append(Reason(code="not_photoreal", detail="not known for photorealism"))
    return missing


def _need(candidate: Candidate, strength: Strength, code: str, detail: str) -> list[Reason]:
    return [Reason(code=code, detail=detail)] if strength in candidate.strengths else []


def _availability(
    provider: str, health: Mapping[str, ProviderHealth] | None
) -> tuple[bool, list[Reason]]:
    seen = (health or {}).get(provider)
    if seen is None:
        return True, []
    if not seen.configured:
        return False, [Reason(code="not_configured", detail=f"{provider} has no API key set")]
    if seen.circuit == OPEN:
        detail = f"{provider} is failing now and routed around (circuit open)"
        return False, [Reason(code="circuit_open", detail=detail)]
    return True, []


def _over_limits(price: Price, limits: Limits) -> list[Reason]:
    out = []
    if limits.budget_credits is not None and price.credits > limits.budget_credits:
        detail = f"{price.credits} credits is over the budget of {limits.budget_credits}"
        out.append(Reason(code="over_budget", detail=detail))
    if limits.deadline_s is not None and price.seconds_per_unit > limits.deadline_s:
        detail = (
            f"about {price.seconds_per_unit:g} s is over the deadline of {limits.deadline_s:g} s"
        )
        out.append(Reason(code="over_deadline", detail=detail))
    return out


def _with_extremes(ranked: list[Ranked]) -> list[Ranked]:
    """Marks the cheapest and the fastest available ones."""
    usable = [r for r in ranked if r.available]
    cheapest = min((r.candidate.price.credits for r in usable), default=None)
    fastest = min((r.candidate.price.seconds_per_unit for r in usable), default=None)
    marked = []
    for r in ranked:
        extra = []
        if r.available and r.candidate.price.credits == cheapest:
            extra.append(Reason(code="cheapest", detail="the lowest price of those available"))
        if r.available and r.candidate.price.seconds_per_unit == fastest:
            extra.append(Reason(code="fastest", detail="the shortest expected time available"))
        marked.append(Ranked(r.candidate, r.available, r.matched, (*r.reasons, *extra)))
    return marked


def summary(ranked: Ranked, needs: Needs) -> str:
    """One sentence: what it matches, what it lacks, its price and time, its availability."""
    c, price = ranked.candidate, ranked.candidate.price
    good = [r.detail for r in ranked.reasons if r.code in MATCH_CODES]
    lacks = [r.detail for r in mismatches(c, needs)]
    blocked = [r.detail for r in ranked.reasons if r.code in BLOCK_CODES]
    parts = [f"{c.model} ({c.provider})"]
    parts += [" and ".join(good)] if good else []
    sentence = " ".join(parts)
    sentence += (
        f"; {price.credits} credits per {price.unit.value}, about {price.seconds_per_unit:g} s"
    )
    sentence += f"; {', '.join(lacks)}" if lacks else ""
    sentence += f"; unavailable: {', '.join(blocked)}" if blocked else ""
    return sentence + "."


MATCH_CODES = {"renders_text", "photoreal", "native_style"}
BLOCK_CODES = {"not_configured", "circuit_open"}
