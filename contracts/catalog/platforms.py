"""The social platform catalog (`GET /v1/platforms`): every format the optimizer produces, with its
pixel size, accepted formats, byte limit and the zones UI overlays cover.

Figures are those of `docs/platforms.md` (compiled 2026-11-24 from vendor help centres
and 2025-2026 compilations that agree; its source keys S1-S21 are kept per preset). Safe zones are
margins in pixels of the preset's own canvas; `safe_box` is a centred box that every device shows.
Formats `docs/platforms.md` lacks are marked in `note` with where their figures come from."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Platform = Literal["instagram", "facebook", "x", "linkedin", "youtube", "pinterest", "tiktok"]
OutputFormat = Literal["jpeg", "png", "webp"]
MB = 1024 * 1024


SOURCES: dict[str, str] = {
    "S1": "picovert.com/en/blog/image-size-for-instagram",
    "S2": "recurpost.com/blog/instagram-post-size-guide; socialsellinator.com",
    "S3": "socialbu.com/blog/instagram-post-aspect-ratio",
    "S4": "primores.org/wiki/marketing/meta-ad-placement-safe-zones",
    "S5": (
        "adsuploader.com/blog/meta-ads-safe-zones; "
        "mediamaxnetwork.com/digital-specifications/social-ads"
    ),
    "S6": (
        "marketertools.fyi/blog/meta-ad-sizes-safe-zones-2026; "
        "smartmetrics.com/resources/social-media-image-sizes"
    ),
    "S7": "technologybangladesh.com; braveriver.com",
    "S8": "picovert.com/en/blog/image-size-for-twitter-x; pixotter.com/blog/twitter-image-size",
    "S9": (
        "allimgtools.app/blog/x-twitter-profile-picture-size-guide-2026; "
        "picturesizes.com/specs/social-media/twitter"
    ),
    "S10": (
        "github.com/Yoast/javascript/issues/150; "
        "developer.x.com/en/docs/ads/creatives/overview/revenue-cards (vendor)"
    ),
    "S11": "picturesizes.com/specs/social-media/linkedin; so-me.studio",
    "S12": "cosend.com; cadslist.com",
    "S13": "image-compressor.uk/linkedin-image-sizes",
    "S14": "simonwebdesign.com/custom-youtube-thumbnail; devaul.net",
    "S15": "blog.textureweb.com/2013/07",
    "S16": "screensnap.pro/blog/youtube-banner-size-guide",
    "S17": "postfa.st/sizes/pinterest/pin; moda.app",
    "S18": "pixotter.com/blog/pinterest-image-size; ayrshare.com/docs/media-guidelines/pinterest",
    "S19": (
        "ads.tiktok.com/help/article/tiktok-auction-in-feed-ads; adfuseai.com; "
        "socaptions.com/blog/tiktok-safe-zones-2026 (vendor)"
    ),
    "S20": "wavegen.ai/tiktok-slideshow-size; editthispic.com",
    "S21": "postwaffle.com/blog/tiktok-carousel-size; picturesizes.com",
}
"""The pages each preset's figures come from (accessed 2026-11-24; notes in `docs/platforms.md`)."""


class SafeZone(BaseModel):
    """Margins (px) that UI overlays cover: keep faces and text out of them."""

    model_config = ConfigDict(frozen=True)

    top: int = 0
    bottom: int = 0
    left: int = 0
    right: int = 0


