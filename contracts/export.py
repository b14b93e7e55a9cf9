"""Generate JSON Schema files and the AsyncAPI 3 document from the contract models.

`python -m contracts.export` rewrites them; `--check` exits 1 when a committed file is stale.
"""

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from contracts import binding, events, topics
from contracts.billing.discounts import VOLUME_TIERS
from contracts.billing.plans import PACKS, PLANS
from contracts.brand import BrandKitSpec
from contracts.catalog.platforms import PRESETS
from contracts.catalog.registry import MODELS, PRICES
from contracts.catalog.styles import STYLES
from contracts.catalog.templates import TEMPLATES
from contracts.http import batches, billing, keys, webhooks
from contracts.http.assets import AssetPublic, AssetsPublic, UploadCreate, VersionsPublic
from contracts.http.errors import ErrorPublic
from contracts.http.jobs import JobCreate, JobPublic, JobsPublic
from contracts.http.providers import (
    BrandKitPublic,
    BrandKitsPublic,
    PlatformsPublic,
    ProvidersPublic,
    StylesPublic,
    TemplatesPublic,
)
from contracts.http.uploads import UploadFromUrl
from contracts.jobs import JOB_KINDS

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schema"
ASYNCAPI_FILE = HERE / "asyncapi.yaml"

COMMANDS: dict[str, type[BaseModel]] = {
    "JobRequested": events.JobRequestedEvent,
    "RunJob": events.RunJobEvent,
    "CancelJob": events.CancelJobEvent,
}
LIFECYCLE: dict[str, type[BaseModel]] = {
    "JobAccepted": events.JobAcceptedEvent,
    "JobRejected": events.JobRejectedEvent,
    "JobApproved": events.JobApprovedEvent,
    "JobStarted": events.JobStartedEvent,
    "JobProgress": events.JobProgressEvent,
    "JobCompleted": events.JobCompletedEvent,
    "JobFailed": events.JobFailedEvent,
    "JobCancelled": events.JobCancelledEvent,
}
DERIVED = ("JobAccepted", "JobApproved")
DEAD_LETTER: dict[str, type[BaseModel]] = {"DeadLettered": events.DeadLetteredEvent}
PUBLISHED = {name: model for name, model in LIFECYCLE.items() if name not in DERIVED}
"""What the job events topics carry: `accepted` and `approved` are not published, the gateway
derives them from the `job.requested` and `job.run` commands."""
LIBRARY: dict[str, type[BaseModel]] = {"JobCompleted": events.JobCompletedEvent}
HTTP_BODIES: list[type[BaseModel]] = [
    JobCreate,
    batches.BatchCreate,
    batches.BatchPublic,
    batches.BatchesPublic,
    batches.BatchCheck,
    batches.BatchCancelled,
    batches.BatchRetried,
    webhooks.WebhookCreate,
    webhooks.WebhookCreated,
    webhooks.WebhooksPublic,
    webhooks.DeliveriesPublic,
    billing.JobsEstimateCreate,
    billing.EstimatesPublic,
    billing.AccountPublic,
    billing.UsagePublic,
    billing.LedgerPublic,
    billing.TenantCreate,
    billing.TenantPublic,
    keys.ApiKeyCreate,
    keys.ApiKeyCreated,
    keys.ApiKeysPublic,
    JobPublic,
    JobsPublic,
    AssetPublic,
    AssetsPublic,
    VersionsPublic,
    UploadCreate,
    UploadFromUrl,
    ProvidersPublic,
    TemplatesPublic,
    StylesPublic,
    PlatformsPublic,
    BrandKitSpec,
    BrandKitPublic,
    BrandKitsPublic,
    ErrorPublic,
]


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every params model, event envelope and HTTP body."""
    files: dict[str, dict[str, Any]] = {}
    for kind, spec in JOB_KINDS.items():
        files[f"params.{kind}.json"] = spec.params.model_json_schema()
    for model in [
        *COMMANDS.values(),
        *LIFECYCLE.values(),
        *LIBRARY.values(),
        *DEAD_LETTER.values(),
    ]:
        event_type = model.model_fields["type"].default
        files[f"event.{event_type}.json"] = model.model_json_schema()
    for model in HTTP_BODIES:
        files[f"http.{model.__name__}.json"] = model.model_json_schema()
    files["catalog.json"] = catalog()
    return files


def catalog() -> dict[str, Any]:
    """Plans, packs, prices, provider models, styles and templates as data, for anyone not
    reading Python."""
    return {
        "plans": [plan.model_dump(mode="json") for plan in PLANS.values()],
        "packs": [pack.model_dump(mode="json") for pack in PACKS.values()],
        "prices": [price.model_dump(mode="json") for price in PRICES],
        "models": [spec.model_dump(mode="json") for spec in MODELS],
        "styles": [style.model_dump(mode="json") for style in STYLES.values()],
        "templates": [template.model_dump(mode="json") for template in TEMPLATES.values()],
        "platforms": [preset.model_dump(mode="json") for preset in PRESETS.values()],
        "volume_tiers": {
            plan: [tier.model_dump(mode="json") for tier in tiers]
            for plan, tiers in VOLUME_TIERS.items()
        },
    }


def _channel(address: str, messages: Mapping[str, type[BaseModel]], about: str) -> dict[str, Any]:
    refs = {name: {"$ref": f"#/components/messages/{name}"} for name in messages}
    return {"address": address, "description": about, "messages": refs}


def _message(name: str, model: type[BaseModel]) -> dict[str, Any]:
    return {
        "name": name,
        "title": str(model.model_fields["type"].default),
        "contentType": "application/json",
        "headers": {"$ref": "#/components/schemas/CloudEventsHeaders"},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "The job id."},
                "bindingVersion": "0.5.0",
            }
        },
        "payload": {"$ref": f"#/components/schemas/{model.__name__}"},
    }


def asyncapi() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of every topic and message."""
    channels = _channels()
    messages = COMMANDS | LIFECYCLE | LIBRARY | DEAD_LETTER
    _, defs = models_json_schema(
        [(model, "validation") for model in messages.values()],
        ref_template="#/components/schemas/{model}",
    )
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Image Studio events",
            "version": "1.0.0",
            "description": "CloudEvents 1.0 on Kafka, binary content mode (the Kafka protocol "
            "binding): the context attributes in `ce_` headers (extensions `ce_tenantid`, "
            "`ce_jobid`, `ce_batchid`, `ce_lane`), `content-type: application/json`, the value "
            "the whole typed envelope as JSON; key = job id; W3C trace context in headers.",
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {"host": "127.0.0.1:9092", "protocol": "kafka", "description": "make up"}
        },
        "channels": channels,
        "operations": {f"on.{name}": _receive(name, c) for name, c in channels.items()},
        "components": {
            "messages": {name: _message(name, model) for name, model in messages.items()},
            "schemas": defs["$defs"] | {"CloudEventsHeaders": binding.HEADERS_SCHEMA},
        },
    }


