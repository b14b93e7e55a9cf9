"""The platform catalog: every format of the product plan, coherent sizes and limits, and
selectors that resolve or fail listing the valid ones."""

import pytest

from contracts.catalog.platforms import PLATFORMS, PRESETS, SOURCES, UnknownPresetError, resolve

PLAN = {
    "instagram": ["ig.feed.square", "ig.feed.portrait", "ig.feed.landscape", "ig.story",
                  "ig.reel_cover", "ig.igtv_cover", "ig.profile"],
    "facebook": ["fb.link", "fb.feed.square", "fb.feed", "fb.story", "fb.cover", "fb.profile"],
    "x": ["x.post.landscape", "x.post.2x1", "x.header", "x.profile"],
    "linkedin": ["li.post", "li.post.square", "li.article_cover", "li.personal_banner",
                 "li.company_cover", "li.profile"],
    "youtube": ["yt.thumbnail", "yt.banner", "yt.community.square", "yt.community.landscape",
                "yt.profile"],
    "pinterest": ["pin.standard", "pin.square", "pin.idea"],
    "tiktok": ["tt.video_cover", "tt.profile"],
}  # fmt: skip


def test_every_format_of_the_plan_is_in_the_catalog() -> None:
    for platform, ids in PLAN.items():
        for preset_id in ids:
            assert PRESETS[preset_id].platform == platform


def test_sizes_ratios_limits_and_zones_are_coherent() -> None:
    for preset in PRESETS.values():
        w, h = (float(side) for side in preset.ratio.split(":"))
        assert abs(preset.width / preset.height - w / h) / (w / h) < 0.02, preset.id
        if preset.min_size is not None:
            assert preset.min_size[0] <= preset.width
            assert preset.min_size[1] <= preset.height
        if preset.safe is not None:
            assert preset.safe.top + preset.safe.bottom < preset.height
            assert preset.safe.left + preset.safe.right < preset.width
        assert preset.formats


def test_selectors_resolve_ids_platforms_and_all() -> None:
    assert [p.id for p in resolve(["ig.story", "x.header"])] == ["ig.story", "x.header"]
    assert {p.platform for p in resolve(["tiktok"])} == {"tiktok"}
    assert len(resolve(["all", "instagram"])) == len(PRESETS)
    with pytest.raises(UnknownPresetError) as refused:
        resolve(["ig.story", "myspace", "x.banner"])
    assert refused.value.unknown == ["myspace", "x.banner"]
    assert all(name in str(refused.value) for name in PLATFORMS)


def test_every_source_key_is_cited() -> None:
    cited = {key for preset in PRESETS.values() for key in preset.sources}
    assert cited <= set(SOURCES)
    assert all(SOURCES[key] for key in cited)
