"""What each Stability v2beta edit, upscale and control endpoint takes (file parts with their
pixel rule, text, numeric and enum fields, as the v2beta spec has them) and how the emulator's
answer derives from the input image (`stability_edit` serves them)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image

from emulator.common import check_choice, check_known, check_number, check_text
from emulator.edits import ANY, PixelRule, aspect_of, cut_out, masked, padded, restyle, sized
from emulator.stability import ASPECT_RATIOS, FORMATS, PRESETS

MP = 1024 * 1024
SIDES = ("left", "right", "up", "down")
INTEGERS = {"seed", *SIDES, "vertex_count", "target_count"}

GEN64 = PixelRule()
GEN64_AR = PixelRule(max_aspect=2.5)
R4MP = PixelRule(max_pixels=4 * MP)
R1MP = PixelRule(max_pixels=MP)
FAST = PixelRule(min_side=32, max_side=1536, min_pixels=1024, max_pixels=MP)
STYLE_INIT = PixelRule(max_side=16_383, max_aspect=2.5)
STYLE_REF = PixelRule(max_side=16_383)

Images = dict[str, Image.Image]
Form = dict[str, str]


@dataclass(frozen=True)
class Endpoint:
    """What one endpoint takes (file parts with their pixel rule, text, numeric and enum fields)
    and how its answer derives from the input."""

    render: Callable[[Images, Form], Image.Image]
    files: dict[str, PixelRule]
    required: frozenset[str]
    texts: frozenset[str] = frozenset()
    numbers: dict[str, tuple[float, float]] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    formats: tuple[str, ...] = FORMATS
    """`output_format` values; none for an endpoint without that field."""
    is_async: bool = False
    extra: Callable[[Form, set[str]], list[str]] = lambda _form, _parts: []
    """Checks across fields."""

    @property
    def fields(self) -> set[str]:
        named = {*self.files, *self.texts, *self.numbers, *self.choices}
        return named | ({"output_format"} if self.formats else set())

    def validate(self, form: Form, parts: set[str]) -> list[str]:
        """The spec's checks of the text fields, and which file parts are there."""
        errors: list[str] = []
        check_known(errors, form | dict.fromkeys(parts, ""), self.fields)
        errors += [f"{name}: must be a file" for name in self.files if name in form]
        texts = (parts - set(self.files)) & self.fields
        errors += [f"{name}: must be text, not a file" for name in texts]
        errors += [
            f"{name}: is required"
            for name in self.required & set(self.files)
            if name not in parts | set(form)
        ]
        for name in self.texts:  # optional texts may be empty (the spec sets no minimum)
            if name in self.required or form.get(name) != "":
                check_text(errors, form, name, required=name in self.required)
        for name, (low, high) in self.numbers.items():
            check_number(errors, form, name, low, high, integer=name in INTEGERS)
        for name, choices in self.choices.items():
            check_choice(errors, form, name, choices)
        if self.formats:
            check_choice(errors, form, "output_format", self.formats)
        return errors + self.extra(form, parts)


def _prompt(form: Form) -> str:
    return form.get("prompt") or form.get("background_prompt") or ""


def _same_size(images: Images, form: Form) -> Image.Image:
    return restyle(images["image"], _prompt(form))


def _masked(images: Images, form: Form) -> Image.Image:
    return masked(images["image"], _prompt(form), images.get("mask"))


def _outpaint(images: Images, form: Form) -> Image.Image:
    left, right, up, down = (int(float(form.get(side) or 0)) for side in SIDES)
    return padded(images["image"], _prompt(form), (left, right, up, down))


def _remove_background(images: Images, _: Form) -> Image.Image:
    return cut_out(images["image"])


def _fast(images: Images, _: Form) -> Image.Image:
    image = images["image"]
    return image.convert("RGB").resize((image.width * 4, image.height * 4))


def _conservative(images: Images, form: Form) -> Image.Image:
    return restyle(images["image"], _prompt(form), sized(aspect_of(images["image"]), 4 * MP))


def _creative(images: Images, form: Form) -> Image.Image:
    size = sized(aspect_of(images["image"]), 4 * MP, long_side=4096)
    return restyle(images["image"], _prompt(form), size)


def _style(images: Images, form: Form) -> Image.Image:
    ratio = form.get("aspect_ratio", "1:1")
    width, height = (int(side) for side in ratio.split(":"))
    return restyle(images["image"], _prompt(form), sized(width / height, MP))


def _style_transfer(images: Images, form: Form) -> Image.Image:
    init = images["init_image"]
    styled = restyle(images["style_image"], _prompt(form), sized(aspect_of(init), MP))
    return Image.blend(init.convert("RGB").resize(styled.size), styled, 0.5)


