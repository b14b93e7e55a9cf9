"""The SDK's library operations against the running stack: edit with If-Match, search, tags,
collections, shares, trash and stats, each answered as its generated model."""

import pytest

from studio import FINAL_TYPES, Studio, StudioError
from studio.library_operations import etag
from tests.support.client import draft_job
from tests.support.stack import RunningStack


def wait_for(studio: Studio, job_id: str) -> None:
    for event in studio.events(job_ids=[job_id]):
        if event.type in FINAL_TYPES:
            return


async def test_the_library_through_the_sdk(stack: RunningStack, tenant_key: str) -> None:
    with Studio(stack.url, tenant_key) as studio:
        job = studio.jobs.create(draft_job(prompt="a kite over dunes", enhance_prompt=False))
        wait_for(studio, job.id)
        (asset,) = studio.assets.list(job_id=job.id).items
        edited = studio.assets.update(asset.id, {"tags": ["kites"]}, if_match=etag(asset))
        assert edited.tags == ["kites"]
        with pytest.raises(StudioError) as stale:
            studio.assets.update(asset.id, {"title": "late"}, if_match=etag(asset))
        assert stale.value.code == "precondition_failed"
        found = studio.assets.search(q="kite", tags=["kites"])
        assert (found.total, found.items[0].id) == (1, asset.id)
        kites = {t.tag: t for t in studio.tags(prefix="kit").items}["kites"]
        assert (kites.count, kites.sources) == (1, ["manual"])
        collection = studio.collections.create({"name": "Dunes"})
        assert studio.collections.add(collection.id, [asset.id]).asset_count == 1
        assert [a.id for a in studio.collections.assets(collection.id).items] == [asset.id]
        share = studio.shares.create({"asset_id": asset.id})
        assert studio.shares.get(share.id).id == share.id
        assert studio.assets.delete(asset.id).trashed_at is not None
        assert studio.library.trash().total == 1
        assert studio.assets.restore(asset.id).trashed_at is None
        assert studio.library.stats().totals.assets == 1
