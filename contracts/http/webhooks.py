"""Webhook bodies: endpoints a tenant registers, and every delivery made to them."""

from datetime import datetime
from typing import Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from contracts.events import EventType
from contracts.http.pages import Page

JOB_EVENT_TYPES = sorted(
    t.value
    for t in EventType
    if t.value.startswith("studio.job.")
    and t not in (EventType.REQUESTED, EventType.RUN, EventType.CANCEL, EventType.DEAD_LETTERED)
)


class WebhookCreate(BaseModel):
    """`POST /v1/webhooks`: where to send which of the tenant's job events."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.agency.example/studio",
                    "events": ["studio.job.completed", "studio.job.failed"],
                    "description": "campaign tracker",
                }
            ]
        },
    )

    url: AnyHttpUrl
    events: list[str] = Field(
        default_factory=lambda: ["*"],
        min_length=1,
        description="Event types (`studio.job.completed`…) or `*` for all of them.",
    )
    description: str | None = Field(default=None, max_length=200)

    @field_validator("events")
    @classmethod
    def _known(cls, events: list[str]) -> list[str]:
        unknown = [e for e in events if e != "*" and e not in JOB_EVENT_TYPES]
        if unknown:
            raise ValueError(
                f"unknown event types {unknown}; known: *, {', '.join(JOB_EVENT_TYPES)}"
            )
        return events


class WebhookPublic(BaseModel):
    id: str
    url: str
    events: list[str]
    description: str | None
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(
        description="Signing secret (`whsec_…`, Standard Webhooks): shown this once only."
    )


class WebhooksPublic(Page[WebhookPublic]):
    """The tenant's webhooks, newest first."""


class DeliveryAttempt(BaseModel):
    at: datetime
    status_code: int | None = Field(description="What the endpoint answered; null if nothing.")
    error: str | None = None
    duration_ms: int


DeliveryStatus = Literal["pending", "delivered", "failed"]


class DeliveryPublic(BaseModel):
    """One event sent to one webhook: `id` is also its `webhook-id` header, the same on every
    retry and redelivery."""

    id: str
    webhook_id: str
    event_type: str
    status: DeliveryStatus
    attempts: list[DeliveryAttempt]
    next_attempt_at: datetime | None
    created_at: datetime


class DeliveriesPublic(Page[DeliveryPublic]):
    """A webhook's deliveries, newest first."""
