"""Which engine runs each edit, upscale, control and transform kind: the providers' endpoints
and the platform's own CPU work (`local`), with the quality tier each serves.

Routing by quality: `draft` runs the local algorithm where one exists (and only there, so the
estimate is the charge); the other tiers, and `draft` for a kind with no local algorithm, go to the
providers, cheapest first. `provider` pins one engine."""

from pydantic import BaseModel, ConfigDict

from contracts.catalog.models import Quality, UnknownModelError

LOCAL = "local"


class Engine(BaseModel):
    """One way to run an editing kind."""

    model_config = ConfigDict(frozen=True)

    kind: str
    provider: str
    model: str
    vendor_model: str
    asynchronous: bool = False


def _stability(kind: str, path: str, *, asynchronous: bool = False) -> Engine:
    name = path.rsplit("/", 1)[-1]
    return Engine(
        kind=kind, provider="stability", model=name, vendor_model=path, asynchronous=asynchronous
    )


def _local(kind: str, model: str) -> Engine:
    return Engine(kind=kind, provider=LOCAL, model=model, vendor_model=model)


ENGINES: list[Engine] = [
    _local("edit.erase", "opencv-inpaint"),
    _stability("edit.erase", "edit/erase"),
    _local("edit.inpaint", "opencv-inpaint"),
    _stability("edit.inpaint", "edit/inpaint"),
    _local("edit.outpaint", "edge-extend"),
    _stability("edit.outpaint", "edit/outpaint"),
    _stability("edit.search_replace", "edit/search-and-replace"),
    _local("edit.search_recolor", "hue-shift"),
    _stability("edit.search_recolor", "edit/search-and-recolor"),
    _local("edit.remove_background", "grabcut"),
    _stability("edit.remove_background", "edit/remove-background"),
    _stability("edit.replace_background", "edit/replace-background-and-relight", asynchronous=True),
    Engine(
        kind="edit.instruct",
        provider="google",
        model="gemini-2.5-flash-image",
        vendor_model="gemini-2.5-flash-image",
    ),
    _local("upscale.fast", "lanczos-sharpen"),
    _stability("upscale.fast", "upscale/fast"),
    _stability("upscale.conservative", "upscale/conservative"),
    _stability("upscale.creative", "upscale/creative", asynchronous=True),
    _stability("control.sketch", "control/sketch"),
    _stability("control.structure", "control/structure"),
    _stability("control.style", "control/style"),
    _stability("control.style_transfer", "control/style-transfer"),
]
ENGINES += [
    _local("transform.image_to_video", "ken-burns"),
    Engine(
        kind="transform.image_to_video",
        provider="wavespeed",
        model="wan-2.5",
        vendor_model="alibaba/wan-2.5/image-to-video",
        asynchronous=True,
    ),
    Engine(
        kind="transform.avatar",
        provider="wavespeed",
        model="hunyuan-avatar",
        vendor_model="wavespeed-ai/hunyuan-avatar",
        asynchronous=True,
    ),
    Engine(
        kind="transform.image_to_3d",
        provider="stability",
        model="stable-fast-3d",
        vendor_model="3d/stable-fast-3d",
    ),
    Engine(
        kind="transform.image_to_3d",
        provider="stability",
        model="stable-point-aware-3d",
        vendor_model="3d/stable-point-aware-3d",
    ),
]


def engines(kind: str, quality: Quality, provider: str = "auto") -> list[Engine]:
    """The engines a job of `kind` may run on, in the order to try them (unpriced)."""
    offered = [e for e in ENGINES if e.kind == kind]
    if provider != "auto":
        pinned = [e for e in offered if e.provider == provider]
        if not pinned:
            names = ", ".join(sorted({e.provider for e in offered}))
            raise UnknownModelError(f"{provider} does not run {kind} (engines: {names})")
        return pinned
    local = [e for e in offered if e.provider == LOCAL]
    remote = [e for e in offered if e.provider != LOCAL]
    return local if quality is Quality.DRAFT and local else remote
