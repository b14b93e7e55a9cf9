"""The recommender's ranking rules over the real catalog: needs matched first, a budget or a
deadline excludes, an unconfigured provider or open circuit ranks as unavailable, and needs are
read from the prompt when not given."""

from contracts.catalog.models import Quality, Strength
from contracts.catalog.needs import needs_of
from contracts.catalog.recommend import Limits, Ranked, catalog_candidates, rank
from contracts.catalog.registry import find_model
from contracts.http.providers import ProviderHealth

STANDARD = catalog_candidates("generate", Quality.STANDARD)


def names(ranked: list[Ranked]) -> list[str]:
    return [f"{r.candidate.provider}/{r.candidate.model}" for r in ranked]


def test_needs_text_ranks_a_text_capable_model_first() -> None:
    plain, _ = rank(STANDARD, needs_of("a red fox"))
    texty, _ = rank(STANDARD, needs_of("a red fox", needs_text=True))
    assert Strength.TEXT_RENDERING not in plain[0].candidate.strengths  # cheapest first
    assert Strength.TEXT_RENDERING in texty[0].candidate.strengths
    assert "renders_text" in [reason.code for reason in texty[0].reasons]
    spec = find_model(texty[0].candidate.provider, texty[0].candidate.model)
    assert Strength.TEXT_RENDERING in spec.strengths  # the catalog's fact, not the ranker's


def test_quoted_text_in_the_prompt_is_read_as_needing_text() -> None:
    needs = needs_of('a shop window with a sign that reads "OPEN LATE"')
    assert needs.text
    assert not needs.photoreal
    assert "OPEN LATE" in needs.inferred[0].detail
    assert not needs_of('a sign "OPEN"', needs_text=False).text  # given beats inferred
    assert needs_of("a fox", style="photographic").photoreal


def test_a_budget_excludes_expensive_ones() -> None:
    ranked, excluded = rank(STANDARD, needs_of("a fox"), limits=Limits(budget_credits=2))
    assert ranked
    assert excluded
    assert all(r.candidate.price.credits <= 2 for r in ranked)
    assert all(r.candidate.price.credits > 2 for r in excluded)
    assert {reason.code for r in excluded for reason in r.reasons} == {"over_budget"}


def test_a_deadline_excludes_slow_ones() -> None:
    ranked, excluded = rank(STANDARD, needs_of("a fox"), limits=Limits(deadline_s=5))
    assert all(r.candidate.price.seconds_per_unit <= 5 for r in ranked)
    assert "huggingface/flux-1-dev" in names(excluded)  # about 10 s


def test_an_unconfigured_provider_or_open_circuit_ranks_as_unavailable() -> None:
    health = {
        "huggingface": ProviderHealth(name="huggingface", configured=False, circuit="closed"),
        "wavespeed": ProviderHealth(name="wavespeed", configured=True, circuit="open"),
        "google": ProviderHealth(name="google", configured=True, circuit="closed"),
    }
    ranked, _ = rank(STANDARD, needs_of("a fox"), health)
    unavailable = [r for r in ranked if not r.available]
    assert {r.candidate.provider for r in unavailable} == {"huggingface", "wavespeed"}
    assert ranked[-len(unavailable) :] == unavailable  # after every available one
    codes = {reason.code for r in unavailable for reason in r.reasons}
    assert codes == {"not_configured", "circuit_open"}
    assert ranked[0].available


def test_ties_keep_the_catalog_order_so_auto_routes_as_before_without_needs() -> None:
    ranked, _ = rank(STANDARD, needs_of("a fox"))
    order = [(r.candidate.price.credits, r.candidate.price.usd) for r in ranked]
    assert order == sorted(order)
    assert names(ranked)[0] == "huggingface/flux-1-dev"
