"""Choosing fast, conservative or creative for an `upscale.auto` job (pure logic).

The rules, in order:
1. A preset that fixes a mode wins (`web` is fast, `print` conservative).
2. Only the modes run at the job's quality and provider, and that take the source's size, are
   candidates (fast and creative take up to 1 MP, conservative up to 9 MP); one left is chosen.
3. A noisy source (noise at least `NOISY`) is re-imagined by creative, unless it shows faces or
   text, which creative would redraw: then conservative, which keeps them.
4. A clean source asked to grow more than 4x each side goes to creative (conservative with
   faces or text), since fast makes exactly 4x.
5. Otherwise fast: the source is clean, fast keeps it as it is, and it is the cheapest.
"""

from contracts.params.upscale import FAST_FACTOR, MODE_PARAMS, UpscaleAutoParams
from contracts.upscaling import PRESET_MODES, ChoiceReason, UpscaleChoice, UpscaleMode
from services.editing.upscaling.facts import SourceFacts

NOISY = 5.0
"""Grey-level noise deviation from which a source counts as degraded."""
FAST, CONSERVATIVE, CREATIVE = UpscaleMode.FAST, UpscaleMode.CONSERVATIVE, UpscaleMode.CREATIVE


def choose(params: UpscaleAutoParams, facts: SourceFacts) -> UpscaleChoice:
    """The mode to run and why (the source fits a candidate: checked at submission)."""
    allowed = params.modes()
    fitting = [mode for mode in allowed if _takes(mode, facts)] or allowed
    mode, reasons = _decide(params, facts, allowed, fitting)
    return UpscaleChoice(
        mode=mode,
        kind=mode.kind,
        reasons=[*reasons, *_observed(facts, reasons)],
        source=(facts.width, facts.height),
        target=params.target_size(facts.width, facts.height, mode),
        noise=facts.noise,
        faces=facts.faces,
        text_regions=facts.text_regions,
        dpi=params.print_size.dpi if params.print_size else None,
    )


def _decide(
    params: UpscaleAutoParams,
    facts: SourceFacts,
    allowed: list[UpscaleMode],
    fitting: list[UpscaleMode],
) -> tuple[UpscaleMode, list[ChoiceReason]]:
    if params.preset in PRESET_MODES:
        mode = PRESET_MODES[params.preset]
        return mode, [ChoiceReason(factor="preset", message=f"preset {params.preset} runs {mode}")]
    if len(allowed) == 1:
        message = f"only {allowed[0].kind} runs at {params.quality} quality as asked"
        return allowed[0], [ChoiceReason(factor="quality", message=message)]
    if len(fitting) == 1:
        message = f"the source has {facts.pixels} pixels: only {fitting[0].kind} takes it"
        return fitting[0], [ChoiceReason(factor="size", value=facts.pixels, message=message)]
    order, reason = _preference(facts, _factor(params, facts))
    return next(mode for mode in order if mode in fitting), [reason]


def _preference(facts: SourceFacts, factor: float) -> tuple[list[UpscaleMode], ChoiceReason]:
    """The modes in the order the source calls for, with the deciding reason."""
    kept = _kept(facts)
    if facts.noise >= NOISY and not kept:
        message = f"noisy source (noise {facts.noise:g} >= {NOISY:g}): creative restores detail"
        return [CREATIVE, CONSERVATIVE, FAST], ChoiceReason(
            factor="noise", value=facts.noise, message=message
        )
    if facts.noise >= NOISY:
        message = f"noisy source with {kept}: conservative keeps them (creative would redraw them)"
        return [CONSERVATIVE, FAST, CREATIVE], ChoiceReason(
            factor="faces" if facts.faces else "text", message=message
        )
    if factor > FAST_FACTOR:
        message = f"{factor:.2g}x each side is more than fast's {FAST_FACTOR}x"
        order = [CONSERVATIVE, CREATIVE, FAST] if kept else [CREATIVE, CONSERVATIVE, FAST]
        return order, ChoiceReason(factor="target", value=round(factor, 2), message=message)
    message = f"clean source (noise {facts.noise:g} < {NOISY:g}): fast keeps it as it is, cheapest"
    return [FAST, CONSERVATIVE, CREATIVE], ChoiceReason(
        factor="default", value=facts.noise, message=message
    )


def _observed(facts: SourceFacts, given: list[ChoiceReason]) -> list[ChoiceReason]:
    """The measured facts the deciding reason does not already state."""
    said = {reason.factor for reason in given}
    found = [
        ChoiceReason(factor="noise", value=facts.noise, message=f"noise {facts.noise:g}"),
        ChoiceReason(factor="faces", value=facts.faces, message=f"{facts.faces} face(s)"),
        ChoiceReason(
            factor="text", value=facts.text_regions, message=f"{facts.text_regions} text line(s)"
        ),
    ]
    return [reason for reason in found if reason.factor not in said]


def _kept(facts: SourceFacts) -> str:
    """What must stay as it is ("faces", "text", "faces and text"), or ""."""
    shown = [
        name for name, count in (("faces", facts.faces), ("text", facts.text_regions)) if count
    ]
    return " and ".join(shown)


def _takes(mode: UpscaleMode, facts: SourceFacts) -> bool:
    return MODE_PARAMS[mode].RULES["asset_id"].problem(facts.width, facts.height) is None


def _factor(params: UpscaleAutoParams, facts: SourceFacts) -> float:
    """How many times each side must grow to cover the target."""
    width, height = params.target_size(facts.width, facts.height, CREATIVE)
    return max(width / facts.width, height / facts.height)
