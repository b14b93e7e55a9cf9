"""The billing service's internal API, as the gateway calls it: account views (cached briefly,
for the early 402 and the rate limit), reads to forward, and operators' changes."""

import logging
import time
from typing import Any

from contracts.billing.rules import AccountView
from contracts.http.billing import AccountPublic
from services.gateway.internal import InternalService
from shared.errors import RetryableError

log = logging.getLogger(__name__)


class BillingClient(InternalService):
    def __init__(self, base_url: str, token: str, view_ttl_s: float) -> None:
        super().__init__("billing", base_url, token)
        self._ttl = view_ttl_s
        self._views: dict[str, tuple[AccountView, float]] = {}

    async def view(self, tenant_id: str) -> AccountView | None:
        """The account as the pre-flight rules read it, at most `view_ttl_s` old; None when
        billing does not answer (billing still decides, later)."""
        cached = self._views.get(tenant_id)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        path = f"/internal/v1/accounts/{tenant_id}/view"
        try:
            view = await self.call("GET", path, AccountView)
        except RetryableError as exc:
            log.warning("no account view from billing: %s", exc)
            return None
        self._views[tenant_id] = (view, time.monotonic() + self._ttl)
        return view

    async def account(
        self, tenant_id: str, method: str = "GET", change: str = "", body: Any = None
    ) -> AccountPublic:
        """Read the account, or change it (`change` = `/plan`, `/credits`, …) as an operator."""
        self._views.pop(tenant_id, None)
        path = f"/internal/v1/accounts/{tenant_id}{change}"
        return await self.call(method, path, AccountPublic, json=body)
