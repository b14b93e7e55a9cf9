import pytest

from shared.errors import PermanentError
from shared.pages import after_cursor, encode_cursor


def test_cursor_selects_items_older_than_the_last_one() -> None:
    query = after_cursor(encode_cursor(1700, "ast_B"))
    assert query == {
        "$or": [
            {"created_at_ms": {"$lt": 1700}},
            {"created_at_ms": 1700, "_id": {"$lt": "ast_B"}},
        ]
    }
    assert after_cursor(None) == {}


@pytest.mark.parametrize("bad", ["nonsense!", "W10", "eyJhIjoxfQ"])
def test_foreign_cursors_are_refused(bad: str) -> None:
    with pytest.raises(PermanentError) as refused:
        after_cursor(bad)
    assert refused.value.code == "invalid_cursor"