class PlatformPreset(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Catalog id, e.g. `ig.story`.")
    platform: Platform
    placement: str
    width: int
    height: int
    ratio: str = Field(description="Width:height as platforms state it (e.g. `1.91:1`).")
    formats: tuple[OutputFormat, ...] = Field(description="Accepted formats, preferred first.")
    max_bytes: int | None = Field(description="Upload limit; null where none is documented.")
    target_bytes: int | None = Field(
        default=None, description="A smaller size the platform recommends (fastest load)."
    )
    min_size: tuple[int, int] | None = None
    safe: SafeZone | None = None
    safe_box: tuple[int, int] | None = Field(
        default=None, description="Centred box shown on every device (width, height)."
    )
    mask: Literal["circle"] | None = Field(
        default=None, description="Shown cropped to a circle: keep the subject inside it."
    )
    sources: tuple[str, ...] = Field(description="Source keys of docs/platforms.md.")
    note: str = ""


def _p(
    id: str,
    platform: Platform,
    placement: str,
    size: tuple[int, int],
    ratio: str,
    formats: tuple[OutputFormat, ...],
    max_mb: float | None,
    sources: tuple[str, ...],
    **extra: object,
) -> PlatformPreset:
    max_bytes = int(max_mb * MB) if max_mb is not None else None
    return PlatformPreset.model_validate(
        {
            "id": id,
            "platform": platform,
            "placement": placement,
            "width": size[0],
            "height": size[1],
            "ratio": ratio,
            "formats": formats,
            "max_bytes": max_bytes,
            "sources": sources,
            **extra,
        }
    )


JP: tuple[OutputFormat, ...] = ("jpeg", "png")
JPW: tuple[OutputFormat, ...] = ("jpeg", "png", "webp")
CIRCLE = {"mask": "circle"}
STORY = SafeZone(top=270, bottom=380)

PRESETS: dict[str, PlatformPreset] = {
    preset.id: preset
    for preset in [
        _p("ig.feed.square", "instagram", "feed 1:1", (1080, 1080), "1:1", JP, 8, ("S1", "S2")),
        _p("ig.feed.portrait", "instagram", "feed 4:5", (1080, 1350), "4:5", JP, 8, ("S1", "S2")),
        _p("ig.feed.tall", "instagram", "feed 3:4", (1080, 1440), "3:4", JP, 8, ("S2", "S3")),
        _p(
            "ig.feed.landscape",
            "instagram",
            "feed 1.91:1",
            (1080, 566),
            "1.91:1",
            JP,
            8,
            ("S1", "S2"),
        ),
        _p(
            "ig.story",
            "instagram",
            "story",
            (1080, 1920),
            "9:16",
            JP,
            30,
            ("S1", "S4", "S5"),
            safe=STORY,
        ),
        _p(
            "ig.reel_cover",
            "instagram",
            "reel cover",
            (1080, 1920),
            "9:16",
            JP,
            30,
            ("S4", "S5"),
            safe=SafeZone(top=270, bottom=672, left=65, right=65),
        ),
        _p(
            "ig.igtv_cover",
            "instagram",
            "IGTV / long video cover",
            (420, 654),
            "1:1.55",
            JP,
            8,
            (),
            note="not in the reference: IGTV's legacy cover size, with feed-image limits",
        ),
        _p("ig.profile", "instagram", "profile", (320, 320), "1:1", JP, None, ("S1",), **CIRCLE),
        _p("fb.feed", "facebook", "feed 4:5", (1080, 1350), "4:5", JP, 30, ("S4", "S6")),
        _p("fb.feed.square", "facebook", "feed 1:1", (1080, 1080), "1:1", JP, 30, ("S6",)),
        _p("fb.link", "facebook", "feed / link 1.91:1", (1200, 630), "1.91:1", JP, 8, ("S6", "S7")),
        _p("fb.story", "facebook", "story", (1080, 1920), "9:16", JP, 30, ("S4", "S5"), safe=STORY),
        _p(
            "fb.cover",
            "facebook",
            "page cover",
            (851, 315),
            "2.7:1",
            JP,
            None,
            ("S7",),
            target_bytes=100 * 1024,
            min_size=(400, 150),
            safe_box=(640, 312),
        ),
        _p(
            "fb.profile", "facebook", "profile", (320, 320), "1:1", JP, None, ("S6", "S7"), **CIRCLE
        ),
        _p("x.post.landscape", "x", "in-stream 16:9", (1200, 675), "16:9", JPW, 5, ("S8", "S9")),
        _p(
            "x.post.hires",
            "x",
            "in-stream 16:9, high resolution",
            (1600, 900),
            "16:9",
            JPW,
            5,
            ("S9",),
        ),
        _p(
            "x.post.2x1",
            "x",
            "in-stream 2:1 / large card",
            (1200, 600),
            "2:1",
            JPW,
            5,
            ("S10",),
            min_size=(300, 157),
        ),
        _p("x.header", "x", "header", (1500, 500), "3:1", JP, 5, ("S8", "S9")),
        _p(
            "x.profile",
            "x",
            "profile",
            (400, 400),
            "1:1",
            JP,
            2,
            ("S8", "S9"),
            min_size=(200, 200),
            **CIRCLE,
        ),
        _p("li.post", "linkedin", "feed 1.91:1", (1200, 627), "1.91:1", JP, 5, ("S11", "S12")),
        _p(
            "li.post.square",
            "linkedin",
            "feed 1:1",
            (1080, 1080),
            "1:1",
            JP,
            5,
            ("S11",),
            note="limit as LinkedIn feed images",
        ),
        _p(
            "li.article_cover",
            "linkedin",
            "article / newsletter cover 2:1",
            (1200, 600),
            "2:1",
            JP,
            5,
            ("S12", "S13"),
            note="the plan's 2:1; guides also use 1200x627 and 1280x720",
        ),
        _p(
            "li.company_cover",
            "linkedin",
            "company page cover",
            (1128, 191),
            "5.9:1",
            JP,
            4,
            ("S11", "S12"),
        ),
        _p(
            "li.personal_banner",
            "linkedin",
            "profile background 4:1",
            (1584, 396),
            "4:1",
            JP,
            8,
            ("S11", "S12"),
            note="the plan's 'company cover 4:1' is this size in every source",
        ),
        _p("li.profile", "linkedin", "profile", (400, 400), "1:1", JP, 8, ("S11",), **CIRCLE),
        _p(
            "yt.thumbnail",
            "youtube",
            "video thumbnail",
            (1280, 720),
            "16:9",
            JP,
            2,
            ("S14",),
            min_size=(640, 360),
            note="the duration badge covers the bottom-right corner",
        ),
        _p(
            "yt.banner",
            "youtube",
            "channel art",
            (2560, 1440),
            "16:9",
            JP,
            6,
            ("S15", "S16"),
            min_size=(2048, 1152),
            safe_box=(1546, 423),
        ),
        _p(
            "yt.community.square",
            "youtube",
            "community post 1:1",
            (1080, 1080),
            "1:1",
            JP,
            None,
            (),
            note="not in the reference: the plan's ratio at feed size; no documented limit",
        ),
        _p(
            "yt.community.landscape",
            "youtube",
            "community post 16:9",
            (1280, 720),
            "16:9",
            JP,
            None,
            (),
            note="not in the reference: the plan's ratio; no documented limit",
        ),
        _p(
            "yt.profile", "youtube", "channel icon", (800, 800), "1:1", JP, None, ("S16",), **CIRCLE
        ),
        _p(
            "pin.standard",
            "pinterest",
            "standard pin 2:3",
            (1000, 1500),
            "2:3",
            JP,
            20,
            ("S17", "S18"),
            min_size=(600, 900),
        ),
        _p("pin.square", "pinterest", "square pin", (1000, 1000), "1:1", JP, 20, ("S17",)),
        _p(
            "pin.idea",
            "pinterest",
            "story / idea pin 9:16",
            (1080, 1920),
            "9:16",
            JP,
            20,
            ("S18",),
            safe=STORY,
            note="safe zone undocumented: story margins, as S18 advises",
        ),
        _p("pin.profile", "pinterest", "profile", (400, 400), "1:1", JP, 10, ("S18",), **CIRCLE),
        _p(
            "tt.video_cover",
            "tiktok",
            "feed 9:16 (video cover)",
            (1080, 1920),
            "9:16",
            ("jpeg",),
            20,
            ("S19", "S20"),
            min_size=(540, 960),
            safe=SafeZone(top=150, bottom=484, left=60, right=170),
        ),
        _p(
            "tt.photo",
            "tiktok",
            "photo mode 9:16",
            (1080, 1920),
            "9:16",
            JPW,
            20,
            ("S20", "S21"),
            min_size=(720, 1280),
            safe=SafeZone(top=150, bottom=300, right=150),
        ),
        _p(
            "tt.profile",
            "tiktok",
            "profile",
            (720, 720),
            "1:1",
            JP,
            None,
            ("S21",),
            min_size=(200, 200),
            **CIRCLE,
        ),
    ]
}

PLATFORMS: tuple[Platform, ...] = (
    "instagram",
    "facebook",
    "x",
    "linkedin",
    "youtube",
    "pinterest",
    "tiktok",
)


class UnknownPresetError(ValueError):
    """A selector that is neither a preset id, a platform name nor `all`."""

    def __init__(self, unknown: list[str]) -> None:
        super().__init__(
            f"unknown platform or format: {', '.join(unknown)} "
            f"(valid: all, {', '.join(PLATFORMS)}, {', '.join(PRESETS)})"
        )
        self.unknown = unknown


def resolve(selectors: list[str]) -> list[PlatformPreset]:
    """The presets that ids, platform names and `all` select, in catalog order, once each."""
    unknown = [s for s in selectors if s != "all" and s not in PLATFORMS and s not in PRESETS]
    if unknown:
        raise UnknownPresetError(unknown)
    chosen = {
        p.id
        for s in selectors
        for p in PRESETS.values()
        if s == "all" or s == p.platform or s == p.id
    }
    return [p for p in PRESETS.values() if p.id in chosen]
