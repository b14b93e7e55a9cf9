"""Style presets (`GET /v1/styles`): what each adds to the prompt, and the vendor preset it maps to
where a provider has a matching one (Stability's 17 `style_preset` values, Ideogram's 4 styles)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

IdeogramStyle = Literal["Auto", "General", "Realistic", "Design"]


class StylePreset(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    group: str
    prompt: str
    negative: str = ""
    stability_preset: str | None = None
    ideogram_style: IdeogramStyle = "Auto"


def _style(
    id: str,
    group: str,
    prompt: str,
    negative: str = "",
    stability: str | None = None,
    ideogram: IdeogramStyle = "Auto",
) -> StylePreset:
    name = id.replace("-", " ").title().replace("3D", "3D")
    return StylePreset(
        id=id,
        name=name,
        group=group,
        prompt=prompt,
        negative=negative,
        stability_preset=stability,
        ideogram_style=ideogram,
    )


PHOTO_NEGATIVE = "illustration, cartoon, painting, text artifacts"
ART_NEGATIVE = "photo, photorealistic"

STYLES: dict[str, StylePreset] = {
    style.id: style
    for style in [
        # photography
        _style(
            "photographic",
            "photography",
            "professional photograph, natural light, sharp focus",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "product-studio",
            "photography",
            "studio product photograph, seamless backdrop, softbox lighting, crisp reflections",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "lifestyle",
            "photography",
            "candid lifestyle photograph, warm natural light, authentic moment",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "portrait",
            "photography",
            "editorial portrait, shallow depth of field, flattering light",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "food",
            "photography",
            "appetising food photograph, overhead angle, fresh ingredients, soft daylight",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "architecture",
            "photography",
            "architectural photograph, straight verticals, golden hour",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "aerial",
            "photography",
            "aerial drone photograph, wide vista",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "macro",
            "photography",
            "macro photograph, extreme detail, bokeh",
            PHOTO_NEGATIVE,
            "photographic",
            "Realistic",
        ),
        _style(
            "analog-film",
            "photography",
            "analog film photograph, grain, faded colours",
            PHOTO_NEGATIVE,
            "analog-film",
            "Realistic",
        ),
        _style(
            "black-and-white",
            "photography",
            "black and white photograph, rich tonal range",
            "colour",
            "photographic",
            "Realistic",
        ),
        _style(
            "cinematic",
            "photography",
            "cinematic still, anamorphic, dramatic lighting, colour graded",
            PHOTO_NEGATIVE,
            "cinematic",
            "Realistic",
        ),
        _style(
            "hdr",
            "photography",
            "high dynamic range photograph, vivid detail",
            PHOTO_NEGATIVE,
            "enhance",
            "Realistic",
        ),
        _style("enhance", "photography", "enhanced detail, vibrant colours", "", "enhance"),
        # illustration and art
        _style(
            "digital-art",
            "art",
            "digital art, detailed, vibrant",
            ART_NEGATIVE,
            "digital-art",
            "General",
        ),
        _style(
            "concept-art",
            "art",
            "concept art, painterly, epic composition",
            ART_NEGATIVE,
            "digital-art",
            "General",
        ),
        _style(
            "fantasy-art",
            "art",
            "fantasy art, magical atmosphere",
            ART_NEGATIVE,
            "fantasy-art",
            "General",
        ),
        _style(
            "anime", "art", "anime style, cel shading, expressive", ART_NEGATIVE, "anime", "General"
        ),
        _style(
            "manga",
            "art",
            "manga illustration, ink lines, screentone",
            ART_NEGATIVE,
            "anime",
            "General",
        ),
        _style(
            "comic-book",
            "art",
            "comic book art, bold ink outlines, halftone",
            ART_NEGATIVE,
            "comic-book",
            "General",
        ),
        _style(
            "watercolor",
            "art",
            "watercolour painting, soft washes, paper texture",
            ART_NEGATIVE,
            None,
            "General",
        ),
        _style(
            "oil-painting",
            "art",
            "oil painting, visible brush strokes, rich impasto",
            ART_NEGATIVE,
            None,
            "General",
        ),
        _style(
            "impressionist",
            "art",
            "impressionist painting, dappled light",
            ART_NEGATIVE,
            None,
            "General",
        ),
        _style(
            "pop-art",
            "art",
            "pop art, bold flat colours, Ben-Day dots",
            ART_NEGATIVE,
            None,
            "Design",
        ),
        _style(
            "art-deco",
            "art",
            "art deco, geometric ornament, gold accents",
            ART_NEGATIVE,
            None,
            "Design",
        ),
        _style(
            "surreal",
            "art",
            "surrealist art, dreamlike, impossible scene",
            ART_NEGATIVE,
            None,
            "General",
        ),
        _style(
            "pencil-sketch",
            "art",
            "pencil sketch, graphite shading, hand drawn",
            ART_NEGATIVE,
            "line-art",
            "General",
        ),
        _style(
            "line-art",
            "art",
            "clean line art, monoline, minimal",
            ART_NEGATIVE,
            "line-art",
            "Design",
        ),
        _style(
            "ukiyo-e",
            "art",
            "ukiyo-e woodblock print, flat colour, bold outlines",
            ART_NEGATIVE,
            None,
            "General",
        ),
        _style(
            "pixel-art", "art", "pixel art, 16-bit palette", ART_NEGATIVE, "pixel-art", "Design"
        ),
        # 3D and craft
        _style(
            "3d-render", "3d", "3D render, global illumination, octane", "", "3d-model", "General"
        ),
        _style(
            "isometric", "3d", "isometric 3D illustration, clean shading", "", "isometric", "Design"
        ),
        _style("low-poly", "3d", "low poly 3D, faceted geometry", "", "low-poly", "Design"),
        _style(
            "clay",
            "3d",
            "claymation, modelling compound, handmade",
            "",
            "modeling-compound",
            "General",
        ),
        _style("origami", "3d", "paper origami, folded paper craft", "", "origami", "General"),
        _style("papercut", "3d", "layered papercut art, soft shadows", "", "origami", "Design"),
        _style(
            "neon-punk",
            "3d",
            "neon punk, glowing lights, cyberpunk city",
            "",
            "neon-punk",
            "General",
        ),
        _style("tile-texture", "3d", "seamless tileable texture", "", "tile-texture", "Design"),
        # design and marketing
        _style(
            "flat-design",
            "design",
            "flat vector illustration, simple shapes, solid colours",
            "photo, texture noise",
            None,
            "Design",
        ),
        _style(
            "minimalist",
            "design",
            "minimalist composition, generous negative space",
            "clutter",
            None,
            "Design",
        ),
        _style(
            "corporate",
            "design",
            "clean corporate visual, trustworthy, modern",
            "clutter",
            None,
            "Design",
        ),
        _style(
            "bold-graphic",
            "design",
            "bold graphic poster, strong contrast, punchy colours",
            "",
            None,
            "Design",
        ),
        _style("retro", "design", "retro 1970s design, warm palette, grain", "", None, "Design"),
        _style(
            "vaporwave",
            "design",
            "vaporwave aesthetic, pastel gradients, 80s grid",
            "",
            "neon-punk",
            "Design",
        ),
        _style(
            "luxury",
            "design",
            "luxury brand aesthetic, elegant, dark tones, gold",
            "cheap, cluttered",
            None,
            "Design",
        ),
        _style(
            "playful",
            "design",
            "playful and colourful, rounded shapes, friendly",
            "",
            None,
            "Design",
        ),
        _style(
            "infographic",
            "design",
            "infographic layout, clear hierarchy, icons",
            "photo",
            None,
            "Design",
        ),
    ]
}
