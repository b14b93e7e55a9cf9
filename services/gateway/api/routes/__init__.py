"""One module per resource; `ROUTERS` is every public entry point of the gateway's API (the
event streams are the projector's: `services/gateway/events/routes.py`)."""

from services.gateway.api.routes import (
    admin,
    assets,
    batches,
    billing,
    brand_kits,
    catalog,
    collections,
    jobs,
    keys,
    library,
    search,
    shares,
    uploads,
    usage,
    webhooks,
)

ROUTERS = [
    jobs.router,
    batches.router,
    uploads.router,
    search.router,
    assets.router,
    collections.router,
    shares.router,
    usage.router,
    library.router,
    catalog.router,
    brand_kits.router,
    webhooks.router,
    billing.router,
    keys.router,
    admin.router,
]
