"""The billing service's internal API, as the gateway calls it: account views (cached briefly,
for the early 402 and the rate limit), reads to forward, and operators' changes."""

import asyncio
import logging
import time
from typing import Any

from contracts.billing.rules import AccountView
from contracts.http.billing import AccountPublic
from services.gateway.clients.internal import InternalService
from shared.errors import StudioError

log = logging.getLogger(__name__)


class BillingClient(InternalService):
    def __init__(self, base_url: str, token: str, view_ttl_s: float) -> None:
        super().__init__("billing", base_url, token)
        self._ttl = view_ttl_s
        self._views: dict[str, tuple[AccountView, float]] = {}
        self._refreshing: dict[str, asyncio.Task[AccountView | None]] = {}

    async def view(self, tenant_id: str) -> AccountView | None:
        """The account as the pre-flight rules read it, refreshed every `view_ttl_s`; None when
        billing does not answer (billing still decides, later). Only a tenant's first call waits
        for billing: once known, a view past its time is used while a fresh one is fetched."""
        cached = self._views.get(tenant_id)
        if cached is None:
            return await self._refresh(tenant_id)
        if cached[1] <= time.monotonic():
            self._refresh(tenant_id)  # in the background; its task is kept until done
        return cached[0]

    def _refresh(self, tenant_id: str) -> asyncio.Task[AccountView | None]:
        """One fetch of the tenant's view at a time, shared by whoever asks meanwhile."""
        running = self._refreshing.get(tenant_id)
        if running is None or running.done():
            running = asyncio.create_task(self._fetch(tenant_id))
            self._refreshing[tenant_id] = running
        return running

    async def _fetch(self, tenant_id: str) -> AccountView | None:
        cached = self._views.get(tenant_id)
        try:
            view = await self.call("GET", f"/internal/v1/accounts/{tenant_id}/view", AccountView)
        except StudioError as exc:
            log.warning("no account view from billing: %s", exc)
            return cached[0] if cached else None  # the last one known, however old
        self._views[tenant_id] = (view, time.monotonic() + self._ttl)
        return view

    async def account(self, tenant_id: str) -> AccountPublic:
        return await self.call("GET", f"/internal/v1/accounts/{tenant_id}", AccountPublic)

    async def change(
        self,
        tenant_id: str,
        method: str,
        change: str,
        body: Any,
        idempotency_key: str | None = None,
    ) -> AccountPublic:
        """An operator's change of the account (`change` = `/plan`, `/credits`, `/packs`,
        `/budget-cap`)."""
        self._views.pop(tenant_id, None)
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        path = f"/internal/v1/accounts/{tenant_id}{change}"
        return await self.call(method, path, AccountPublic, json=body, headers=headers)
