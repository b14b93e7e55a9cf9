"""Every status an operation can answer, documented with the one error body and the headers every
answer carries. What a status depends on is decided here, once, from what the operation is:
- every public operation: 422 (an unknown query parameter), 503 (a dependency is away);
- with an API key: 401, 429 (its plan's rate limit), and the rate-limit headers;
- an operator's: 403 (a tenant's key); with a path parameter: 404;
- with a body: 400 (not well-formed: bytes that are no UTF-8, a broken form), 413, 415;
- taking an `Idempotency-Key`: 409 (the key reused for another request, or still in flight).
Route-specific statuses (402, 409…) stay on the routes.
"""

from typing import Any

Operation = dict[str, Any]
ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorPublic"}}}
REASONS = {
    400: "The body is not well-formed: not UTF-8, or a broken form (`bad_request`).",
    401: "No valid API key (`unauthorized`).",
    402: "The account cannot pay for it (`insufficient_credits`, `budget_cap_reached`…).",
    403: "The key may not do this (`forbidden`).",
    404: "No such resource for this tenant (`not_found`).",
    409: "Conflicts with the resource's state or an earlier `Idempotency-Key`.",
    413: "The body is over its limit (`payload_too_large`).",
    415: "The body's `Content-Type` is not one the operation takes (`unsupported_media_type`).",
    422: "A field or parameter is not valid; `details` names each (`invalid_request`…).",
    429: "The plan's rate limit is spent (`rate_limited`); retry after `Retry-After` seconds.",
    503: "A dependency did not answer; retry (`service_unavailable`…).",
}
HEADERS: dict[str, dict[str, Any]] = {
    "Request-Id": {
        "description": "This request's id (`req_…`), also in error bodies: quote it to support.",
        "schema": {"type": "string"},
    },
    "RateLimit-Policy": {
        "description": 'The key\'s limit (IETF draft): `"burst";q=<requests>;w=<seconds>`.',
        "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": 'What is left of it: `"burst";r=<remaining>;t=<seconds to full>`.',
        "schema": {"type": "string"},
    },
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}},
    "Location": {"description": "Where the answer is.", "schema": {"type": "string"}},
}
RATE_LIMITED = ("RateLimit-Policy", "RateLimit")


def document_statuses(operation: Operation, *, keyed: bool, admin: bool) -> None:
    """Add the statuses the operation can answer, and every answer's headers."""
    responses: dict[str, Any] = operation["responses"]
    statuses = {422, 503}
    if keyed:
        statuses |= {401, 429}
    if admin:
        statuses.add(403)
    if any(p["in"] == "path" for p in operation.get("parameters", [])):
        statuses.add(404)
    if "requestBody" in operation:
        statuses |= {400, 413, 415}
    if any(p["name"].lower() == "idempotency-key" for p in operation.get("parameters", [])):
        statuses.add(409)
    for status in sorted(statuses):
        responses.setdefault(str(status), {})
    for code, response in responses.items():
        _describe(int(code), response, keyed)


def _describe(status: int, response: dict[str, Any], keyed: bool) -> None:
    if status >= 400:
        response["description"] = REASONS.get(status, response.get("description", ""))
        response["content"] = ERROR_BODY
    elif status in (204, 302):
        response.pop("content", None)
    names = ["Request-Id", *(RATE_LIMITED if keyed else ())]
    if status in (429, 503):
        names.append("Retry-After")
    if status in (201, 202, 302):
        names.append("Location")
    response["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in names}
