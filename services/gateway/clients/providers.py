"""Providers as the workers see them: each worker's report of its providers' configuration and
circuits, and the catalog the API shows (models and prices from contracts, health from
generation)."""

import logging

from pydantic import TypeAdapter, ValidationError

from contracts.catalog.registry import MODELS, PROVIDERS, find_price
from contracts.http.providers import ModelPublic, ProviderHealth, ProviderPublic, ProvidersPublic
from services.gateway.clients.internal import InternalService
from shared.errors import StudioError

log = logging.getLogger(__name__)
REPORT = TypeAdapter(list[ProviderHealth])
HEALTH_OF_CIRCUIT = {"closed": "healthy", "half_open": "degraded", "open": "down"}


class ProviderHealthClient(InternalService):
    """One worker service's `GET /internal/v1/providers`."""

    def __init__(self, service: str, base_url: str, token: str) -> None:
        super().__init__(service, base_url, token, timeout_s=2.0)

    async def health(self) -> dict[str, ProviderHealth] | None:
        """Each provider's health; None when the service does not answer."""
        try:
            response = await self.request("GET", "/internal/v1/providers")
        except StudioError:
            return None
        if response.status_code != 200:
            return None
        try:
            reported = REPORT.validate_json(response.content)
        except ValidationError:
            log.warning("%s reported its providers in a shape not ours", self.name)
            return None
        return {health.name: health for health in reported}


def catalog(health: dict[str, ProviderHealth] | None) -> ProvidersPublic:
    return ProvidersPublic(items=[_provider(name, health) for name in PROVIDERS])


def _provider(name: str, health: dict[str, ProviderHealth] | None) -> ProviderPublic:
    models = [_model(spec.provider, spec.model) for spec in MODELS if spec.provider == name]
    seen = (health or {}).get(name)
    state = seen or ProviderHealth(name=name, configured=False, circuit="unknown")
    if seen is None:
        shown = "unknown"  # the generation service did not answer
    elif not seen.configured:
        shown = "not_configured"
    else:
        shown = HEALTH_OF_CIRCUIT.get(seen.circuit, "unknown")
    return ProviderPublic(
        name=name,
        configured=state.configured,
        health=shown,
        circuit=state.circuit,
        consecutive_failures=state.consecutive_failures,
        next_trial_in_s=state.next_trial_in_s,
        capabilities=sorted({spec.capability.value for spec in MODELS if spec.provider == name}),
        models=models,
    )


def _model(provider: str, model: str) -> ModelPublic:
    spec = next(s for s in MODELS if (s.provider, s.model) == (provider, model))
    price = find_price(spec.capability.value, provider, model)
    if price is None:
        raise LookupError(f"the catalog has no price for {provider}/{model}")
    return ModelPublic(
        model=model,
        capability=spec.capability.value,
        tier=spec.tier,
        routable=spec.routable,
        negative_prompt=spec.negative_prompt,
        seed=spec.seed,
        credits_per_image=price.credits,
        usd_per_image=price.usd,
        expected_seconds=price.seconds_per_unit,
        price_source=price.source,
    )
