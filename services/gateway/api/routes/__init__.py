"""One module per resource; `ROUTERS` is every public entry point of the gateway."""

from services.gateway.api.routes import (
    admin,
    assets,
    batches,
    billing,
    brand_kits,
    catalog,
    events,
    jobs,
    uploads,
    webhooks,
)

ROUTERS = [
    jobs.router,
    batches.router,
    events.router,
    uploads.router,
    assets.router,
    catalog.router,
    brand_kits.router,
    webhooks.router,
    billing.router,
    admin.router,
]
