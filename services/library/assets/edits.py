"""A JSON Merge Patch (RFC 7396) of an asset's own fields, as one MongoDB update."""

from typing import Any

from contracts.http.assets import AssetEdit, UserFields

DEFAULTS = UserFields().model_dump()


def merge_update(edit: AssetEdit) -> dict[str, Any]:
    """`$set` for the members given, the default for those set to null; `custom` key by key."""
    given = edit.model_dump(exclude_unset=True)
    custom = given.pop("custom", None)
    changes = {name: DEFAULTS[name] if value is None else value for name, value in given.items()}
    removed: dict[str, str] = {}
    if "custom" in edit.model_fields_set and custom is None:
        changes["custom"] = {}
    for key, value in (custom or {}).items():
        if value is None:
            removed[f"custom.{key}"] = ""
        else:
            changes[f"custom.{key}"] = value
    if "tags" in changes:
        changes["tags"] = sorted(set(changes["tags"]))
    update: dict[str, Any] = {"$set": changes}
    if removed:
        update["$unset"] = removed
    return update
