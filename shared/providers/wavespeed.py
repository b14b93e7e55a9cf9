"""WaveSpeed v3 predictions, as every WaveSpeed adapter uses them: submit a JSON body to a model,
then poll the prediction until it completes or fails (`docs/providers.md` section 2).
A poll that fails transiently is polled again: submitting anew would pay twice."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from shared.providers.base import ProviderError, Recovery
from shared.providers.http import json_of, malformed, send
from shared.providers.settings import ProviderSettings, RoutingSettings

Prediction = dict[str, Any]
Waiting = Callable[[float], Awaitable[None]]
"""Told the seconds since submission at each poll of a running prediction."""


class Predictions:
    """Submits and polls predictions of one WaveSpeed account."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        settings: ProviderSettings,
        key: str,
        routing: RoutingSettings,
    ) -> None:
        self._http = http
        self._settings = settings
        self._routing = routing
        self._headers = {"Authorization": f"Bearer {key}"}

    async def run(
        self, model: str, body: dict[str, Any], waiting: Waiting | None = None
    ) -> Prediction:
        """Submit, then poll until the prediction ends; a failed one raises with WaveSpeed's
        own error."""
        return await self._until_done(await self._call("POST", model, json=body), waiting)

    async def _until_done(self, prediction: Prediction, waiting: Waiting | None) -> Prediction:
        submitted = time.monotonic()
        deadline = submitted + self._routing.async_deadline_s
        pause = self._routing.poll_interval_s
        while True:
            status = prediction.get("status")
            if status == "completed":
                return prediction
            if status in ("failed", "cancelled", "timeout"):
                reason = prediction.get("error") or f"prediction {status}"
                raise ProviderError("prediction_failed", str(reason), recovery=Recovery.FALLBACK)
            if time.monotonic() + pause > deadline:
                raise ProviderError(
                    "prediction_timeout",
                    f"prediction not done after {self._routing.async_deadline_s:.0f}s",
                    recovery=Recovery.FALLBACK,
                )
            await asyncio.sleep(pause)
            if waiting is not None:
                await waiting(time.monotonic() - submitted)
            try:
                prediction = await self._call("GET", f"predictions/{prediction['id']}/result")
                pause = self._routing.poll_interval_s
            except ProviderError as failure:
                if failure.recovery is not Recovery.RETRY:
                    raise
                pause = max(self._routing.poll_interval_s, failure.retry_after_s or 0.0)

    async def _call(self, method: str, path: str, **request: Any) -> dict[str, Any]:
        response = await send(
            self._http,
            method,
            f"{self._settings.base_url}/{path}",
            read_error=read_error,
            timeout_s=self._settings.timeout_s,
            headers=self._headers,
            **request,
        )
        envelope = json_of(response)
        data = envelope.get("data") if isinstance(envelope, dict) else None
        if not isinstance(data, dict) or "id" not in data:
            raise malformed("the answer has no prediction in `data`")
        return data


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return f"wavespeed_{body['code']}", str(body["message"])
