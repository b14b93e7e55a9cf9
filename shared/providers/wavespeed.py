"""WaveSpeed v3 predictions, as every WaveSpeed adapter uses them: submit a JSON body to a model,
then poll the prediction until it completes or fails (`docs/providers.md` section 2)."""

from functools import partial
from typing import Any

import httpx

from shared.providers.base import ProviderError, Recovery
from shared.providers.http import Connection, ProviderApi, json_of, malformed
from shared.providers.polling import Waiting, until_done

Prediction = dict[str, Any]
FAILED = ("failed", "cancelled", "timeout")


class Predictions:
    """Submits and polls predictions of one WaveSpeed account."""

    def __init__(self, connection: Connection) -> None:
        self._api = ProviderApi(
            connection, {"Authorization": f"Bearer {connection.key}"}, read_error
        )
        self._routing = connection.routing

    async def run(
        self, model: str, body: dict[str, Any], waiting: Waiting | None = None
    ) -> Prediction:
        """Submit, then poll until the prediction ends; a failed one raises with WaveSpeed's
        own error."""
        prediction = await self._call("POST", model, json=body)
        ended = _ended(prediction)
        if ended is not None:
            return ended
        path = f"predictions/{prediction['id']}/result"
        return await until_done(partial(self._poll, path), self._routing, "prediction", waiting)

    async def _poll(self, path: str) -> Prediction | None:
        return _ended(await self._call("GET", path))

    async def _call(self, method: str, path: str, **request: Any) -> Prediction:
        envelope = json_of(await self._api.call(method, path, **request))
        data = envelope.get("data") if isinstance(envelope, dict) else None
        if not isinstance(data, dict) or "id" not in data:
            raise malformed("the answer has no prediction in `data`")
        return data


def _ended(prediction: Prediction) -> Prediction | None:
    """The prediction once completed, None while it runs; raises when it failed."""
    status = prediction.get("status")
    if status == "completed":
        return prediction
    if status in FAILED:
        reason = prediction.get("error") or f"prediction {status}"
        raise ProviderError("prediction_failed", str(reason), recovery=Recovery.FALLBACK)
    return None


def read_error(response: httpx.Response) -> tuple[str, str]:
    body = response.json()
    return f"wavespeed_{body['code']}", str(body["message"])
