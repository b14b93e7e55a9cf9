"""The SDK against the running stack: jobs made, read and listed page by page, refusals as
`StudioError`, an idempotent replay, a job's events as typed models, and the async client."""

from contextlib import aclosing

import pytest

from studio import FINAL_TYPES, AsyncStudio, JobEvent, Studio, StudioError
from studio.models import JobAcceptedEvent, JobCompletedEvent
from tests.support.client import draft_job
from tests.support.stack import RunningStack


def events_of(studio: Studio, job_id: str) -> list[JobEvent]:
    seen: list[JobEvent] = []
    for event in studio.events(job_ids=[job_id]):
        seen.append(event)
        if event.type in FINAL_TYPES:
            return seen
    raise AssertionError("the stream ended")


async def test_jobs_are_made_read_and_listed_across_pages(
    stack: RunningStack, tenant_key: str
) -> None:
    with Studio(stack.url, tenant_key) as studio:
        made = [studio.jobs.create(draft_job()) for _ in range(3)]
        assert studio.jobs.get(made[0].id).id == made[0].id
        first = studio.jobs.list(limit=2)
        assert len(first.items) == 2
        assert first.next is not None
        listed = [job.id for job in studio.iter_jobs(page_size=2)]
    assert sorted(listed) == sorted(job.id for job in made)


async def test_a_refusal_is_a_studio_error_with_its_request_id(
    stack: RunningStack, tenant_key: str
) -> None:
    with Studio(stack.url, tenant_key) as studio, pytest.raises(StudioError) as refused:
        studio.jobs.get("job_01JD3ZB1ZK9Q1X4Q1X4Q1X4Q1X")
    assert (refused.value.status, refused.value.code) == (404, "not_found")
    assert refused.value.request_id
    with Studio(stack.url, "wrong") as studio, pytest.raises(StudioError) as unknown:
        studio.account()
    assert (unknown.value.status, unknown.value.code) == (401, "unauthorized")


async def test_the_same_key_twice_makes_one_job(stack: RunningStack, tenant_key: str) -> None:
    with Studio(stack.url, tenant_key) as studio:
        first = studio.jobs.create(draft_job(), idempotency_key="sdk-replay-1")
        again = studio.jobs.create(draft_job(), idempotency_key="sdk-replay-1")
        assert again.id == first.id
        assert [job.id for job in studio.iter_jobs()] == [first.id]


async def test_a_jobs_events_arrive_typed_and_its_images_download(
    stack: RunningStack, tenant_key: str
) -> None:
    with Studio(stack.url, tenant_key) as studio:
        job = studio.jobs.create(draft_job(variations=2))
        seen = events_of(studio, job.id)
        assert isinstance(seen[0], JobAcceptedEvent)
        assert isinstance(seen[-1], JobCompletedEvent)
        assert {event.job_id for event in seen} == {job.id}
        assets = list(studio.iter_assets(job_id=job.id, page_size=1))
        assert len(assets) == 2
        assert studio.assets.download(assets[0].id)[:8] == b"\x89PNG\r\n\x1a\n"
        assert studio.assets.content_url(assets[0].id).startswith("http")


async def test_the_async_client_does_the_same(stack: RunningStack, tenant_key: str) -> None:
    async with AsyncStudio(stack.url, tenant_key) as studio:
        job = await studio.jobs.create(draft_job())
        assert (await studio.jobs.get(job.id)).id == job.id
        final = None
        async with aclosing(studio.events(job_ids=[job.id])) as events:
            async for event in events:
                if event.type in FINAL_TYPES:
                    final = event
                    break
        assert isinstance(final, JobCompletedEvent)
        listed = [found.id async for found in studio.iter_jobs(page_size=1)]
        assert listed == [job.id]
        with pytest.raises(StudioError) as refused:
            await studio.jobs.cancel(job.id)
        assert refused.value.status == 409
        estimate = await studio.estimate(draft_job())
        assert estimate.credits >= 0


async def test_batches_brand_kits_the_catalog_and_the_ledger_through_the_sdk(
    stack: RunningStack, tenant_key: str
) -> None:
    with Studio(stack.url, tenant_key) as studio:
        batch = studio.batches.create({"jobs": [draft_job(), draft_job(seed=2)]})
        assert [found.id for found in studio.batches.list().items] == [batch.id]
        jobs = studio.batches.jobs(batch.id, limit=1)
        assert len(jobs.items) == 1
        assert jobs.next is not None
        cancelled = studio.batches.cancel(batch.id)
        assert cancelled.batch.id == batch.id
        assert studio.batches.retry_failed(batch.id).batch.id == batch.id

        kit = studio.brand_kits.create({"name": "Acme", "colors": ["#000080"]})
        replaced = studio.brand_kits.replace(kit.id, {"name": "Acme II", "colors": ["#FFD700"]})
        assert (studio.brand_kits.get(kit.id).name, replaced.name) == ("Acme II", "Acme II")
        studio.brand_kits.delete(kit.id)
        assert studio.brand_kits.list().items == []

        assert "local-draft" in {provider.name for provider in studio.catalog.providers().items}
        assert studio.catalog.platforms().items
        assert isinstance(studio.ledger().items, list)
