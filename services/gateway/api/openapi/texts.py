"""What the document says of request fields beyond their models: text holds no control
characters (`contracts.strictness`), and a form field is left out rather than sent null."""

from typing import Any

from contracts.strictness import TEXT_PATTERN

Schema = dict[str, Any]
NESTED = ("anyOf", "oneOf", "allOf")
SAYS_WHAT_IT_IS = ("format", "pattern", "enum", "const", "contentMediaType")


def no_control_characters(schema: Schema) -> None:
    """Give every free text of `schema` (and what it nests) the text pattern."""
    if schema.get("type") == "string" and not any(key in schema for key in SAYS_WHAT_IT_IS):
        schema["pattern"] = TEXT_PATTERN
    for nested in schema.get("properties", {}).values():
        no_control_characters(nested)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            no_control_characters(schema[key])
    for key in NESTED:
        for option in schema.get(key, []):
            no_control_characters(option)


def form_fields_not_null(form: Schema) -> None:
    """A multipart form's optional fields as their type alone: a form leaves a field out, it
    cannot send null."""
    for name, field in form.get("properties", {}).items():
        options = [o for o in field.get("anyOf", []) if o.get("type") != "null"]
        if len(options) == 1 and len(field["anyOf"]) == 2:
            rest = {k: v for k, v in field.items() if k != "anyOf"}
            form["properties"][name] = {**options[0], **rest}