def _relight(images: Images, form: Form) -> Image.Image:
    return restyle(images["subject_image"], _prompt(form))


def _padding(form: Form, _: set[str]) -> list[str]:
    try:
        grown = any(float(form.get(side) or 0) > 0 for side in SIDES)
    except ValueError:
        return []  # reported as not a number
    return [] if grown else ["left, right, up, down: at least one must be greater than 0"]


def _relight_inputs(form: Form, parts: set[str]) -> list[str]:
    errors = []
    if "background_prompt" not in form and "background_reference" not in parts:
        errors.append("background_prompt: is required when background_reference is not given")
    if "light_source_strength" in form and not (
        "light_reference" in parts or "light_source_direction" in form
    ):
        errors.append("light_source_strength: requires light_reference or light_source_direction")
    return errors


SEED = {"seed": (0.0, 4_294_967_294.0)}
PRESET: dict[str, tuple[str, ...]] = {"style_preset": PRESETS}
PROMPTED = frozenset({"prompt", "negative_prompt"})
CONTROL = Endpoint(
    _same_size,
    {"image": GEN64_AR},
    frozenset({"image", "prompt"}),
    PROMPTED,
    SEED | {"control_strength": (0, 1)},
    PRESET,
)
ENDPOINTS = {
    "edit/erase": Endpoint(
        _masked,
        {"image": GEN64, "mask": ANY},
        frozenset({"image"}),
        numbers=SEED | {"grow_mask": (0, 20)},
    ),
    "edit/inpaint": Endpoint(
        _masked,
        {"image": GEN64, "mask": ANY},
        frozenset({"image", "prompt"}),
        PROMPTED,
        SEED | {"grow_mask": (0, 100)},
        PRESET,
    ),
    "edit/outpaint": Endpoint(
        _outpaint,
        {"image": GEN64_AR},
        frozenset({"image"}),
        frozenset({"prompt"}),
        SEED | dict.fromkeys(SIDES, (0, 2000)) | {"creativity": (0, 1)},
        PRESET,
        extra=_padding,
    ),
    "edit/search-and-replace": Endpoint(
        _same_size,
        {"image": GEN64_AR},
        frozenset({"image", "prompt", "search_prompt"}),
        PROMPTED | {"search_prompt"},
        SEED | {"grow_mask": (0, 20)},
        PRESET,
    ),
    "edit/search-and-recolor": Endpoint(
        _same_size,
        {"image": GEN64_AR},
        frozenset({"image", "prompt", "select_prompt"}),
        PROMPTED | {"select_prompt"},
        SEED | {"grow_mask": (0, 20)},
        PRESET,
    ),
    "edit/remove-background": Endpoint(
        _remove_background, {"image": R4MP}, frozenset({"image"}), formats=("png", "webp")
    ),
    "edit/replace-background-and-relight": Endpoint(
        _relight,
        {"subject_image": GEN64_AR, "background_reference": GEN64, "light_reference": GEN64},
        frozenset({"subject_image"}),
        frozenset({"background_prompt", "foreground_prompt", "negative_prompt"}),
        SEED
        | {
            "preserve_original_subject": (0, 1),
            "original_background_depth": (0, 1),
            "light_source_strength": (0, 1),
        },
        {
            "keep_original_background": ("true", "false"),
            "light_source_direction": ("left", "right", "above", "below"),
        },
        is_async=True,
        extra=_relight_inputs,
    ),
    "upscale/fast": Endpoint(_fast, {"image": FAST}, frozenset({"image"})),
    "upscale/conservative": Endpoint(
        _conservative,
        {"image": GEN64_AR},
        frozenset({"image", "prompt"}),
        PROMPTED,
        SEED | {"creativity": (0.2, 0.5)},
    ),
    "upscale/creative": Endpoint(
        _creative,
        {"image": R1MP},
        frozenset({"image", "prompt"}),
        PROMPTED,
        SEED | {"creativity": (0.1, 0.5)},
        PRESET,
        is_async=True,
    ),
    "control/sketch": CONTROL,
    "control/structure": CONTROL,
    "control/style": Endpoint(
        _style,
        {"image": GEN64_AR},
        frozenset({"image", "prompt"}),
        PROMPTED,
        SEED | {"fidelity": (0, 1)},
        PRESET | {"aspect_ratio": ASPECT_RATIOS},
    ),
    "control/style-transfer": Endpoint(
        _style_transfer,
        {"init_image": STYLE_INIT, "style_image": STYLE_REF},
        frozenset({"init_image", "style_image"}),
        PROMPTED,
        SEED
        | {"style_strength": (0, 1), "composition_fidelity": (0, 1), "change_strength": (0.1, 1)},
    ),
}
