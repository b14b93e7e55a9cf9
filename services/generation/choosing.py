"""`provider: auto` by the recommender: the tier's routes ordered by the request's needs (read
from its prompt and style), and the decision the job records once a route delivered. The router
passes over routes not configured or with an open circuit, in this order, so the one that runs is
the top configured, healthy one."""

from dataclasses import dataclass

from contracts.billing.prices import Price
from contracts.catalog.models import ModelSpec
from contracts.catalog.needs import Needs, needs_of
from contracts.catalog.recommend import Candidate, Ranked, mismatches, rank, summary
from contracts.params.generate import GenerateParams
from contracts.routing import Reason, RoutingDecision

Routes = list[tuple[ModelSpec, Price]]


@dataclass(frozen=True)
class Choice:
    """The routes in the recommender's order, with what it read and why each ranks where."""

    routes: Routes
    needs: Needs
    ranked: list[Ranked]

    def decision(self, delivered: ModelSpec) -> RoutingDecision:
        """Why the route that delivered was chosen."""
        names = [f"{r.candidate.provider}/{r.candidate.model}" for r in self.ranked]
        position = names.index(f"{delivered.provider}/{delivered.model}")
        chosen = self.ranked[position]
        reasons = [*chosen.reasons, *mismatches(chosen.candidate, self.needs)]
        said = summary(chosen, self.needs)
        if position > 0:
            detail = f"ranked {position + 1}: the routes before it were passed over or failed"
            reasons.append(Reason(code="fallback", detail=detail))
            said = f"{said[:-1]}; {detail} (see attempts)."
        return RoutingDecision(
            provider=delivered.provider,
            model=delivered.model,
            needs=self.needs.names,
            inferred=list(self.needs.inferred),
            ranked=names,
            reasons=reasons,
            summary=said,
        )


def choose(params: GenerateParams, routes: Routes) -> Choice | None:
    """The routes of an `auto` job in the recommender's order; None when the job pinned one."""
    if params.provider != "auto" or params.model is not None:
        return None
    needs = needs_of(params.prompt, params.style)
    candidates = [_candidate(spec, price) for spec, price in routes]
    ranked, _ = rank(candidates, needs)
    by_name = {(spec.provider, spec.model): (spec, price) for spec, price in routes}
    ordered = [by_name[(r.candidate.provider, r.candidate.model)] for r in ranked]
    return Choice(ordered, needs, ranked)


def _candidate(spec: ModelSpec, price: Price) -> Candidate:
    return Candidate(
        spec.provider, spec.model, spec.tier, price, spec.strengths, spec.style_presets
    )
