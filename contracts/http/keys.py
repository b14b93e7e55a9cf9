"""API key bodies: a tenant's own keys (`/v1/keys`) and an operator's view of them
(`/v1/admin/tenants/{id}/keys`). A key itself is shown once, in the answer that made it."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.strictness import VISIBLE_TEXT

KeyName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), VISIBLE_TEXT
]


class ApiKeyCreate(BaseModel):
    """`POST /v1/keys`: a new key of the calling tenant."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "CI pipeline"}]}
    )

    name: KeyName = Field(description="What the key is for, to recognise it in the list.")


class ApiKeyPublic(BaseModel):
    prefix: str = Field(description="The key's first characters (`isk_…`); names it in paths.")
    name: str | None = Field(description="The tenant's name for it; null if an operator made it.")
    created_at: datetime
    revoked: bool = Field(description="A revoked key is refused; it stays listed.")


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The key itself (`Authorization: Bearer …`): shown this once.")


class ApiKeysPublic(BaseModel):
    """Every key of the tenant, revoked ones too, oldest first."""

    items: list[ApiKeyPublic]
