"""Image Studio's Python SDK: `Studio` (sync) and `AsyncStudio` over the public API, its
models generated from the OpenAPI document, `StudioError`, and `verify_webhook`."""

from studio import models
from studio.aio import AsyncStudio
from studio.client import Studio
from studio.errors import StudioError
from studio.events import FINAL_TYPES, JobEvent, UnknownEvent, parse_event
from studio.retries import Retry
from studio.webhooks import WebhookVerificationError, verify_webhook

__all__ = [
    "FINAL_TYPES",
    "AsyncStudio",
    "JobEvent",
    "Retry",
    "Studio",
    "StudioError",
    "UnknownEvent",
    "WebhookVerificationError",
    "models",
    "parse_event",
    "verify_webhook",
]
