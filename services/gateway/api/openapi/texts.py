"""What the document says of request fields beyond their models: text holds no control
characters (`contracts.strictness`), and a form field is left out rather than sent null."""

from typing import Any

from contracts.strictness import TEXT_PATTERN

Schema = dict[str, Any]
NESTED = ("anyOf", "oneOf", "allOf")
SAYS_WHAT_IT_IS = ("format", "pattern", "enum", "const", "contentMediaType")


def request_schemas(document: Schema) -> list[Schema]:
    """The components a request body names, directly or through others (what answers hold
    alone, such as an error echoing a caller's text, is left as it is)."""
    schemas: dict[str, Schema] = document["components"]["schemas"]
    found: dict[str, Schema] = {}
    bodies = [
        operation.get("requestBody", {})
        for item in document["paths"].values()
        for operation in item.values()
    ]
    pending = [ref for body in bodies for ref in _refs(body)]
    while pending:
        name = pending.pop().rsplit("/", 1)[-1]
        if name not in found:
            found[name] = schemas[name]
            pending.extend(_refs(schemas[name]))
    return list(found.values())


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


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
