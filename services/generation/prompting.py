"""Composing the prompt a provider receives: the job's prompt in the template's scaffolding, with
the style's cues, the brand kit's colours and tone, and quality cues; the brand's banned words
taken out and added to the negative prompt. Enhancement is deterministic and local unless an LLM
is configured, in which case the LLM rewrites the composed prompt (and local is the fallback)."""

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from PIL import ImageColor

from contracts.brand import BrandKit
from contracts.catalog.models import Quality
from contracts.catalog.styles import STYLES
from contracts.params.generate import GenerateParams

log = logging.getLogger(__name__)

QUALITY_CUES = {
    Quality.DRAFT: "",
    Quality.STANDARD: "high quality, well composed",
    Quality.PREMIUM: "masterpiece, highly detailed, sharp focus, refined lighting",
}
LLM_INSTRUCTION = (
    "Rewrite the following as one vivid prompt for a text-to-image model, under 120 words. "
    "Keep every subject, colour and style cue it names; add composition and lighting detail; "
    "never add text to render. Answer with the prompt only.\n\nPrompt: {prompt}"
)


class TextModel(Protocol):
    async def complete_text(self, model: str, instruction: str) -> str: ...


@dataclass(frozen=True)
class Composition:
    prompt: str
    negative_prompt: str | None
    style: str | None
    enhanced_by: str | None


@dataclass
class PromptComposer:
    llm: TextModel | None = None
    llm_model: str = ""

    @property
    def identity(self) -> str:
        """What enhances prompts (part of the result cache's key: another enhancer, another
        prompt, another image)."""
        return f"llm:{self.llm_model}" if self.llm is not None else "local"

    async def compose(self, params: GenerateParams, brand: BrandKit | None) -> Composition:
        style = _style(params, brand)
        if not params.enhance_prompt:
            prompt, enhanced_by = params.prompt, None
        else:
            prompt, enhanced_by = local_prompt(params, style, brand), "local"
            if self.llm is not None:
                prompt, enhanced_by = await self._rewrite(prompt)
        avoid = brand.avoid_words if brand else []
        return Composition(
            prompt=without_words(prompt, avoid) or params.prompt,
            negative_prompt=negative_prompt(params, style, avoid),
            style=style,
            enhanced_by=enhanced_by,
        )

    async def _rewrite(self, prompt: str) -> tuple[str, str]:
        assert self.llm is not None
        try:
            text = await self.llm.complete_text(
                self.llm_model, LLM_INSTRUCTION.format(prompt=prompt)
            )
        except Exception as exc:  # any failure of the LLM: the local enhancement stands
            log.warning("prompt LLM unavailable, enhancing locally: %r", exc)
            return prompt, "local"
        return text[:2000], self.llm_model


def _style(params: GenerateParams, brand: BrandKit | None) -> str | None:
    """The job's style, else the brand kit's, else the template's."""
    template = params.template_spec
    return (
        params.style
        or (brand.preferred_style if brand else None)
        or (template.style if template else None)
    )


def local_prompt(params: GenerateParams, style: str | None, brand: BrandKit | None) -> str:
    """The deterministic enhancement: scaffold, style, brand and quality cues, in that order."""
    template = params.template_spec
    prompt = template.scaffold.format(prompt=params.prompt) if template else params.prompt
    parts = [prompt]
    if style:
        parts.append(STYLES[style].prompt)
    if brand and brand.colors:
        parts.append("colour palette of " + ", ".join(colour_name(c) for c in brand.colors))
    if brand and brand.keywords:
        parts.append(", ".join(brand.keywords))
    parts.append(QUALITY_CUES[params.quality])
    return ", ".join(part for part in parts if part)


def negative_prompt(params: GenerateParams, style: str | None, avoid: list[str]) -> str | None:
    template = params.template_spec
    pieces = [
        params.negative_prompt or "",
        template.negative if template and params.enhance_prompt else "",
        STYLES[style].negative if style and params.enhance_prompt else "",
        ", ".join(avoid),
    ]
    terms = [t.strip() for piece in pieces for t in piece.split(",") if t.strip()]
    return ", ".join(dict.fromkeys(terms)) or None


def without_words(text: str, words: list[str]) -> str:
    """`text` with each of `words` (whole words or phrases, any case) removed."""
    for word in words:
        text = re.sub(rf"\b{re.escape(word)}\b", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


@cache
def colour_name(hex_colour: str) -> str:
    """The CSS colour name nearest to `#RRGGBB` (models read names, not hex codes)."""
    target = ImageColor.getrgb(hex_colour)[:3]

    def distance(name: str) -> int:
        rgb = ImageColor.getrgb(name)[:3]
        return sum((a - b) ** 2 for a, b in zip(rgb, target, strict=True))

    return min(ImageColor.colormap, key=distance)
