"""The tags the library gives an asset on ingest, each with what it came from: the prompt's
keywords, the facts of its generation, the image's own facts and a vision model's labels."""

from collections.abc import Iterable

from contracts.http.assets import AutoTag, ImageFacts, TagSource
from services.library.assets.records import AssetRecord
from services.library.enrichment.keywords import keywords
from services.library.enrichment.vision.base import Vision

MAX_TAG = 50
GENERATION_PARAMS = ("style", "template")


def auto_tags(
    record: AssetRecord, facts: ImageFacts | None, vision: Vision | None
) -> list[AutoTag]:
    """Every automatic tag of the asset: lower case, each (tag, source) once."""
    tags = [
        *_tagged("prompt", keywords(record.prompt)),
        *_tagged("generation", generation_tags(record)),
        *_tagged("image", image_tags(facts) if facts else []),
        *_tagged("vision", vision.labels if vision else []),
    ]
    return list({(tag.tag, tag.source): tag for tag in tags}.values())


def generation_tags(record: AssetRecord) -> list[str]:
    """What made it: provider, style and template, platform and preset, quality tier."""
    params = [record.params.get(name) for name in GENERATION_PARAMS]
    facts = [record.provider, *params, record.platform, record.preset, record.quality]
    return [value for value in facts if isinstance(value, str)]


def image_tags(facts: ImageFacts) -> list[str]:
    """Its colour names, orientation, and whether it shows faces or text."""
    tags = list(facts.color_names)
    if facts.orientation is not None:
        tags.append(facts.orientation)
    if facts.has_faces:
        tags.append("faces")
    if facts.has_text:
        tags.append("text")
    return tags


def _tagged(source: TagSource, values: Iterable[str]) -> list[AutoTag]:
    cleaned = (" ".join(value.lower().split()) for value in values)
    return [AutoTag(tag=tag, source=source) for tag in cleaned if 0 < len(tag) <= MAX_TAG]
