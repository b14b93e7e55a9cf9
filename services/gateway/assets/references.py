"""The reference library: saving an asset as a sketch, structure or style reference (its tags,
edited in the library with `If-Match` so a concurrent edit is never lost), listing them, and
checking the `reference_id` of a control job names a reference of that control's type."""

from collections.abc import Callable
from urllib.parse import quote

from pydantic import BaseModel

from contracts.http.assets import AssetPublic
from contracts.http.errors import FieldError
from contracts.http.references import (
    ReferenceCreate,
    ReferencePublic,
    ReferencesPublic,
    as_reference,
    reference_type,
    type_tag,
    without_reference,
)
from contracts.http.search import AssetSearchPage
from contracts.params.multi_control import ControlMultiParams, ControlType
from services.gateway.clients.library import LibraryClient
from shared.errors import PermanentError, RetryableError

TagsOf = Callable[[list[str]], list[str]]
EDIT_TRIES = 3
"""Reads and edits again when another edit lands in between (412)."""


class References:
    def __init__(self, library: LibraryClient) -> None:
        self._library = library

    async def save(self, tenant_id: str, create: ReferenceCreate) -> ReferencePublic:
        """Make the asset a reference of `create.type` (of that type only)."""
        asset = await self._asset(tenant_id, create.asset_id)
        if not asset.content_type.startswith("image/"):
            raise PermanentError(
                "unsupported_media_type", f"a reference is an image; {asset.id} is not"
            )
        edit = {} if create.title is None else {"title": create.title}
        saved = await self._retag(
            tenant_id, asset.id, lambda tags: as_reference(tags, create.type), edit
        )
        return ReferencePublic(id=saved.id, type=create.type, asset=saved)

    async def remove(self, tenant_id: str, asset_id: str) -> None:
        """Unmark the reference (the asset stays in the library)."""
        asset = await self._asset(tenant_id, asset_id)
        if reference_type(asset.tags) is None:
            raise PermanentError("not_found", f"{asset_id} is not a reference")
        await self._retag(tenant_id, asset_id, without_reference, {})

    async def page(
        self, tenant_id: str, kind: ControlType | None, limit: int, cursor: str | None
    ) -> ReferencesPublic:
        """The references (of one type), newest first."""
        query = [("tags", type_tag(kind) if kind else "reference"), ("sort", "newest")]
        query += [("limit", str(limit))] + ([("cursor", cursor)] if cursor else [])
        found = await self._library.call(
            "GET", "/v1/assets/search", AssetSearchPage, tenant_id=tenant_id, params=tuple(query)
        )
        return ReferencesPublic(items=[_public(hit) for hit in found.items], next=found.next)

    async def check(self, tenant_id: str, params: BaseModel) -> None:
        """422 `not_a_reference` when a control's `reference_id` is not a reference of its
        type (`invalid_params` when the tenant has no such asset)."""
        if not isinstance(params, ControlMultiParams):
            return
        for index, control in enumerate(params.controls):
            if control.reference_id is None:
                continue
            loc = f"params.controls.{index}.reference_id"
            asset = await self._named(tenant_id, control.reference_id, loc)
            found = reference_type(asset.tags)
            if found != control.type:
                what = f"a {found} reference" if found else "not a reference"
                raise PermanentError(
                    "not_a_reference",
                    f"{asset.id} is {what}, not a {control.type} reference "
                    "(save it with POST /v1/references, or give it as asset_id)",
                    [
                        FieldError(
                            loc=loc, message=f"not a {control.type} reference", type="reference"
                        )
                    ],
                )

    async def _named(self, tenant_id: str, asset_id: str, loc: str) -> AssetPublic:
        """The asset a job's params name: one the tenant lacks is a 422, as for a job's inputs."""
        try:
            return await self._asset(tenant_id, asset_id, loc)
        except PermanentError as error:
            if error.code != "not_found":
                raise
            raise PermanentError("invalid_params", error.message, error.details) from error

    async def _asset(self, tenant_id: str, asset_id: str, loc: str = "asset_id") -> AssetPublic:
        asset, _ = await self._versioned(tenant_id, asset_id, loc)
        return asset

    async def _versioned(
        self, tenant_id: str, asset_id: str, loc: str = "asset_id"
    ) -> tuple[AssetPublic, str]:
        """The asset and its ETag (404 naming `loc` when the tenant has none)."""
        answer = await self._library.request("GET", _path(asset_id), tenant_id=tenant_id)
        if answer.status_code == 404:
            detail = FieldError(loc=loc, message="no such asset", type="not_found")
            raise PermanentError("not_found", f"no asset {asset_id}", [detail])
        if answer.status_code >= 400:
            raise RetryableError("library_unavailable", f"library answered {answer.status_code}")
        return AssetPublic.model_validate_json(answer.content), answer.headers.get("etag", "")

    async def _retag(
        self, tenant_id: str, asset_id: str, tags_of: TagsOf, edit: dict[str, str]
    ) -> AssetPublic:
        """The asset with `tags_of` its tags, read and edited again if it changed between."""
        for attempt in range(1, EDIT_TRIES + 1):
            asset, etag = await self._versioned(tenant_id, asset_id)
            body = {**edit, "tags": tags_of(asset.tags)}
            headers = {"If-Match": etag}
            try:
                return await self._library.call(
                    "PATCH", _path(asset_id), AssetPublic, tenant_id=tenant_id, json=body,
                    headers=headers,
                )  # fmt: skip
            except PermanentError as exc:
                if exc.code != "precondition_failed" or attempt == EDIT_TRIES:
                    raise
        raise AssertionError("unreachable")


def _path(asset_id: str) -> str:
    return f"/v1/assets/{quote(asset_id, safe='')}"


def _public(asset: AssetPublic) -> ReferencePublic:
    kind = reference_type(asset.tags)
    assert kind is not None  # listed by its tags
    plain = AssetPublic.model_validate(asset.model_dump(exclude={"score"}))
    return ReferencePublic(id=asset.id, type=kind, asset=plain)
