"""Webhook targets on private addresses are refused; signatures follow Standard Webhooks."""

import pytest
from standardwebhooks import Webhook

from services.gateway.assets.addresses import refuse_private
from services.gateway.webhooks.dispatcher import signed_headers
from services.gateway.webhooks.records import DeliveryRecord, WebhookRecord
from shared.errors import PermanentError


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/h",
        "http://localhost/h",
        "http://10.1.2.3/h",
        "http://192.168.0.10/h",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/h",
    ],
)
async def test_private_targets_are_refused(url: str) -> None:
    with pytest.raises(PermanentError) as refused:
        await refuse_private(url, allow_private=False)
    assert refused.value.code == "webhook_url_refused"


async def test_private_targets_pass_when_allowed() -> None:
    await refuse_private("http://127.0.0.1:8080/h", allow_private=True)


async def test_public_addresses_pass() -> None:
    await refuse_private("http://93.184.215.14/h", allow_private=False)


def test_deliveries_verify_with_the_standard_webhooks_library() -> None:
    hook = WebhookRecord(
        _id="whk_1",
        tenant_id="ten_1",
        url="https://example.com/h",
        events=["*"],
        secret="whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        created_at_ms=0,
    )
    delivery = DeliveryRecord(
        _id="whk_1:job_1:completed",
        webhook_id="whk_1",
        tenant_id="ten_1",
        message_id="job_1:completed",
        event_type="studio.job.completed",
        payload='{"type": "studio.job.completed"}',
        next_attempt_ms=0,
        created_at_ms=0,
    )
    headers = signed_headers(hook, delivery)
    assert headers["webhook-id"] == "job_1:completed"
    assert Webhook(hook.secret).verify(delivery.payload, headers) == {
        "type": "studio.job.completed"
    }
    tampered = delivery.payload.replace("completed", "failed")
    with pytest.raises(Exception, match="signature"):
        Webhook(hook.secret).verify(tampered, headers)
