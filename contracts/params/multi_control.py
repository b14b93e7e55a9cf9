"""Parameters of `control.multi`: one new image guided by up to three control inputs at once
(sketch, structure and style, each with its own strength), an asset or a saved reference each.

A kind of its own rather than a list on the single-control kinds: those mirror one Stability
endpoint field for field, while several controls run only on engines that combine them, priced
apart. The engines that can are the ones the catalog lists for this kind."""

from collections.abc import Mapping
from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from contracts.catalog.engines import LOCAL, Engine
from contracts.catalog.models import Quality
from contracts.catalog.registry import ENGINES, engines
from contracts.media import AssetId
from contracts.params.edit import NegativePrompt, Strength
from contracts.params.generate import Prompt
from contracts.params.image_inputs import UP_TO_9MP, ImageJobParams, PixelRule

ControlType = Literal["sketch", "structure", "style"]
CONTROL_TYPES: tuple[ControlType, ...] = ("sketch", "structure", "style")
MAX_CONTROLS = 3
CONTROL_INPUTS = tuple(f"control_{n}" for n in range(1, MAX_CONTROLS + 1))
"""The input name of each control's image, in the order of `controls`."""


class ControlInput(BaseModel):
    """One control: what it guides, its image (an asset, or a saved reference of that type)
    and how closely the result follows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ControlType = Field(
        description="`sketch`: its lines; `structure`: its edges and layout; `style`: its colours."
    )
    asset_id: AssetId | None = Field(default=None, description="Any image of the library.")
    reference_id: AssetId | None = Field(
        default=None, description="A saved reference of this type (`GET /v1/references`)."
    )
    strength: Strength = Field(default=0.7, description="How closely to follow it (0–1).")

    @model_validator(mode="after")
    def _one_image(self) -> Self:
        if (self.asset_id is None) == (self.reference_id is None):
            raise ValueError("give exactly one of asset_id and reference_id")
        return self

    @property
    def image_id(self) -> str:
        """The asset of its image (a reference is an asset too)."""
        return self.asset_id or self.reference_id or ""


class ControlMultiParams(ImageJobParams):
    """A new image following several controls at once, at the size of `asset_id`."""

    KIND = "control.multi"
    RULES: ClassVar[Mapping[str, PixelRule]] = {
        "asset_id": UP_TO_9MP,
        **dict.fromkeys(CONTROL_INPUTS, UP_TO_9MP),
    }

    asset_id: AssetId = Field(
        default="",
        description="The image whose size the result takes and whose new version it is; by "
        "default the first control's image.",
    )
    quality: Quality = Field(
        default=Quality.DRAFT,
        description="`draft` (the default) combines the controls on the platform's CPU "
        "(labelled `local`: a classical composite that cannot honour the prompt).",
    )
    prompt: Prompt
    negative_prompt: NegativePrompt | None = None
    controls: list[ControlInput] = Field(
        min_length=1, max_length=MAX_CONTROLS, description="One to three controls."
    )

    @model_validator(mode="before")
    @classmethod
    def _source_defaults_to_first_control(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("asset_id"):
            first = (data.get("controls") or [None])[0]
            if isinstance(first, dict):
                image = first.get("asset_id") or first.get("reference_id")
                if isinstance(image, str):
                    return {**data, "asset_id": image}
        return data

    @model_validator(mode="after")
    def _an_engine_runs_it(self) -> Self:
        """Only engines that combine controls run it; the refusal names them."""
        pinned = self.provider != "auto"
        able = [e for e in ENGINES if e.kind == self.KIND]
        if pinned and all(e.provider != self.provider for e in able):
            raise ValueError(f"{self.provider} cannot combine controls; {_who_can(able)}")
        if not engines(self.KIND, self.quality, self.provider):
            raise ValueError(f"no {self.quality.value} engine combines controls; {_who_can(able)}")
        return self

    @property
    def control_1(self) -> str:
        """The first control's image (the inputs the gateway resolves are named so)."""
        return self.controls[0].image_id

    @property
    def control_2(self) -> str | None:
        return self.controls[1].image_id if len(self.controls) > 1 else None

    @property
    def control_3(self) -> str | None:
        return self.controls[2].image_id if len(self.controls) > 2 else None


def _who_can(able: list[Engine]) -> str:
    """Which engines run `control.multi`, at which quality."""
    names = ", ".join(
        f"{e.provider} (quality `draft`: the platform's own CPU engine, always configured)"
        if e.provider == LOCAL
        else f"{e.provider} (quality `standard` or `premium`, once its API key is set)"
        for e in able
    )
    return (
        f"{ControlMultiParams.KIND} runs on {names}; one control at a time runs on stability "
        "(control.sketch, control.structure, control.style)"
    )
