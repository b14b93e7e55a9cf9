"""The public API's OpenAPI 3.1 document: the gateway's routes and the projector's event stream
behind the one public address, finished where FastAPI leaves it loose (`openapi/`'s modules).
`make contracts` writes it to `contracts/openapi.json`; the gateway serves the same document."""

from collections.abc import Sequence
from typing import Any

from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from starlette.routing import BaseRoute

from contracts.http.batches import BatchCreate
from services.gateway.api.openapi.components import add_models
from services.gateway.api.openapi.job_kinds import job_create_union
from services.gateway.api.openapi.statuses import HEADERS, document_statuses
from services.gateway.api.openapi.texts import (
    form_fields_not_null,
    no_control_characters,
    request_schemas,
)
from services.gateway.api.openapi.webhooks import webhooks_section

TITLE = "Image Studio API"
VERSION = "1.3.0"
DESCRIPTION = """Create, edit, upscale and transform images across AI providers, optimize each
result for every social platform, check the cost first, and follow every job live.

Conventions (errors, pagination, idempotency, rate limits, versioning): `docs/api.md`.
Events on the bus: `/asyncapi.yaml`."""
SECURITY_SCHEME = "apiKey"
TAGS = [
    {"name": "jobs", "description": "Submit one job of any kind, follow it, download it."},
    {"name": "batches", "description": "Campaigns: many jobs validated and priced at once."},
    {"name": "assets", "description": "Uploads and every result, in the tenant's library."},
    {"name": "events", "description": "Live job events (Server-Sent Events, WebSocket)."},
    {"name": "shares", "description": "Share links to an asset or a collection."},
    {"name": "shared", "description": "What a share link opens: no API key needed."},
    {"name": "catalog", "description": "Providers, templates, styles and platform formats."},
    {"name": "brand kits", "description": "Colours, words and styles applied to jobs."},
    {"name": "webhooks", "description": "Job events POSTed to the tenant's endpoints."},
    {"name": "billing", "description": "Estimates, the account, usage and the ledger."},
    {"name": "keys", "description": "The tenant's own API keys: make, list and revoke them."},
    {"name": "admin", "description": "Operators: tenants, keys, plans and credits."},
    {"name": "operations", "description": "Liveness and readiness, for load balancers."},
]
SERVERS = [{"url": "http://127.0.0.1:8000", "description": "The local stack (`make up`)."}]
UNSECURED_TAGS = frozenset({"operations", "shared"})
HAND_READ_BODIES: list[type[BaseModel]] = [BatchCreate]
"""Bodies a route reads itself (it also takes another content type), named by `openapi_extra`."""


def public_document(routes: Sequence[BaseRoute]) -> dict[str, Any]:
    """The document of these routes (the gateway's and the projector's)."""
    document = get_openapi(
        title=TITLE,
        version=VERSION,
        openapi_version="3.1.0",
        description=DESCRIPTION,
        routes=list(routes),
        tags=TAGS,
        servers=SERVERS,
        contact={"name": "Image Studio support"},
        license_info={"name": "Proprietary", "identifier": "LicenseRef-Proprietary"},
    )
    components = document["components"]
    components["securitySchemes"] = {
        SECURITY_SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key: `Authorization: Bearer isk_…`.",
        }
    }
    components["headers"] = HEADERS
    document["security"] = [{SECURITY_SCHEME: []}]
    schemas = components["schemas"]
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    add_models(schemas, HAND_READ_BODIES, "validation")
    job_create_union(schemas)
    for path, item in document["paths"].items():
        for operation in item.values():
            _finish(path, operation, schemas)
    for schema in request_schemas(document):
        no_control_characters(schema)
    document["webhooks"] = webhooks_section(schemas)
    return document


def _finish(path: str, operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    keyed = not UNSECURED_TAGS.intersection(operation.get("tags", []))
    operation.pop("security", None)  # FastAPI's scheme name; the document's root says it
    if not keyed:
        operation["security"] = []
    content = operation.get("requestBody", {}).get("content", {})
    document_statuses(operation, keyed=keyed, admin=path.startswith("/v1/admin/"))
    for media_type, media in content.items():
        examples = _examples(media.get("schema", {}), schemas)
        if examples:
            media["example"] = examples[0]
        if media_type == "multipart/form-data":
            form_fields_not_null(_resolved(media["schema"], schemas))


def _resolved(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        found: dict[str, Any] = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return found
    return schema


def _examples(schema: dict[str, Any], schemas: dict[str, Any]) -> list[Any]:
    """A schema's examples, through a `$ref` or the first of an `anyOf` that has some."""
    if "$ref" in schema:
        return _examples(_resolved(schema, schemas), schemas)
    for option in schema.get("anyOf", []):
        if found := _examples(option, schemas):
            return found
    return list(schema.get("examples", []))
