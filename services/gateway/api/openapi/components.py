"""Adding pydantic models' schemas to the document's components."""

from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaValue, models_json_schema

Schemas = dict[str, Any]
REF = "#/components/schemas/{model}"
Mode = Literal["validation", "serialization"]


def add_models(
    schemas: Schemas, models: list[type[BaseModel]], mode: Mode
) -> dict[type[BaseModel], JsonSchemaValue]:
    """Each model's reference; the models (and those they use) are added to `schemas`, where
    FastAPI's rendering of a model it already added is kept (contracts' model names are
    unique)."""
    refs, defs = models_json_schema([(m, mode) for m in models], ref_template=REF)
    for name, schema in defs.get("$defs", {}).items():
        schemas.setdefault(name, schema)
    return {model: refs[(model, mode)] for model in models}
