"""A client of the emulator's control API (tests, benchmarks): set behaviours, read calls."""

from typing import Any

import httpx


class EmulatorControl:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10)

    async def close(self) -> None:
        await self._http.aclose()

    async def reset(self) -> None:
        (await self._http.post("/_emulator/reset")).raise_for_status()

    async def behave(self, provider: str, *faults: dict[str, Any], latency_s: float = 0) -> None:
        body = {"latency_s": latency_s, "faults": list(faults)}
        (await self._http.put(f"/_emulator/{provider}", json=body)).raise_for_status()

    async def calls(self, provider: str | None = None) -> list[dict[str, Any]]:
        params = {"provider": provider} if provider else {}
        response = await self._http.get("/_emulator/calls", params=params)
        response.raise_for_status()
        return list(response.json())
