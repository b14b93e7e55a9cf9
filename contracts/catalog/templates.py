"""Templates (`GET /v1/templates`): a size, an aspect, a default style and prompt scaffolding for
each common campaign output. Sizes follow the platforms' published recommendations
(`docs/platforms.md`)."""

from pydantic import BaseModel, ConfigDict, Field

from contracts.media import AspectRatio


class Template(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    use: str = Field(description="What the template is for.")
    width: int
    height: int
    aspect_ratio: AspectRatio = Field(description="The nearest provider aspect ratio.")
    style: str
    scaffold: str = Field(description="`{prompt}` is replaced by the job's prompt.")
    negative: str = ""


TEXT_FREE = "text, watermark, logo, busy background behind the subject"

TEMPLATES: dict[str, Template] = {
    template.id: template
    for template in [
        Template(
            id="social.instagram.post",
            name="Instagram feed post",
            use="Square feed post",
            width=1080,
            height=1080,
            aspect_ratio="1:1",
            style="lifestyle",
            scaffold="{prompt}, scroll-stopping social media image, centred subject, vivid",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.instagram.portrait",
            name="Instagram portrait post",
            use="4:5 feed post, the tallest the feed shows",
            width=1080,
            height=1350,
            aspect_ratio="4:5",
            style="lifestyle",
            scaffold="{prompt}, vertical composition, subject in the upper two thirds",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.instagram.story",
            name="Instagram story / reel cover",
            use="Full-screen vertical story",
            width=1080,
            height=1920,
            aspect_ratio="9:16",
            style="bold-graphic",
            scaffold="{prompt}, full-bleed vertical, clear space at top and bottom for overlays",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.facebook.post",
            name="Facebook feed post",
            use="Link or feed image (1.91:1)",
            width=1200,
            height=630,
            aspect_ratio="16:9",
            style="photographic",
            scaffold="{prompt}, wide composition, subject off-centre",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.x.post",
            name="X (Twitter) post",
            use="In-stream image (16:9)",
            width=1600,
            height=900,
            aspect_ratio="16:9",
            style="bold-graphic",
            scaffold="{prompt}, wide, high contrast, readable at small size",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.linkedin.post",
            name="LinkedIn feed post",
            use="Professional feed image (1.91:1)",
            width=1200,
            height=627,
            aspect_ratio="16:9",
            style="corporate",
            scaffold="{prompt}, professional business setting, clean and credible",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.pinterest.pin",
            name="Pinterest pin",
            use="Standard 2:3 pin",
            width=1000,
            height=1500,
            aspect_ratio="2:3",
            style="lifestyle",
            scaffold="{prompt}, tall aspirational image, rich detail",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.tiktok.cover",
            name="TikTok cover",
            use="Vertical video cover",
            width=1080,
            height=1920,
            aspect_ratio="9:16",
            style="playful",
            scaffold="{prompt}, energetic vertical frame, subject centred",
            negative=TEXT_FREE,
        ),
        Template(
            id="social.youtube.thumbnail",
            name="YouTube thumbnail",
            use="Video thumbnail (16:9)",
            width=1280,
            height=720,
            aspect_ratio="16:9",
            style="bold-graphic",
            scaffold="{prompt}, dramatic close-up, strong contrast, expressive",
            negative=TEXT_FREE,
        ),
        Template(
            id="blog.header",
            name="Blog header",
            use="Article hero image",
            width=1920,
            height=1080,
            aspect_ratio="16:9",
            style="minimalist",
            scaffold="{prompt}, editorial hero image, calm negative space for a headline",
            negative=TEXT_FREE,
        ),
        Template(
            id="ad.creative.square",
            name="Ad creative (square)",
            use="Display and social ad, 1:1",
            width=1200,
            height=1200,
            aspect_ratio="1:1",
            style="bold-graphic",
            scaffold="{prompt}, advertising visual, single clear focal point, premium feel",
            negative=TEXT_FREE,
        ),
        Template(
            id="ad.creative.vertical",
            name="Ad creative (vertical)",
            use="Feed ad, 4:5",
            width=1080,
            height=1350,
            aspect_ratio="4:5",
            style="bold-graphic",
            scaffold="{prompt}, advertising visual, product hero, room for a call to action",
            negative=TEXT_FREE,
        ),
        Template(
            id="product.photo",
            name="Product photography",
            use="E-commerce product shot",
            width=2048,
            height=2048,
            aspect_ratio="1:1",
            style="product-studio",
            scaffold="{prompt}, product centred on a clean background, accurate colours",
            negative="people, clutter, " + TEXT_FREE,
        ),
        Template(
            id="product.lifestyle",
            name="Product in context",
            use="Product in a real setting",
            width=1536,
            height=1024,
            aspect_ratio="3:2",
            style="lifestyle",
            scaffold="{prompt}, product in use in a real setting, natural light",
            negative=TEXT_FREE,
        ),
        Template(
            id="brand.asset",
            name="Brand asset",
            use="Icon, pattern or mascot for a brand library",
            width=1024,
            height=1024,
            aspect_ratio="1:1",
            style="flat-design",
            scaffold="{prompt}, simple brand graphic, scalable shapes, consistent palette",
            negative="photo, " + TEXT_FREE,
        ),
        Template(
            id="email.banner",
            name="Email banner",
            use="Newsletter header (3:1)",
            width=1200,
            height=400,
            aspect_ratio="21:9",
            style="minimalist",
            scaffold="{prompt}, wide banner, subject on one side, space for copy",
            negative=TEXT_FREE,
        ),
    ]
}
