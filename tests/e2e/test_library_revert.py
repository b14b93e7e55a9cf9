"""Reverting to an earlier version: a new version at the head of the chain with the old bytes,
history only ever growing, an Idempotency-Key honoured, and what is refused."""

import hashlib
from typing import Any

import httpx
import pytest

from tests.support.client import download, run_job
from tests.support.edit_jobs import edit, png, subject_on_plain, upload


async def sha256_of(api: httpx.AsyncClient, asset_id: str) -> str:
    content = await api.get(f"/v1/assets/{asset_id}/content", params={"preview": "true"})
    return hashlib.sha256(await download(content.headers["location"])).hexdigest()


async def versions(api: httpx.AsyncClient, asset_id: str) -> list[dict[str, Any]]:
    answer = await api.get(f"/v1/assets/{asset_id}/versions")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def lineage(chain: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    return [(v["id"], v["parent_id"], v["sha256"]) for v in chain]


@pytest.fixture
async def chain(api: httpx.AsyncClient) -> tuple[str, str]:
    """An upload and one local edit of it: (original, edited)."""
    original = await upload(api, png(subject_on_plain((96, 72))))
    job = await run_job(api, edit("edit.remove_background", original, quality="draft"))
    (edited,) = job["asset_ids"]
    return original, edited


async def test_a_revert_adds_a_version_with_the_old_bytes(
    api: httpx.AsyncClient, chain: tuple[str, str]
) -> None:
    original, edited = chain
    before = await versions(api, edited)
    headers = {"Idempotency-Key": "revert-to-original"}
    answer = await api.post(
        f"/v1/assets/{edited}/revert", json={"version_id": original}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["id"] not in (original, edited)
    assert (made["parent_id"], made["root_id"]) == (edited, original)
    assert (made["kind"], made["reused_from"]) == ("revert", original)
    assert made["sha256"] == before[0]["sha256"]
    assert await sha256_of(api, made["id"]) == await sha256_of(api, original)

    after = await versions(api, edited)
    assert lineage(after[: len(before)]) == lineage(before), (
        "the earlier versions stay as they were"
    )
    assert [v["id"] for v in after[len(before) :]] == [made["id"]]

    again = await api.post(
        f"/v1/assets/{edited}/revert", json={"version_id": original}, headers=headers
    )
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == made["id"]
    assert len(await versions(api, edited)) == len(after), "a repeat adds nothing"


async def test_the_next_revert_follows_the_new_head(
    api: httpx.AsyncClient, chain: tuple[str, str]
) -> None:
    original, edited = chain
    head = (await versions(api, original))[-1]["id"]
    answer = await api.post(f"/v1/assets/{original}/revert", json={"version_id": edited})
    assert answer.status_code == 201, answer.text
    assert answer.json()["parent_id"] == head
    assert answer.json()["sha256"] == (await api.get(f"/v1/assets/{edited}")).json()["sha256"]


async def test_a_version_of_another_chain_is_refused(api: httpx.AsyncClient) -> None:
    edited = await upload(api, png(subject_on_plain((64, 48))))
    stranger = await upload(api, png(subject_on_plain((64, 48))))
    count = len(await versions(api, edited))
    answer = await api.post(f"/v1/assets/{edited}/revert", json={"version_id": stranger})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "version_not_in_chain"
    assert stranger in answer.json()["error"]["message"]
    malformed = await api.post(f"/v1/assets/{edited}/revert", json={"version_id": "v1"})
    assert malformed.status_code == 422
    missing = await api.post(
        "/v1/assets/ast_00000000000000000000000000/revert", json={"version_id": stranger}
    )
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert len(await versions(api, edited)) == count


async def test_a_trashed_asset_is_restored_before_reverting(api: httpx.AsyncClient) -> None:
    original = await upload(api, png(subject_on_plain((64, 48))))
    first = await api.post(f"/v1/assets/{original}/revert", json={"version_id": original})
    assert first.status_code == 201, first.text
    head = first.json()["id"]
    assert (await api.delete(f"/v1/assets/{head}")).status_code == 200
    trashed = await api.post(f"/v1/assets/{head}/revert", json={"version_id": original})
    assert trashed.status_code == 409
    assert trashed.json()["error"]["code"] == "asset_trashed"
    assert "restore" in trashed.json()["error"]["message"]
    to_trashed = await api.post(f"/v1/assets/{original}/revert", json={"version_id": head})
    assert to_trashed.status_code == 409
    assert to_trashed.json()["error"]["code"] == "asset_trashed"