def _channels() -> dict[str, dict[str, Any]]:
    requested = {"JobRequested": events.JobRequestedEvent}
    channels = {"deadLetters": _channel(topics.DEAD_LETTERS, DEAD_LETTER, "Records that failed.")}
    for lane in topics.LANES:
        channels |= {
            f"jobRequests.{lane}": _channel(
                topics.request_topic(lane), requested, f"Gateway to billing, {lane} lane."
            ),
            f"jobEvents.{lane}": _channel(
                topics.event_topic(lane),
                PUBLISHED,
                f"Job lifecycle events from billing and the workers, {lane} lane.",
            ),
            f"libraryEvents.{lane}": _channel(
                topics.library_topic(lane),
                LIBRARY,
                f"Library to gateway, {lane} lane: each `completed` once its assets are listed.",
            ),
        }
    run = {"RunJob": events.RunJobEvent}
    for service in topics.WORKER_SERVICES:
        for lane in topics.LANES:
            about = f"Approved {service} jobs, {lane} lane. Billing to {service}."
            channels[f"work.{service}.{lane}"] = _channel(
                topics.work_topic(service, lane), run, about
            )
        cancel = {"CancelJob": events.CancelJobEvent}
        about = f"Gateway to {service}: cancel a job it has not started."
        channels[f"control.{service}"] = _channel(topics.control_topic(service), cancel, about)
    return channels


def _receive(name: str, channel: dict[str, Any]) -> dict[str, Any]:
    messages = [
        {"$ref": f"#/channels/{name}/messages/{message}"} for message in channel["messages"]
    ]
    return {"action": "receive", "channel": {"$ref": f"#/channels/{name}"}, "messages": messages}


def rendered() -> dict[Path, str]:
    """Every generated file and its exact text."""
    files = {
        SCHEMA_DIR / name: json.dumps(schema, indent=2, sort_keys=True) + "\n"
        for name, schema in json_schemas().items()
    }
    files[ASYNCAPI_FILE] = yaml.safe_dump(asyncapi(), sort_keys=False, width=100)
    return files


def stale_files() -> list[Path]:
    """Generated files that differ from what the models produce now (or are missing/extra)."""
    expected = rendered()
    stale = [path for path, text in expected.items() if not _has_text(path, text)]
    extra = [p for p in SCHEMA_DIR.glob("*.json") if p not in expected]
    return stale + extra


def _has_text(path: Path, text: str) -> bool:
    return path.exists() and path.read_text() == text


def main() -> None:
    if "--check" in sys.argv:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path.relative_to(HERE.parent)}")
        sys.exit(1 if stale else 0)
    SCHEMA_DIR.mkdir(exist_ok=True)
    for old in SCHEMA_DIR.glob("*.json"):
        old.unlink()
    for path, text in rendered().items():
        path.write_text(text)
    print(f"wrote {len(rendered())} files under {HERE.relative_to(HERE.parent)}/")


if __name__ == "__main__":
    main()
