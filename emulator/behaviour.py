"""What the emulator does on its next calls (latency, scripted faults) and what it was asked."""

import time
from collections import deque
from typing import Literal

from pydantic import BaseModel, Field

FaultKind = Literal["status", "timeout", "malformed", "async_fail"]


class Fault(BaseModel):
    """One injected fault: an error `status` (with Retry-After), a `timeout` (no answer), a
    `malformed` answer, or an async job that ends `failed` (WaveSpeed)."""

    kind: FaultKind = "status"
    status: int = 500
    retry_after_s: float | None = None
    message: str = "injected fault"
    times: int = Field(default=1, description="Calls it applies to; -1 = every call.")


class Behaviour(BaseModel):
    latency_s: float = Field(
        default=0.0,
        ge=0,
        description="Added to every answer (sync) or to the job's run time (async).",
    )
    faults: list[Fault] = Field(default_factory=list, description="Applied in order.")


class Call(BaseModel):
    """One request the emulator received."""

    provider: str
    method: str
    path: str
    at: float
    valid: bool
    errors: list[str]
    fault: FaultKind | None = None
    status: int = 200


class Script:
    """Behaviours per provider and the log of calls."""

    def __init__(self) -> None:
        self.behaviours: dict[str, Behaviour] = {}
        self._pending: dict[str, deque[Fault]] = {}
        self.calls: list[Call] = []

    def set(self, provider: str, behaviour: Behaviour) -> None:
        self.behaviours[provider] = behaviour
        self._pending[provider] = deque(f.model_copy() for f in behaviour.faults)

    def reset(self) -> None:
        self.behaviours.clear()
        self._pending.clear()
        self.calls.clear()

    def latency(self, provider: str) -> float:
        return self.behaviours.get(provider, Behaviour()).latency_s

    def next_fault(self, provider: str) -> Fault | None:
        """The fault this call gets, if any (consuming one of its `times`)."""
        pending = self._pending.get(provider)
        if not pending:
            return None
        fault = pending[0]
        if fault.times > 0:
            fault.times -= 1
            if fault.times == 0:
                pending.popleft()
        return fault

    def record(self, provider: str, method: str, path: str, errors: list[str]) -> Call:
        call = Call(
            provider=provider,
            method=method,
            path=path,
            at=time.time(),
            valid=not errors,
            errors=errors,
        )
        self.calls.append(call)
        return call
