"""The editing port: what the editing service asks of any engine that edits an image."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from contracts.catalog.engines import Engine
from contracts.params.image_inputs import ImageJobParams
from shared.cpu import CpuPool
from shared.images import ImageLimits
from shared.providers.base import ProviderImage


@dataclass(frozen=True)
class EditRequest:
    """One edit as the platform asks it: the job's params, its input images (encoded, by param
    name: `asset_id`, `mask_id`, ...) and the seed to use."""

    params: ImageJobParams
    images: Mapping[str, bytes]
    seed: int


@dataclass(frozen=True)
class ImageTools:
    """What the editing adapters use besides their connection: the CPU pool (to fit inputs into
    a request) and the limits of input images."""

    cpu: CpuPool
    limits: ImageLimits


class EditProvider(Protocol):
    """An engine of edit, upscale or control kinds; raises `ProviderError` for every failure."""

    @property
    def name(self) -> str: ...

    async def edit(self, request: EditRequest, engine: Engine) -> ProviderImage: ...
