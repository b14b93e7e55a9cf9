"""The creative catalog: styles, templates and the provider registry are complete and coherent."""

from contracts.catalog.models import Quality
from contracts.catalog.registry import MODELS, PROVIDERS, routes
from contracts.catalog.styles import STYLES
from contracts.catalog.templates import TEMPLATES
from contracts.media import ratio_value
from emulator.stability import PRESETS


def test_forty_plus_styles_mapping_only_to_real_vendor_presets() -> None:
    assert len(STYLES) >= 40
    assert {s.stability_preset for s in STYLES.values()} - {None} <= set(PRESETS)


def test_templates_cover_the_campaign_outputs() -> None:
    platforms = {t.id.split(".")[1] for t in TEMPLATES.values() if t.id.startswith("social.")}
    assert {"instagram", "facebook", "x", "linkedin", "pinterest", "tiktok", "youtube"} <= platforms
    for needed in ("blog.header", "ad.creative.square", "product.photo", "brand.asset"):
        assert needed in TEMPLATES
    assert "email.banner" in TEMPLATES
    for template in TEMPLATES.values():
        assert template.style in STYLES
        assert "{prompt}" in template.scaffold
        shape = template.width / template.height
        assert abs(shape - ratio_value(template.aspect_ratio)) / shape < 0.35, template.id


def test_every_tier_has_a_route_and_auto_never_mixes_tiers() -> None:
    for quality in Quality:
        chosen = routes(quality)
        assert chosen
        assert all(spec.tier is quality and spec.routable for spec in chosen)
        assert len({spec.provider for spec in chosen}) == len(chosen)  # one model per provider
    assert set(PROVIDERS) == {spec.provider for spec in MODELS}
