"""The API's operations on a tenant's account and set-up, each a function building its `Call`
as `studio.operations` does: billing, API keys, brand kits, webhooks and the catalog (providers,
templates, styles, platforms)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from studio import models
from studio.calls import Call, body, model, nothing, query
from studio.operations import Body, key


def account() -> Call[models.AccountPublic]:
    """The plan, the credit balance, this month's use and the budget cap."""
    return Call("GET", "/v1/billing/account", model(models.AccountPublic))


def usage(*, since: date | None = None, until: date | None = None) -> Call[models.UsagePublic]:
    """Jobs, credits and provider cost a day, operation and provider, between two dates."""
    params = query(
        since=since.isoformat() if since else None, until=until.isoformat() if until else None
    )
    return Call("GET", "/v1/billing/usage", model(models.UsagePublic), params=params)


def ledger(*, limit: int | None = None, cursor: str | None = None) -> Call[models.LedgerPublic]:
    """One page of credit movements, newest first; pass the page's `next` back as `cursor`."""
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/billing/ledger", model(models.LedgerPublic), params=params)


def create_key(name: str, *, idempotency_key: str | None = None) -> Call[models.ApiKeyCreated]:
    """A new API key of the tenant, named; the answer holds the key itself, shown this once."""
    return Call(
        "POST",
        "/v1/keys",
        model(models.ApiKeyCreated),
        json={"name": name},
        idempotency_key=key(idempotency_key),
    )


def list_keys() -> Call[models.ApiKeysPublic]:
    """Every key of the tenant (prefix, name, whether revoked), never the keys themselves."""
    return Call("GET", "/v1/keys", model(models.ApiKeysPublic))


def revoke_key(prefix: str) -> Call[None]:
    """Refuse the key of this prefix from now on (this client's own key too)."""
    return Call("DELETE", f"/v1/keys/{prefix}", nothing)


def create_brand_kit(
    spec: Body, *, idempotency_key: str | None = None
) -> Call[models.BrandKitPublic]:
    """Store a brand kit (`{"name": ..., "colors": [...], ...}` or a `models.BrandKitSpec`)."""
    return Call(
        "POST",
        "/v1/brand-kits",
        model(models.BrandKitPublic),
        json=body(spec),
        idempotency_key=key(idempotency_key),
    )


def list_brand_kits(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.BrandKitsPublic]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/brand-kits", model(models.BrandKitsPublic), params=params)


def get_brand_kit(kit_id: str) -> Call[models.BrandKitPublic]:
    return Call("GET", f"/v1/brand-kits/{kit_id}", model(models.BrandKitPublic))


def replace_brand_kit(kit_id: str, spec: Body) -> Call[models.BrandKitPublic]:
    """Replace the kit; jobs already submitted keep the copy they were given."""
    path = f"/v1/brand-kits/{kit_id}"
    return Call("PUT", path, model(models.BrandKitPublic), json=body(spec))


def delete_brand_kit(kit_id: str) -> Call[None]:
    return Call("DELETE", f"/v1/brand-kits/{kit_id}", nothing)


def create_webhook(
    url: str,
    events: Sequence[str] = ("*",),
    *,
    description: str | None = None,
    idempotency_key: str | None = None,
) -> Call[models.WebhookCreated]:
    """Register an endpoint for job events; the answer holds its signing secret, shown once."""
    spec: dict[str, Any] = {"url": url, "events": list(events)}
    if description is not None:
        spec["description"] = description
    return Call(
        "POST",
        "/v1/webhooks",
        model(models.WebhookCreated),
        json=spec,
        idempotency_key=key(idempotency_key),
    )


def list_webhooks(
    *, limit: int | None = None, cursor: str | None = None
) -> Call[models.WebhooksPublic]:
    params = query(limit=limit, cursor=cursor)
    return Call("GET", "/v1/webhooks", model(models.WebhooksPublic), params=params)


def get_webhook(webhook_id: str) -> Call[models.WebhookPublic]:
    return Call("GET", f"/v1/webhooks/{webhook_id}", model(models.WebhookPublic))


def delete_webhook(webhook_id: str) -> Call[None]:
    return Call("DELETE", f"/v1/webhooks/{webhook_id}", nothing)


def list_deliveries(
    webhook_id: str, *, limit: int | None = None, cursor: str | None = None
) -> Call[models.DeliveriesPublic]:
    """One page of the events sent to the webhook, newest first, each with its attempts."""
    params = query(limit=limit, cursor=cursor)
    path = f"/v1/webhooks/{webhook_id}/deliveries"
    return Call("GET", path, model(models.DeliveriesPublic), params=params)


def redeliver(
    webhook_id: str, delivery_id: str, *, idempotency_key: str | None = None
) -> Call[models.DeliveryPublic]:
    """Send a delivery again now, with the same `webhook-id` (receivers deduplicate by it)."""
    return Call(
        "POST",
        f"/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
        model(models.DeliveryPublic),
        idempotency_key=key(idempotency_key),
    )


def providers() -> Call[models.ProvidersPublic]:
    """Every provider: capabilities, models with prices, whether configured, health now."""
    return Call("GET", "/v1/providers", model(models.ProvidersPublic))


def templates() -> Call[models.TemplatesPublic]:
    """The templates a `generate` job may name."""
    return Call("GET", "/v1/templates", model(models.TemplatesPublic))


def styles() -> Call[models.StylesPublic]:
    """The style presets a `generate` job may name."""
    return Call("GET", "/v1/styles", model(models.StylesPublic))


def platforms() -> Call[models.PlatformsPublic]:
    """Every social platform format: pixel size, accepted formats, byte limit, safe zones."""
    return Call("GET", "/v1/platforms", model(models.PlatformsPublic))
