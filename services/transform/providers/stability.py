"""Stability v2beta image to 3D: Stable Fast 3D and Stable Point Aware 3D (multipart in, a GLB
out; `docs/providers.md` 1.4 #18-19)."""

from contracts.catalog.engines import Engine
from contracts.catalog.providers.stability import STABILITY
from contracts.params.transform import ImageTo3DParams
from services.transform.providers.base import TransformProvider, TransformRequest
from shared.providers.base import ProviderError, ProviderImage, Recovery
from shared.providers.http import Connection, malformed
from shared.providers.registry import Adapter
from shared.providers.stability import stability_api

GLB = "model/gltf-binary"


class Stability3D:
    name = "stability"

    def __init__(self, connection: Connection) -> None:
        self._api = stability_api(connection)

    async def transform(self, request: TransformRequest, engine: Engine) -> ProviderImage:
        await request.progress(10, "the provider is modelling")
        response = await self._api.call(
            "POST",
            f"v2beta/{engine.vendor_model}",
            data=form(request, engine),
            files={"image": ("image", request.image)},
        )
        if not response.headers.get("content-type", "").startswith(GLB):
            raise malformed(f"expected a GLB, got {response.headers.get('content-type')}")
        return ProviderImage(response.content, None, engine.model)


def form(request: TransformRequest, engine: Engine) -> dict[str, str]:
    """The fields each 3D endpoint takes (Fast 3D has no seed)."""
    params = request.params
    if not isinstance(params, ImageTo3DParams):
        raise ProviderError(
            "not_supported", "Stability 3D runs image to 3D only", recovery=Recovery.STOP
        )
    fields: dict[str, str] = {
        "texture_resolution": params.texture_resolution,
        "remesh": params.remesh,
    }
    if params.foreground_ratio is not None:
        fields["foreground_ratio"] = str(params.foreground_ratio)
    if engine.model == "stable-point-aware-3d":
        fields["seed"] = str(request.seed % 4_294_967_295)
    return fields


ADAPTER: Adapter[TransformProvider, int] = Adapter(STABILITY, lambda c, _: Stability3D(c))
