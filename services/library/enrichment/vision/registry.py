"""The vision providers, by the name `LIBRARY_VISION__PROVIDER` gives: adding one is adding its
module and a line here."""

from collections.abc import Callable
from contextlib import AsyncExitStack

import httpx

from services.library.enrichment.settings import VisionSettings
from services.library.enrichment.vision.base import VisionProvider
from services.library.enrichment.vision.huggingface import HuggingFaceVision

PROVIDERS: dict[str, Callable[[httpx.AsyncClient, VisionSettings], VisionProvider]] = {
    "huggingface": HuggingFaceVision,
}


async def open_vision(settings: VisionSettings, stack: AsyncExitStack) -> VisionProvider | None:
    """The configured provider, its HTTP client closed with `stack`; None when none is."""
    if settings.provider is None:
        return None
    http = await stack.enter_async_context(httpx.AsyncClient(timeout=settings.timeout_s))
    return PROVIDERS[settings.provider](http, settings)
