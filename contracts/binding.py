"""How an event travels in a Kafka record: the CloudEvents 1.0 Kafka protocol binding, binary
content mode.

Every context attribute is a `ce_` header, our extension attributes too (lowercase alphanumeric
names, as the spec asks: `ce_tenantid`, `ce_jobid`, `ce_batchid`, `ce_lane`), and `content-type`
is the value's media type. The value is the whole typed envelope (`contracts/envelope.py`) as
JSON: that is what consumers decode; the headers let any CloudEvents SDK, or a router, read an
event's context without parsing the value. W3C trace context rides beside them.
"""

from datetime import UTC, datetime
from typing import Any

from contracts.envelope import CloudEvent

CE_PREFIX = "ce_"
EXTENSIONS = {"tenantid": "tenant_id", "jobid": "job_id", "batchid": "batch_id", "lane": "lane"}
"""Extension attribute → the envelope field it carries."""

_ABOUT = {
    "ce_specversion": "CloudEvents `specversion`: `1.0`.",
    "ce_id": "CloudEvents `id` (the envelope's `id`).",
    "ce_source": "CloudEvents `source`, e.g. `/services/generation`.",
    "ce_type": "CloudEvents `type`, e.g. `studio.job.completed`: what consumers route by.",
    "ce_time": "CloudEvents `time`, RFC 3339 in UTC.",
    "ce_subject": "CloudEvents `subject`, only when the envelope has one.",
    "ce_tenantid": "Extension: the envelope's `tenant_id`.",
    "ce_jobid": "Extension: the envelope's `job_id` (also the record key).",
    "ce_batchid": "Extension: the envelope's `batch_id`, only when the job is in a batch.",
    "ce_lane": "Extension: the envelope's `lane` (`interactive` or `bulk`).",
    "content-type": "The value's media type (CloudEvents `datacontenttype`): `application/json`.",
    "traceparent": "W3C trace context.",
    "tracestate": "W3C trace context, when the trace has vendor state.",
}
_OPTIONAL = {"ce_subject", "ce_batchid", "tracestate", "traceparent"}

HEADERS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents Kafka binding, binary content mode: the context attributes as "
    "`ce_` headers; the value is the whole envelope as JSON.",
    "required": [name for name in _ABOUT if name not in _OPTIONAL],
    "properties": {name: {"type": "string", "description": text} for name, text in _ABOUT.items()},
}
"""The record headers, as JSON Schema (for the AsyncAPI document)."""


def rfc3339(moment: datetime) -> str:
    """A time as RFC 3339 in UTC, `Z`-suffixed (as the CloudEvents SDKs write it)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def binary_headers(event: CloudEvent[Any]) -> list[tuple[str, bytes]]:
    """The CloudEvents headers of the event's record (trace headers not included)."""
    attributes: dict[str, str | None] = {
        "specversion": event.specversion,
        "id": event.id,
        "source": event.source,
        "type": event.type,
        "time": rfc3339(event.time),
        "subject": event.subject,
        **{name: getattr(event, field) for name, field in EXTENSIONS.items()},
    }
    headers = [
        (CE_PREFIX + name, value.encode())
        for name, value in attributes.items()
        if value is not None
    ]
    return [*headers, ("content-type", event.datacontenttype.encode())]
