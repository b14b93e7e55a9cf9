"""Schemathesis' checks of this API's contract, loaded by the contract test
(`SCHEMATHESIS_HOOKS=tests.contract.hooks`).

`refused_only_by_a_rule` takes the place of schemathesis' `positive_data_acceptance`: a request
the document allows may still be refused, but only by a rule no schema can state (an asset that
does not exist, a cursor this API never issued, an image that is no image, a host that does not
resolve, a job parameter's cross-field rule: `value_error`) and never as malformed or mistyped,
which would mean the document and the code disagree."""

from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

SCHEMA_TYPES = frozenset(
    {
        "missing",
        "extra",
        "extra_forbidden",
        "literal_error",
        "enum",
        "string_pattern_mismatch",
        "string_too_short",
        "string_too_long",
        "too_short",
        "too_long",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
        "control_character",
        "json_invalid",
        "union_tag_invalid",
    }
)
"""Pydantic error types a schema states (with the `*_type` and `*_parsing` ones)."""


def _schema_says(error_type: str) -> bool:
    return error_type in SCHEMA_TYPES or error_type.endswith(("_type", "_parsing"))


@schemathesis.check
def refused_only_by_a_rule(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code < 400:
        return None
    if response.status_code == 400:
        raise AssertionError("a request the document allows was refused as malformed (400)")
    if response.status_code != 422:
        return None
    error: dict[str, Any] = response.json()["error"]
    mistyped = [d for d in error.get("details", []) if _schema_says(str(d.get("type", "")))]
    if mistyped:
        raise AssertionError(f"a request the document allows was refused: {mistyped}")
    return None
