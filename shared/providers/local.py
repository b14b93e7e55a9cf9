"""What the platform's own engines share: CPU work whose refusals and crashes become refusals
of the request (a failure on one input says nothing of the engine's health)."""

import logging
from collections.abc import Awaitable

from shared.errors import PermanentError
from shared.providers.base import refused

log = logging.getLogger(__name__)


async def local_work(work: Awaitable[bytes], failure: str) -> bytes:
    """The bytes `work` makes; a `PermanentError` of it, or a crash, refuses the request
    (`failure` opens the crash's message)."""
    try:
        return await work
    except PermanentError as refusal:  # the algorithm cannot do this one: say why
        raise refused(refusal.code, refusal.message) from refusal
    except Exception as exc:  # a crash on this input says nothing of the engine's health
        log.exception("%s", failure)
        raise refused("local_failed", f"{failure}: {exc!r:.160}") from exc
