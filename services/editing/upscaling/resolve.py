"""An `upscale.auto` job resolved before routing: the source measured, the mode chosen, the
params of that mode's kind (routed and priced as it), and how to finish the output."""

from dataclasses import dataclass

from contracts.params.image_inputs import ImageJobParams
from contracts.params.upscale import UpscaleAutoParams
from contracts.upscaling import UpscaleChoice
from services.editing.upscaling.choose import choose
from services.editing.upscaling.facts import measure
from services.editing.upscaling.finish import Finish, finish_of
from shared.images import ImageLimits, open_image


@dataclass(frozen=True)
class Resolved:
    params: ImageJobParams
    choice: UpscaleChoice | None = None
    finish: Finish | None = None


def resolved(params: ImageJobParams, source: bytes, limits: ImageLimits) -> Resolved:
    """The params to route (an auto job's chosen kind, any other job's own) (CPU work)."""
    if not isinstance(params, UpscaleAutoParams):
        return Resolved(params)
    choice = choose(params, measure(open_image(source, limits)))
    return Resolved(params.as_mode(choice.mode), choice, finish_of(params, choice))
