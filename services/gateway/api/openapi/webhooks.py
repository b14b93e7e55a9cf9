"""The document's `webhooks`: what the platform POSTs to a tenant's endpoints, one operation per
job event type, each body that event's CloudEvent, signed per Standard Webhooks."""

from typing import Any, get_args

from pydantic import BaseModel

from contracts.events.typed import LifecycleEvents
from services.gateway.api.openapi.components import Schemas, add_models

SIGNATURE_HEADERS = {
    "webhook-id": "The message id: the same on every retry of one delivery (deduplicate on it).",
    "webhook-timestamp": "When it was signed (Unix seconds): refuse old ones (replays).",
    "webhook-signature": "`v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}` with the "
    "webhook's secret (`whsec_…`, shown once at creation).",
}


def webhooks_section(schemas: Schemas) -> dict[str, Any]:
    """Operations by event type; the events' schemas are added to `schemas`."""
    models: list[type[BaseModel]] = list(get_args(LifecycleEvents))
    refs = add_models(schemas, models, "serialization")
    return {_event_type(model): {"post": _delivery(model, refs[model])} for model in models}


def _event_type(model: type[BaseModel]) -> str:
    return str(model.model_fields["type"].default.value)


def _delivery(model: type[BaseModel], ref: dict[str, Any]) -> dict[str, Any]:
    event_type = _event_type(model)
    return {
        "operationId": f"webhooks.{event_type.removeprefix('studio.')}",
        "summary": f"`{event_type}` delivered to a webhook",
        "description": "Answer 2xx within the timeout; anything else is retried on the "
        "webhook schedule (see `GET /v1/webhooks/{webhook_id}/deliveries`).",
        "tags": ["webhooks"],
        "security": [],
        "parameters": [
            {
                "name": name,
                "in": "header",
                "required": True,
                "description": about,
                "schema": {"type": "string"},
            }
            for name, about in SIGNATURE_HEADERS.items()
        ],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
        "responses": {"200": {"description": "Taken (any 2xx)."}},
    }
