"""Prompt composition: templates, styles, brand kits and quality cues; banned words out."""

from contracts.brand import BrandKit
from contracts.catalog.models import Quality
from contracts.catalog.styles import STYLES
from contracts.params.generate import GenerateParams
from services.generation.prompting import PromptComposer, colour_name, without_words

KIT = BrandKit(
    id="bk_1",
    name="Acme",
    colors=["#000080", "#FFD700"],
    preferred_style="luxury",
    avoid_words=["cheap", "discount"],
    keywords=["timeless"],
)


async def test_local_enhancement_follows_template_style_brand_and_tier() -> None:
    params = GenerateParams(
        prompt="a cheap watch on marble", template="product.photo", quality=Quality.PREMIUM
    )
    made = await PromptComposer().compose(params, KIT)
    assert made.enhanced_by == "local"
    assert made.style == "luxury"  # the kit's, as the job names none
    assert made.prompt.startswith("a watch on marble, product centred on a clean background")
    assert STYLES["luxury"].prompt in made.prompt
    assert "colour palette of navy, gold" in made.prompt
    assert "timeless" in made.prompt
    assert "masterpiece" in made.prompt
    assert "cheap" not in made.prompt
    assert made.negative_prompt is not None
    assert {"cheap", "discount", "people"} <= set(made.negative_prompt.split(", "))


async def test_enhancement_is_deterministic_and_can_be_turned_off() -> None:
    params = GenerateParams(prompt="a red fox", style="watercolor")
    composer = PromptComposer()
    assert await composer.compose(params, None) == await composer.compose(params, None)
    plain = await composer.compose(params.model_copy(update={"enhance_prompt": False}), KIT)
    assert (plain.prompt, plain.enhanced_by, plain.style) == ("a red fox", None, "watercolor")
    assert plain.negative_prompt == "cheap, discount"


async def test_a_failing_llm_falls_back_to_local() -> None:
    class Down:
        async def complete_text(self, model: str, instruction: str) -> str:
            from shared.errors import RetryableError

            raise RetryableError("timeout", "no answer")

    made = await PromptComposer(llm=Down(), llm_model="gemini-2.5-flash").compose(
        GenerateParams(prompt="a red fox"), None
    )
    assert made.enhanced_by == "local"


def test_words_and_colours() -> None:
    assert without_words("Cheap, cheerful and cheap-looking", ["cheap"]) == "cheerful and -looking"
    assert colour_name("#000080") == "navy"
    assert colour_name("#fe0000") == "red"
