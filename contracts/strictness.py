"""How the public API reads JSON: strictly (no `"3"` for an integer, no `1` for a string), with
one allowance JSON Schema makes too (an integral number such as `3.0` is an integer), and no
control characters in text but tab, line feed and carriage return."""

import json
import re
from typing import Any

from pydantic import Field

TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$"
"""What every text field of a request body matches (the document says so on each)."""
_ALLOWED = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]"
_WHITESPACE = (
    "\\t\\n\\u000B\\u000C\\r\\u001C-\\u0020\\u0085\\u00A0\\u1680"
    "\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000"
)
VISIBLE_TEXT_PATTERN = f"^{_ALLOWED}*[^{_WHITESPACE}\\u0000-\\u001F\\u007F]{_ALLOWED}*$"
"""Text with at least one character that is not whitespace (as Python's `str.strip` reads
whitespace), for fields that are stripped and then must not be empty."""
VISIBLE_TEXT = Field(json_schema_extra={"pattern": VISIBLE_TEXT_PATTERN})
"""Says `VISIBLE_TEXT_PATTERN` in a stripped, non-empty text's schema (its validation is the
strip and the minimum length)."""
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strict_json(value: Any) -> str:
    """`value` (parsed JSON) as JSON again, integral floats written as integers, for
    validating with pydantic's strict JSON mode."""
    return json.dumps(_integral(value))


def _integral(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value
