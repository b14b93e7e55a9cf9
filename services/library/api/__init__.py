"""The library's internal HTTP API; the gateway forwards tenants' asset requests here.
`ROUTERS` is every entry point, one line per feature."""

from services.library.api import assets, bulk, collections, search, shares, stats, trash, usage

ROUTERS = [search.router, assets.router, collections.router, collections.batches_router]
ROUTERS += [shares.router, usage.router]
ROUTERS += [trash.router, bulk.router, stats.router]
