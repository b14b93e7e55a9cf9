"""Which provider runs a request: a named one, or the first able one for `auto`."""

from collections.abc import Sequence

from contracts.events import FailureCode
from contracts.params.generate import GenerateParams
from services.generation.providers.base import TextToImage
from shared.errors import PermanentError


class ProviderRegistry:
    """The configured providers, in routing order."""

    def __init__(self, providers: Sequence[TextToImage]) -> None:
        self._providers = {provider.name: provider for provider in providers}

    def choose(self, params: GenerateParams) -> TextToImage:
        """The provider for `params`; a clear `PermanentError` when none can do it."""
        if params.provider != "auto":
            return self._named(params.provider)
        for provider in self._providers.values():
            if params.quality in provider.qualities:
                return provider
        raise PermanentError(
            FailureCode.NO_PROVIDER_CONFIGURED,
            f"no configured provider generates at quality '{params.quality}'; configure a "
            "provider API key, or ask for quality 'draft' (the local-draft renderer)",
        )

    def _named(self, name: str) -> TextToImage:
        provider = self._providers.get(name)
        if provider is None:
            known = ", ".join(sorted(self._providers)) or "none"
            raise PermanentError(
                FailureCode.UNKNOWN_PROVIDER,
                f"provider '{name}' is not configured (configured: {known})",
            )
        return provider
