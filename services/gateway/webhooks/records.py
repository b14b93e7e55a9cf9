"""Webhooks: every job event a tenant subscribed to, POSTed to its endpoint and signed per the
Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256).

A delivery is one event for one webhook, keyed by both (so an event seen twice is sent once) and
kept with every attempt. Failed attempts are retried on a schedule that spans more than a day;
any gateway instance may send a due delivery, and only one does (it leases it first). Endpoints
on private, loopback or link-local addresses are refused unless configured.
"""

import asyncio
import base64
import logging
import math
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from pymongo import ReturnDocument

from contracts.events import JobEvent
from contracts.http.webhooks import (
    DeliveryAttempt,
    DeliveryPublic,
    DeliveryStatus,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
)
from services.gateway.assets.addresses import refuse_private
from services.gateway.settings import GatewaySettings
from shared.database import Database, Index, from_ms, insert_new, now_ms
from shared.errors import PermanentError
from shared.ids import new_id
from shared.pages import fetch_page

HOOKS, DELIVERIES = "webhooks", "webhook_deliveries"
INDEXES = {
    HOOKS: [Index([("tenant_id", 1), ("created_at_ms", -1)])],
    DELIVERIES: [
        Index([("status", 1), ("next_attempt_ms", 1)]),
        Index([("webhook_id", 1), ("created_at_ms", -1)]),
    ],
}
RETRY_SCHEDULE_S = (5, 300, 1800, 7200, 18000, 36000, 36000)
"""Waits after each failed attempt (Standard Webhooks' schedule): about 27 hours in all."""
LEASE_S = 30.0
CHECK_S = 5.0
"""A dispatcher looks for due deliveries at least this often."""
log = logging.getLogger(__name__)


class WebhookRecord(BaseModel):
    id: str = Field(alias="_id")
    tenant_id: str
    url: str
    events: list[str]
    description: str | None = None
    secret: str
    created_at_ms: int

    def public(self) -> WebhookPublic:
        return WebhookPublic(
            id=self.id,
            url=self.url,
            events=self.events,
            description=self.description,
            created_at=from_ms(self.created_at_ms),
        )

    def wants(self, event_type: str) -> bool:
        return "*" in self.events or event_type in self.events


class DeliveryRecord(BaseModel):
    id: str = Field(alias="_id")
    webhook_id: str
    tenant_id: str
    message_id: str
    event_type: str
    payload: str
    status: DeliveryStatus = "pending"
    attempts: list[DeliveryAttempt] = Field(default_factory=list)
    next_attempt_ms: int | None
    created_at_ms: int

    def public(self) -> DeliveryPublic:
        pending = self.status == "pending" and self.next_attempt_ms is not None
        return DeliveryPublic(
            id=self.message_id,
            webhook_id=self.webhook_id,
            event_type=self.event_type,
            status=self.status,
            attempts=self.attempts,
            next_attempt_at=from_ms(self.next_attempt_ms)
            if pending and self.next_attempt_ms
            else None,
            created_at=from_ms(self.created_at_ms),
        )


@dataclass
class WebhookSettings:
    allow_private: bool
    retry_scale: float
    timeout_s: float

    @classmethod
    def of(cls, settings: GatewaySettings) -> "WebhookSettings":
        return cls(
            settings.webhook_allow_private, settings.webhook_retry_scale, settings.webhook_timeout_s
        )


