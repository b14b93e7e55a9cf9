"""`JobCreate` as the document shows it: one schema per job kind, told apart by `kind`, each
naming its own params model (the same models the gateway validates params with)."""

from typing import Any

from contracts.jobs import JOB_KINDS
from services.gateway.api.openapi.components import Schemas, add_models


def job_create_union(schemas: Schemas) -> None:
    """Replace `JobCreate` with the union of its kinds, adding each kind's params models."""
    found = schemas["JobCreate"]
    refs = add_models(schemas, [spec.params for spec in JOB_KINDS.values()], "validation")
    variants = {}
    for kind, spec in JOB_KINDS.items():
        name = f"JobCreate.{kind}"
        schemas[name] = _variant(kind, refs[spec.params])
        variants[kind] = f"#/components/schemas/{name}"
    schemas["JobCreate"] = {
        "title": "JobCreate",
        "description": found.get("description", ""),
        "oneOf": [{"$ref": ref} for ref in variants.values()],
        "discriminator": {"propertyName": "kind", "mapping": variants},
        "examples": found.get("examples", []),
    }


def _variant(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": f"JobCreate.{kind}",
        "type": "object",
        "required": ["kind", "params"],
        "additionalProperties": False,
        "properties": {
            "kind": {"type": "string", "const": kind},
            "params": params,
        },
    }
