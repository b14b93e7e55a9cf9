"""How the public API reads JSON: strictly (no `"3"` for an integer, no `1` for a string), with
one allowance JSON Schema makes too (an integral number such as `3.0` is an integer), and no
control characters in text but tab, line feed and carriage return."""

import json
import re
from typing import Any

TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$"
"""What every text field of a request body matches (the document says so on each)."""
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
