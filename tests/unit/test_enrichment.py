"""Ingest enrichment: image facts measured on real images, prompt keywords, automatic tags,
reading a vision provider's answers, and the embedding an edit makes again."""

import io
from typing import Any, cast

import numpy as np
import pytest
from PIL import Image, ImageDraw

from contracts.http.assets import ImageFacts
from services.library.assets.records import AssetRecord
from services.library.embeddings import Embedder
from services.library.enrichment.analysis import analyse
from services.library.enrichment.auto_tags import auto_tags
from services.library.enrichment.colors import color_names
from services.library.enrichment.enricher import embedding_text, refresh_embedding
from services.library.enrichment.keywords import MAX_KEYWORDS, keywords
from services.library.enrichment.vision.base import Vision
from services.library.enrichment.vision.huggingface import caption_of, labels_of
from shared.images import ImageLimits, ImageRejectedError
from shared.providers.base import ProviderError
from tests.support.photos import astronaut, photo

LIMITS = ImageLimits(max_bytes=64 * 2**20, max_pixels=50_000_000)


def encoded(image: Image.Image, fmt: str = "PNG", **options: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def split(
    size: tuple[int, int] = (300, 200), left: str = "red", right: str = "blue"
) -> Image.Image:
    """Two colours side by side: `left` covers 60%."""
    image = Image.new("RGB", size, left)
    image.paste(Image.new("RGB", size, right), (size[0] * 3 // 5, 0))
    return image


def bits_apart(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def test_a_two_colour_image_is_those_two_colours_most_covering_first() -> None:
    facts = analyse(encoded(split()), LIMITS).facts
    assert facts.dominant_colors == ["#ff0000", "#0000ff"]
    assert facts.color_names == ["red", "blue"]
    assert facts.color_space == "RGB"
    assert facts.orientation == "landscape"
    assert (facts.has_faces, facts.has_text) == (False, False)


def test_orientation_follows_the_shape() -> None:
    assert analyse(encoded(split((200, 300))), LIMITS).facts.orientation == "portrait"
    assert analyse(encoded(split((256, 256))), LIMITS).facts.orientation == "square"


def test_a_re_encoded_copy_at_another_size_has_nearly_the_same_phash() -> None:
    shot = photo((1600, 1000))
    original = analyse(encoded(shot), LIMITS).facts.phash
    small = shot.resize((700, 437), Image.Resampling.BILINEAR)
    copy = analyse(encoded(small, "JPEG", quality=55), LIMITS).facts.phash
    mirrored = shot.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    other = analyse(encoded(mirrored), LIMITS).facts.phash
    assert original is not None
    assert copy is not None
    assert other is not None
    assert len(original) == 16
    assert bits_apart(original, copy) <= 6
    assert bits_apart(original, other) > 16, "another picture is far"


def test_a_portrait_photo_has_a_face_and_a_plain_image_none() -> None:
    assert analyse(encoded(astronaut(), "JPEG"), LIMITS).facts.has_faces is True
    assert analyse(encoded(split()), LIMITS).facts.has_faces is False


def test_lettering_is_text() -> None:
    canvas = Image.new("RGB", (1080, 720), (40, 60, 90))
    ImageDraw.Draw(canvas).text((80, 300), "SUMMER SALE 50% OFF", fill="white", font_size=80)
    assert analyse(encoded(canvas), LIMITS).facts.has_text is True


def test_transparency_counts_as_white_and_the_mode_is_kept() -> None:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    image.paste((0, 160, 0, 255), (0, 0, 200, 120))
    facts = analyse(encoded(image), LIMITS).facts
    assert facts.color_space == "RGBA"
    assert facts.color_names == ["green", "white"]
    assert analyse(encoded(image.convert("L")), LIMITS).facts.color_space == "L"


def test_the_colour_vector_is_a_unit_histogram_of_64_bins() -> None:
    vector = np.frombuffer(analyse(encoded(split()), LIMITS).color_vector, np.float16)
    assert vector.shape == (64,)
    assert float(np.linalg.norm(vector.astype(np.float32))) == pytest.approx(1, abs=1e-3)
    red_bin, blue_bin = 3 * 16, 3
    assert set(np.flatnonzero(vector > 0.1)) == {red_bin, blue_bin}
    assert vector[red_bin] > vector[blue_bin]


def test_a_preview_is_made_only_when_asked() -> None:
    assert analyse(encoded(split()), LIMITS).preview is None
    preview = analyse(encoded(astronaut()), LIMITS, preview=True).preview
    assert preview is not None
    assert Image.open(io.BytesIO(preview)).format == "JPEG"


def test_what_does_not_decode_is_refused() -> None:
    truncated = encoded(astronaut(), "JPEG")[:2000]
    with pytest.raises(ImageRejectedError):
        analyse(truncated, LIMITS)
    with pytest.raises(ImageRejectedError):
        analyse(b"not an image at all", LIMITS)


def test_colour_names_are_the_nearest_named_colour() -> None:
    assert color_names(["#fe0a0a", "#0a0afe", "#f0f0f0", "#101010", "#ffa500"]) == [
        "red",
        "blue",
        "white",
        "black",
        "orange",
    ]
    assert color_names(["#ff0000", "#f01010"]) == ["red"]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("a lighthouse on a cliff at dusk", ["lighthouse", "cliff", "dusk"]),
        (
            "A highly detailed photo of golden retrievers running on beaches, 8k, trending",
            ["golden", "retriever", "running", "beach"],
        ),
        ("Café at night, slowly raining", ["cafe", "night", "raining"]),
        (None, []),
    ],
)
def test_prompt_keywords(prompt: str | None, expected: list[str]) -> None:
    assert keywords(prompt) == expected


def test_keywords_are_few_and_distinct() -> None:
    nouns = "castle river forest dragon knight village bridge tower mountain lake"
    found = keywords(f"the castle and the castle, {nouns}")
    assert found == nouns.split()[:MAX_KEYWORDS]


def record(**fields: Any) -> AssetRecord:
    base: dict[str, Any] = {
        "_id": "ast_1",
        "tenant_id": "ten_1",
        "object_key": "k",
        "created_at_ms": 1,
        "job_id": "job_1",
        "kind": "generate",
        "source": "generated",
        "content_type": "image/png",
        "format": "png",
        "bytes": 10,
        "sha256": "0" * 64,
    }
    return AssetRecord.model_validate(base | fields)


def test_auto_tags_name_their_source() -> None:
    asset = record(
        prompt="Two Lighthouses on a cliff",
        provider="local-draft",
        quality="draft",
        params={"style": "cinematic", "template": "social.instagram.post", "seed": 4},
        platform="instagram",
        preset="ig.feed.square",
    )
    facts = ImageFacts(color_names=["red", "blue"], orientation="square", has_faces=True)
    vision = Vision(caption="a thing", labels=["Seashore"])
    tags = {(tag.tag, tag.source) for tag in auto_tags(asset, facts, vision)}
    assert tags == {
        ("lighthouse", "prompt"),
        ("cliff", "prompt"),
        ("local-draft", "generation"),
        ("cinematic", "generation"),
        ("social.instagram.post", "generation"),
        ("instagram", "generation"),
        ("ig.feed.square", "generation"),
        ("draft", "generation"),
        ("red", "image"),
        ("blue", "image"),
        ("square", "image"),
        ("faces", "image"),
        ("seashore", "vision"),
    }


def test_an_upload_without_analysis_has_no_automatic_tags() -> None:
    upload = record(job_id=None, kind="upload", source="upload")
    assert auto_tags(upload, None, None) == []


def test_a_caption_and_labels_are_read_from_the_inference_answers() -> None:
    assert caption_of([{"generated_text": "  a dog on a beach "}]) == "a dog on a beach"
    assert caption_of([{"generated_text": " "}]) is None
    answer = [
        {"label": "jigsaw puzzle", "score": 0.05},
        {"label": "seashore, coast, seacoast", "score": 0.8},
        {"label": "sandbar, sand bar", "score": 0.3},
        {"label": "seashore", "score": 0.25},
    ]
    assert labels_of(answer, 0.2, 5) == ["seashore", "sandbar"]
    assert labels_of(answer, 0.2, 1) == ["seashore"]


@pytest.mark.parametrize("body", [{"generated_text": "x"}, [{"generated_text": 3}], "text"])
def test_a_caption_answer_of_another_shape_is_a_provider_error(body: Any) -> None:
    with pytest.raises(ProviderError, match=r"image-to-text|not text"):
        caption_of(body)


@pytest.mark.parametrize("body", [{"label": "x", "score": 1}, [{"label": "x"}], [["x", 0.5]]])
def test_a_labels_answer_of_another_shape_is_a_provider_error(body: Any) -> None:
    with pytest.raises(ProviderError, match="image-classification"):
        labels_of(body, 0.1, 5)


class Embeddings:
    """Stands in for the model: a text's embedding is the text."""

    async def stored(self, text: str) -> bytes:
        return text.encode()


async def test_an_edit_of_the_title_makes_the_embedding_again() -> None:
    embedder = cast(Embedder, Embeddings())
    asset = record(prompt="a beach", title="Old", caption="sand and sea")
    edit = {"$set": {"title": "New title", "rating": 4}}
    assert await refresh_embedding(embedder, asset, edit) == {
        "$set": {"title": "New title", "rating": 4, "embedding": b"a beach New title sand and sea"}
    }
    cleared = await refresh_embedding(embedder, record(title="Old"), {"$set": {"title": None}})
    assert cleared["$set"]["embedding"] is None, "nothing left to embed"
    untouched = {"$set": {"rating": 2}, "$unset": {"custom.a": ""}}
    assert await refresh_embedding(embedder, asset, untouched) == untouched


def test_the_embedded_text_is_prompt_title_description_and_caption() -> None:
    asset = record(prompt="a beach ", title="Title", description=" ")
    assert embedding_text(asset, "a caption") == "a beach Title a caption"