class Webhooks:
    """Endpoints and their deliveries."""

    def __init__(self, db: Database, settings: WebhookSettings) -> None:
        self._hooks = db[HOOKS]
        self._deliveries = db[DELIVERIES]
        self.settings = settings
        self.queued = asyncio.Event()
        """Set when deliveries were queued here (the dispatcher of this process sends them)."""

    async def create(self, tenant_id: str, body: WebhookCreate) -> WebhookCreated:
        url = str(body.url)
        await refuse_private(url, self.settings.allow_private)
        record = WebhookRecord(
            _id=new_id("whk"),
            tenant_id=tenant_id,
            url=url,
            events=body.events,
            description=body.description,
            secret="whsec_" + base64.b64encode(secrets.token_bytes(32)).decode(),
            created_at_ms=now_ms(),
        )
        await self._hooks.insert_one(record.model_dump(by_alias=True))
        return WebhookCreated(**record.public().model_dump(), secret=record.secret)

    async def get(self, tenant_id: str, webhook_id: str) -> WebhookRecord:
        doc = await self._hooks.find_one({"_id": webhook_id, "tenant_id": tenant_id})
        if doc is None:
            raise PermanentError("not_found", f"no webhook {webhook_id}")
        return WebhookRecord.model_validate(doc)

    async def page(
        self, tenant_id: str, cursor: str | None, limit: int
    ) -> tuple[list[WebhookRecord], str | None]:
        docs, next_cursor = await fetch_page(self._hooks, {"tenant_id": tenant_id}, cursor, limit)
        return [WebhookRecord.model_validate(doc) for doc in docs], next_cursor

    async def delete(self, tenant_id: str, webhook_id: str) -> None:
        await self.get(tenant_id, webhook_id)
        await self._hooks.delete_one({"_id": webhook_id})
        await self._deliveries.update_many(
            {"webhook_id": webhook_id, "status": "pending"},
            {"$set": {"status": "failed", "next_attempt_ms": None}},
        )

    async def deliveries(
        self, tenant_id: str, webhook_id: str, cursor: str | None, limit: int
    ) -> tuple[list[DeliveryRecord], str | None]:
        await self.get(tenant_id, webhook_id)
        query = {"webhook_id": webhook_id, "tenant_id": tenant_id}
        docs, next_cursor = await fetch_page(self._deliveries, query, cursor, limit)
        return [DeliveryRecord.model_validate(doc) for doc in docs], next_cursor

    async def redeliver(self, tenant_id: str, webhook_id: str, message_id: str) -> DeliveryRecord:
        """Send a delivery again now (the same `webhook-id`), whatever became of it."""
        doc = await self._deliveries.find_one_and_update(
            {"_id": f"{webhook_id}:{message_id}", "tenant_id": tenant_id},
            {"$set": {"status": "pending", "next_attempt_ms": now_ms()}},
            return_document=ReturnDocument.AFTER,
        )
        if doc is None:
            raise PermanentError("not_found", f"no delivery {message_id} of webhook {webhook_id}")
        return DeliveryRecord.model_validate(doc)

    async def enqueue_all(self, events: list[JobEvent]) -> int:
        """A delivery of each event for each of its tenant's webhooks that wants it (once each:
        the same event enqueued again is the same delivery); how many new ones. Two round trips
        at most, whatever the number of events."""
        tenants = sorted({event.tenant_id for event in events})
        if not tenants:
            return 0
        found = self._hooks.find({"tenant_id": {"$in": tenants}})
        hooks = [WebhookRecord.model_validate(doc) async for doc in found]
        now = now_ms()
        deliveries = [
            _delivery(hook, event, now).model_dump(by_alias=True, mode="json")
            for event in events
            for hook in hooks
            if hook.tenant_id == event.tenant_id and hook.wants(event.type)
        ]
        skipped = await insert_new(self._deliveries, deliveries)
        if len(deliveries) > len(skipped):
            self.queued.set()
        return len(deliveries) - len(skipped)

    async def due(self, limit: int = 50) -> list[DeliveryRecord]:
        """Deliveries whose time has come, each leased to this caller (no other sends it)."""
        now = now_ms()
        query = {"status": "pending", "next_attempt_ms": {"$lte": now}}
        leased = []
        async for doc in self._deliveries.find(query).sort("next_attempt_ms", 1).limit(limit):
            taken = await self._deliveries.find_one_and_update(
                {"_id": doc["_id"], "next_attempt_ms": doc["next_attempt_ms"], "status": "pending"},
                {"$set": {"next_attempt_ms": now + int(LEASE_S * 1000)}},
                return_document=ReturnDocument.AFTER,
            )
            if taken is not None:
                leased.append(DeliveryRecord.model_validate(taken))
        return leased

    async def seconds_to_next(self) -> float:
        """Until the next pending delivery falls due (infinity when none is pending)."""
        pending = self._deliveries.find(
            {"status": "pending", "next_attempt_ms": {"$ne": None}}, {"next_attempt_ms": 1}
        )
        docs = await pending.sort("next_attempt_ms", 1).limit(1).to_list()
        if not docs:
            return math.inf
        return max(0.0, (int(docs[0]["next_attempt_ms"]) - now_ms()) / 1000)

    async def record(self, delivery: DeliveryRecord, attempt: DeliveryAttempt) -> None:
        """Note an attempt: delivered on a 2xx, else retried later or, past the schedule, failed."""
        tries = len(delivery.attempts) + 1
        ok = attempt.status_code is not None and 200 <= attempt.status_code < 300
        change: dict[str, Any]
        if ok:
            change = {"status": "delivered", "next_attempt_ms": None}
        elif tries > len(RETRY_SCHEDULE_S):
            change = {"status": "failed", "next_attempt_ms": None}
        else:
            wait_s = RETRY_SCHEDULE_S[tries - 1] * self.settings.retry_scale
            change = {"next_attempt_ms": now_ms() + int(wait_s * 1000)}
        attempts = [a.model_dump(mode="json") for a in [*delivery.attempts, attempt]]
        # the delivery is leased to this caller: nobody else writes its attempts meanwhile
        await self._deliveries.update_one(
            {"_id": delivery.id}, {"$set": change | {"attempts": attempts}}
        )

    async def hook_of(self, delivery: DeliveryRecord) -> WebhookRecord | None:
        doc = await self._hooks.find_one({"_id": delivery.webhook_id})
        return WebhookRecord.model_validate(doc) if doc else None


def _delivery(hook: WebhookRecord, event: JobEvent, now: int) -> DeliveryRecord:
    return DeliveryRecord(
        _id=f"{hook.id}:{event.id}",
        webhook_id=hook.id,
        tenant_id=event.tenant_id,
        message_id=event.id,
        event_type=event.type,
        payload=event.model_dump_json(),
        next_attempt_ms=now,
        created_at_ms=now,
    )
