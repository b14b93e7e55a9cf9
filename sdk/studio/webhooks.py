"""Checking a webhook delivery per Standard Webhooks, as the platform signs them: the
`webhook-signature` is `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{body}`
under the webhook's `whsec_…` secret."""

import hmac
import time
from collections.abc import Mapping
from datetime import UTC, datetime

from standardwebhooks import Webhook, WebhookVerificationError

from studio.events import JobEvent, parse_event

__all__ = ["WebhookVerificationError", "verify_webhook"]


def verify_webhook(
    secret: str, headers: Mapping[str, str], body: bytes | str, tolerance_s: float = 300
) -> JobEvent:
    """The delivered event, once its signature matches and its timestamp is within
    `tolerance_s` of now (replays of old deliveries are refused); else
    `WebhookVerificationError`. Pass the body exactly as received."""
    named = {name.lower(): value for name, value in headers.items()}
    message_id, stamp = named.get("webhook-id"), named.get("webhook-timestamp")
    signatures = named.get("webhook-signature")
    if not (message_id and stamp and signatures):
        raise WebhookVerificationError("missing webhook-id, -timestamp or -signature")
    if not stamp.isdigit():
        raise WebhookVerificationError("webhook-timestamp is not a number of seconds")
    if abs(time.time() - int(stamp)) > tolerance_s:
        raise WebhookVerificationError("webhook-timestamp is outside the tolerance")
    text = body.decode() if isinstance(body, bytes) else body
    sent_at = datetime.fromtimestamp(int(stamp), UTC)
    expected = Webhook(secret).sign(message_id, sent_at, text).partition(",")[2]
    offered = [s.partition(",")[2] for s in signatures.split() if s.startswith("v1,")]
    if not any(hmac.compare_digest(expected, signature) for signature in offered):
        raise WebhookVerificationError("no matching signature")
    return parse_event(text)
