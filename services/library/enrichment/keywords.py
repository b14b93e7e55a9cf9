"""A prompt's keywords: the words that name what is in the picture (nouns, mostly), found
without a language model by leaving out function words, prompt boilerplate and adverbs."""

from services.library.catalog.text import words

MAX_KEYWORDS = 8
MIN_LETTERS = 3
FUNCTION_WORDS = frozenset(
    {
        *("about", "above", "across", "after", "against", "along", "among", "around", "all"),
        *("any", "before", "behind", "below", "beneath", "beside", "between", "beyond", "both"),
        *("but", "can", "could", "did", "does", "down", "during", "each", "either", "every"),
        *("few", "has", "have", "her", "here", "his", "how", "its", "just", "like", "many"),
        *("more", "most", "much", "near", "neither", "nor", "not", "off", "one", "only", "onto"),
        *("other", "our", "out", "over", "own", "same", "she", "should", "some", "such", "than"),
        *("their", "them", "then", "there", "these", "they", "those", "through", "too", "two"),
        *("under", "until", "upon", "very", "was", "were", "what", "when", "where", "which"),
        *("while", "who", "whose", "why", "will", "within", "without", "would", "you", "your"),
        *("and", "are", "for", "from", "into", "the", "this", "that", "with", "being", "been"),
    }
)
PROMPT_BOILERPLATE = frozenset(
    {
        *("image", "picture", "photo", "photograph", "render", "rendering", "style", "shot"),
        *("quality", "high", "highly", "detailed", "detail", "ultra", "hyper", "realistic"),
        *("resolution", "sharp", "focus", "masterpiece", "best", "beautiful", "stunning"),
        *("trending", "artstation", "award", "winning", "professional", "showing", "featuring"),
        *("depicting", "view", "scene", "background", "foreground", "made", "using", "looking"),
    }
)
_LEFT_OUT = FUNCTION_WORDS | PROMPT_BOILERPLATE


def keywords(prompt: str | None) -> list[str]:
    """Up to `MAX_KEYWORDS` distinct keywords of the prompt, in its order (as full-text search
    folds words: lower case, accents folded, a plural `s` dropped)."""
    found: dict[str, None] = {}
    for word in words(prompt or ""):
        if _kept(word):
            found[word] = None
        if len(found) == MAX_KEYWORDS:
            break
    return list(found)


def _kept(word: str) -> bool:
    return (
        len(word) >= MIN_LETTERS
        and word.isalpha()
        and word not in _LEFT_OUT
        and not (word.endswith("ly") and len(word) > 4)
    )
