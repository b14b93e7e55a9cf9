"""`studio.verify_webhook` accepts exactly what the gateway's dispatcher signs: its own headers
verify; a changed body, another secret, an old timestamp or missing headers do not."""

import base64
import json
import time
from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook

from services.gateway.webhooks.dispatcher import signed_headers
from services.gateway.webhooks.records import DeliveryRecord, WebhookRecord
from studio import WebhookVerificationError, verify_webhook
from studio.models import JobCancelledEvent

SECRET = "whsec_" + base64.b64encode(b"s" * 32).decode()
EVENT = {
    "id": "evt_1",
    "source": "/services/gateway",
    "type": "studio.job.cancelled",
    "tenant_id": "ten_1",
    "job_id": "job_1",
    "data": {"reason": "asked"},
}


def delivery(payload: str) -> tuple[WebhookRecord, DeliveryRecord]:
    hook = WebhookRecord(
        _id="whk_1",
        tenant_id="ten_1",
        url="https://example.com/h",
        events=["*"],
        secret=SECRET,
        created_at_ms=0,
    )
    sent = DeliveryRecord(
        _id="whk_1:job_1:cancelled",
        webhook_id="whk_1",
        tenant_id="ten_1",
        message_id="job_1:cancelled",
        event_type="studio.job.cancelled",
        payload=payload,
        next_attempt_ms=0,
        created_at_ms=0,
    )
    return hook, sent


def test_a_delivery_signed_by_the_dispatcher_verifies_into_its_event() -> None:
    payload = json.dumps(EVENT)
    headers = signed_headers(*delivery(payload))
    verified = verify_webhook(SECRET, headers, payload.encode())
    assert isinstance(verified, JobCancelledEvent)
    assert (verified.job_id, verified.data.reason) == ("job_1", "asked")
    shouted = {name.upper(): value for name, value in headers.items()}
    assert verify_webhook(SECRET, shouted, payload).id == "evt_1"


def test_a_tampered_body_or_another_secret_is_refused() -> None:
    payload = json.dumps(EVENT)
    headers = signed_headers(*delivery(payload))
    with pytest.raises(WebhookVerificationError, match="signature"):
        verify_webhook(SECRET, headers, payload.replace("asked", "forced"))
    other = "whsec_" + base64.b64encode(b"o" * 32).decode()
    with pytest.raises(WebhookVerificationError, match="signature"):
        verify_webhook(other, headers, payload)


def test_an_old_delivery_is_refused_and_the_tolerance_is_the_callers() -> None:
    payload = json.dumps(EVENT)
    ten_minutes_ago = int(time.time()) - 600
    signature = Webhook(SECRET).sign(
        "job_1:cancelled", datetime.fromtimestamp(ten_minutes_ago, UTC), payload
    )
    headers = {
        "webhook-id": "job_1:cancelled",
        "webhook-timestamp": str(ten_minutes_ago),
        "webhook-signature": signature,
    }
    with pytest.raises(WebhookVerificationError, match="tolerance"):
        verify_webhook(SECRET, headers, payload)
    assert verify_webhook(SECRET, headers, payload, tolerance_s=900).id == "evt_1"


def test_missing_headers_are_refused() -> None:
    payload = json.dumps(EVENT)
    headers = signed_headers(*delivery(payload))
    del headers["webhook-signature"]
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify_webhook(SECRET, headers, payload)
