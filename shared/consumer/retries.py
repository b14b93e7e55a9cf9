"""Handling decoded events: retries, and giving up (dead letter, `on_failure`).

A dependency that may come back (`RetryableError`) gets `retry_for_s`; anything else (a bug, most
likely) gets `max_attempts`; a `PermanentError` ends the record at once. A batch is retried as a
whole; when it keeps failing with an unexpected error, its records are handled one by one, so only
the bad one is dead-lettered.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential

from contracts.envelope import CloudEvent
from shared.consumer.decoding import Decoder, Delivered
from shared.errors import PermanentError, RetryableError, StudioError
from shared.settings import WorkerSettings

log = logging.getLogger(__name__)
EventT = TypeVar("EventT", bound=CloudEvent[Any])


class Retries(Generic[EventT]):
    """How one subscription's events are handled, retried and given up on."""

    def __init__(
        self,
        group: str,
        decoder: Decoder[EventT],
        on_failure: Callable[[EventT, StudioError], Awaitable[None]] | None,
        worker: WorkerSettings,
    ) -> None:
        self._group = group
        self._decoder = decoder
        self._on_failure = on_failure
        self._worker = worker

    async def one(
        self, delivered: Delivered[EventT], handle: Callable[[EventT], Awaitable[None]]
    ) -> str:
        """Handle one event with retries; its outcome (`ok`, `retried`, `failed`,
        `dead_lettered`)."""
        event = delivered.event
        return await self._attempt([delivered], lambda: handle(event), handle_each=None)

    async def batch(
        self,
        batch: list[Delivered[EventT]],
        handle: Callable[[list[EventT]], Awaitable[None]],
    ) -> str:
        """Handle events together with retries (then one by one, when the batch keeps failing
        unexpectedly); the outcome of the batch."""
        events = [delivered.event for delivered in batch]
        return await self._attempt(batch, lambda: handle(events), handle_each=handle)

    async def _attempt(
        self,
        batch: list[Delivered[EventT]],
        call: Callable[[], Awaitable[None]],
        handle_each: Callable[[list[EventT]], Awaitable[None]] | None,
    ) -> str:
        began = time.monotonic()
        try:
            await call()
            return "ok"
        except PermanentError as exc:
            first_error: Exception = exc
        except Exception as exc:
            first_error = exc
        return await self._retried(batch, call, handle_each, first_error, began)

    async def _retried(
        self,
        batch: list[Delivered[EventT]],
        call: Callable[[], Awaitable[None]],
        handle_each: Callable[[list[EventT]], Awaitable[None]] | None,
        error: Exception,
        began: float,
    ) -> str:
        attempts = 1
        if isinstance(error, RetryableError) or (
            not isinstance(error, PermanentError) and self._worker.max_attempts > 1
        ):
            backoff = self._worker.retry_backoff_s  # then doubling: b, 2b, 4b, ... up to 30 s
            retrying = AsyncRetrying(
                stop=lambda state: self._stop(state, began, error),
                wait=wait_exponential(multiplier=2 * backoff, max=30),
                retry=retry_if_exception(_worth_retrying),
                reraise=True,
            )
            await asyncio.sleep(backoff)
            try:
                async for attempt in retrying:
                    with attempt:
                        await call()
                return "retried"
            except Exception as exc:
                error = exc
                attempts += retrying.statistics.get("attempt_number", 0)
        if handle_each is not None and len(batch) > 1 and not isinstance(error, RetryableError):
            log.warning(
                "%s: a batch of %d failed (%r); one by one now", self._group, len(batch), error
            )
            for delivered in batch:
                await self._attempt([delivered], _single(handle_each, delivered.event), None)
            return "retried"
        await self._give_up(batch, error, attempts)
        return "failed" if isinstance(error, PermanentError) else "dead_lettered"

    def _stop(self, state: RetryCallState, began: float, first: Exception) -> bool:
        """`RetryableError` gets `retry_for_s` from the first attempt; anything else gets
        `max_attempts` in all (the first one counted)."""
        error = state.outcome.exception() if state.outcome else first
        if isinstance(error, RetryableError):
            return time.monotonic() - began >= self._worker.retry_for_s
        return state.attempt_number + 1 >= self._worker.max_attempts

    async def _give_up(self, batch: list[Delivered[EventT]], exc: Exception, attempts: int) -> None:
        for delivered in batch:
            event = delivered.event
            if isinstance(exc, PermanentError):
                log.warning("%s ended: %s", event.type, exc)
                error: StudioError = exc
            else:
                log.error("%s dead-lettered after %d attempts: %r", event.type, attempts, exc)
                error = exc if isinstance(exc, StudioError) else _internal()
                # the dead letter is for operators: it keeps what really went wrong
                detail = f"{type(exc).__name__}: {exc}"
                await self._decoder.dead_letter(delivered.record, event, error, attempts, detail)
            if self._on_failure is not None:
                await self._on_failure(event, error)


def _single(
    handle: Callable[[list[EventT]], Awaitable[None]], event: EventT
) -> Callable[[], Awaitable[None]]:
    return lambda: handle([event])


def _worth_retrying(exc: BaseException) -> bool:
    """Errors that may pass; never a cancellation (a stopping worker must not run a job again)."""
    return isinstance(exc, Exception) and not isinstance(exc, PermanentError)


def _internal() -> StudioError:
    return RetryableError("internal_error", "an internal error stopped the job")
