"""The editing service's adapters, one line each; `shared.providers.registry` builds a route
for every one whose provider has an API key, plus the local algorithms."""

from contracts.catalog.providers.google import GOOGLE
from contracts.catalog.providers.stability import STABILITY
from services.editing.providers.base import EditProvider, ImageTools
from services.editing.providers.google import GoogleEditing
from services.editing.providers.stability import StabilityEditing
from shared.providers.registry import Adapter

ADAPTERS: tuple[Adapter[EditProvider, ImageTools], ...] = (
    Adapter(
        STABILITY,
        lambda c, t: StabilityEditing(c.http, c.settings, c.routing, c.key, t.cpu, t.limits),
    ),
    Adapter(GOOGLE, lambda c, t: GoogleEditing(c.http, c.settings, c.key, t.cpu, t.limits)),
)
