"""Sending webhook deliveries: each due one POSTed to its endpoint, signed per Standard Webhooks,
and its attempt recorded (retried on the webhooks' schedule). Only one instance sends a delivery:
it leases it first."""

import asyncio
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

from contracts.http.webhooks import DeliveryAttempt
from services.gateway.assets.addresses import refuse_private
from services.gateway.webhooks.records import CHECK_S, DeliveryRecord, WebhookRecord, Webhooks
from shared.errors import PermanentError


@dataclass
class Dispatcher:
    """Sends due deliveries (a loop in every projector): at once when this process queued some,
    else when the next one falls due, and at least every `CHECK_S` (redeliveries asked through
    the API, deliveries another instance queued)."""

    webhooks: Webhooks
    http: httpx.AsyncClient

    async def run(self) -> None:
        while True:
            self.webhooks.queued.clear()
            if await self.send_due():
                continue
            wait_s = min(CHECK_S, await self.webhooks.seconds_to_next())
            with suppress(TimeoutError):
                await asyncio.wait_for(self.webhooks.queued.wait(), wait_s)

    async def send_due(self) -> int:
        due = await self.webhooks.due()
        await asyncio.gather(*(self._send(delivery) for delivery in due))
        return len(due)

    async def _send(self, delivery: DeliveryRecord) -> None:
        hook = await self.webhooks.hook_of(delivery)
        if hook is None:
            return
        started = time.monotonic()
        status, error = await self._post(hook, delivery)
        attempt = DeliveryAttempt(
            at=datetime.now(UTC),
            status_code=status,
            error=error,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        await self.webhooks.record(delivery, attempt)

    async def _post(
        self, hook: WebhookRecord, delivery: DeliveryRecord
    ) -> tuple[int | None, str | None]:
        try:
            await refuse_private(hook.url, self.webhooks.settings.allow_private)
            response = await self.http.post(
                hook.url, content=delivery.payload, headers=signed_headers(hook, delivery)
            )
        except PermanentError as exc:
            return None, exc.message
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"
        return response.status_code, None if response.is_success else response.text[:200]


def signed_headers(hook: WebhookRecord, delivery: DeliveryRecord) -> dict[str, str]:
    """Standard Webhooks headers: the message id (stable across retries), now, and the
    signature of `id.timestamp.body` with the webhook's secret."""
    now = datetime.now(UTC)
    signature = Webhook(hook.secret).sign(delivery.message_id, now, delivery.payload)
    return {
        "content-type": "application/json",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
