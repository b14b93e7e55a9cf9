"""`AsyncStudio`: the API over an `httpx.AsyncClient`, sending the same calls as `Studio`."""

import asyncio
from collections.abc import AsyncGenerator, Callable, Coroutine, Sequence
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import httpx
from httpx_sse import aconnect_sse

from studio import account_operations, library_operations, models, operations
from studio.calls import Call, Page, headers_of
from studio.events import PATH, STREAM_READ_TIMEOUT_S, JobEvent, Resume
from studio.retries import Outcome, Retry

P = ParamSpec("P")
T = TypeVar("T")
ItemT = TypeVar("ItemT")


class _Sender(Protocol):
    async def send(self, call: Call[T]) -> T: ...


def async_op(
    build: Callable[P, Call[T]],
) -> Callable[Concatenate[_Sender, P], Coroutine[Any, Any, T]]:
    """A coroutine method sending the call `build` makes of its arguments."""

    async def method(self: _Sender, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.send(build(*args, **kwargs))

    method.__doc__ = build.__doc__
    return method


class _Resource:
    def __init__(self, client: "AsyncStudio") -> None:
        self._client = client

    async def send(self, call: Call[T]) -> T:
        return await self._client.send(call)


class Jobs(_Resource):
    create = async_op(operations.create_job)
    get = async_op(operations.get_job)
    list = async_op(operations.list_jobs)
    cancel = async_op(operations.cancel_job)
    archive = async_op(operations.job_archive)


class Batches(_Resource):
    create = async_op(operations.create_batch)
    upload = async_op(operations.upload_batch)
    check_file = async_op(operations.check_batch_file)
    get = async_op(operations.get_batch)
    list = async_op(operations.list_batches)
    jobs = async_op(operations.batch_jobs)
    cancel = async_op(operations.cancel_batch)
    retry_failed = async_op(operations.retry_failed_batch_jobs)
    archive = async_op(operations.batch_archive)
    off_peak_window = async_op(operations.off_peak_window)
    set_off_peak_window = async_op(operations.set_off_peak_window)


class Assets(_Resource):
    list = async_op(operations.list_assets)
    get = async_op(operations.get_asset)
    versions = async_op(operations.asset_versions)
    content_url = async_op(operations.asset_content_url)
    download = async_op(operations.download_asset)
    update = async_op(library_operations.update_asset)
    search = async_op(library_operations.search_assets)
    similar = async_op(library_operations.similar_assets)
    duplicates = async_op(library_operations.duplicate_assets)
    delete = async_op(library_operations.delete_asset)
    restore = async_op(library_operations.restore_asset)
    bulk = async_op(library_operations.bulk_assets)
    usage = async_op(library_operations.asset_usage)


class Collections(_Resource):
    create = async_op(library_operations.create_collection)
    list = async_op(library_operations.list_collections)
    get = async_op(library_operations.get_collection)
    update = async_op(library_operations.update_collection)
    delete = async_op(library_operations.delete_collection)
    assets = async_op(library_operations.collection_assets)
    add = async_op(library_operations.add_to_collection)
    remove = async_op(library_operations.remove_from_collection)
    archive = async_op(library_operations.collection_archive)


class Shares(_Resource):
    create = async_op(library_operations.create_share)
    list = async_op(library_operations.list_shares)
    get = async_op(library_operations.get_share)
    revoke = async_op(library_operations.revoke_share)


class Library(_Resource):
    settings = async_op(library_operations.library_settings)
    replace_settings = async_op(library_operations.replace_library_settings)
    stats = async_op(library_operations.library_stats)
    trash = async_op(library_operations.list_trash)
    empty_trash = async_op(library_operations.empty_trash)
    exports = async_op(library_operations.list_exports)


class Uploads(_Resource):
    create = async_op(operations.upload)
    from_url = async_op(operations.upload_from_url)


class Keys(_Resource):
    create = async_op(account_operations.create_key)
    list = async_op(account_operations.list_keys)
    revoke = async_op(account_operations.revoke_key)


class BrandKits(_Resource):
    create = async_op(account_operations.create_brand_kit)
    list = async_op(account_operations.list_brand_kits)
    get = async_op(account_operations.get_brand_kit)
    replace = async_op(account_operations.replace_brand_kit)
    delete = async_op(account_operations.delete_brand_kit)


class Webhooks(_Resource):
    create = async_op(account_operations.create_webhook)
    list = async_op(account_operations.list_webhooks)
    get = async_op(account_operations.get_webhook)
    delete = async_op(account_operations.delete_webhook)
    deliveries = async_op(account_operations.list_deliveries)
    redeliver = async_op(account_operations.redeliver)


class Catalog(_Resource):
    providers = async_op(account_operations.providers)
    templates = async_op(account_operations.templates)
    styles = async_op(account_operations.styles)
    platforms = async_op(account_operations.platforms)


class AsyncStudio:
    """`Studio` for asyncio: the same resources and methods, each a coroutine; `paginate`,
    `iter_jobs`, `iter_assets` and `events` are async iterators."""

    estimate = async_op(operations.estimate)
    account = async_op(account_operations.account)
    tags = async_op(library_operations.list_tags)
    usage = async_op(account_operations.usage)
    ledger = async_op(account_operations.ledger)

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        retry: Retry | None = None,
        timeout_s: float = 60,
        stream_read_timeout_s: float = STREAM_READ_TIMEOUT_S,
    ) -> None:
        self.retry = retry or Retry()
        self.stream_timeout = httpx.Timeout(timeout_s, read=stream_read_timeout_s)
        self.http = httpx.AsyncClient(
            base_url=base_url, headers=headers_of(api_key), timeout=timeout_s
        )
        self.jobs, self.batches, self.assets = Jobs(self), Batches(self), Assets(self)
        self.uploads, self.webhooks = Uploads(self), Webhooks(self)
        self.brand_kits, self.catalog, self.keys = BrandKits(self), Catalog(self), Keys(self)
        self.collections, self.shares, self.library = Collections(self), Shares(self), Library(self)

    async def send(self, call: Call[T]) -> T:
        """Send `call` (again while `retry` says so, with the same Idempotency-Key)."""
        attempt = 0
        while True:
            outcome = await self._attempt(call)
            wait = self.retry.wait(call.idempotent, attempt, outcome)
            if wait is None:
                return call.finish(outcome)
            await asyncio.sleep(wait)
            attempt += 1

    async def _attempt(self, call: Call[Any]) -> Outcome:
        try:
            request = call.request(self.http)
            return await self.http.send(request, follow_redirects=call.follow_redirects)
        except httpx.TransportError as exc:
            return exc

    async def paginate(
        self, page_at: Callable[[str | None], Call[Page[ItemT]]]
    ) -> AsyncGenerator[ItemT, None]:
        """Every item of a list, page after page, following each page's `next` cursor."""
        cursor: str | None = None
        while True:
            page = await self.send(page_at(cursor))
            for item in page.items:
                yield item
            if page.next is None:
                return
            cursor = page.next

    def iter_jobs(
        self, *, status: str | None = None, page_size: int | None = None
    ) -> AsyncGenerator[models.JobPublic, None]:
        return self.paginate(
            lambda at: operations.list_jobs(status=status, limit=page_size, cursor=at)
        )

    def iter_assets(
        self,
        *,
        job_id: str | None = None,
        batch_id: str | None = None,
        page_size: int | None = None,
    ) -> AsyncGenerator[models.AssetPublic, None]:
        return self.paginate(
            lambda at: operations.list_assets(
                job_id=job_id, batch_id=batch_id, limit=page_size, cursor=at
            )
        )

    async def events(
        self,
        *,
        job_ids: Sequence[str] = (),
        batch_id: str | None = None,
        last_event_id: str | None = None,
    ) -> AsyncGenerator[JobEvent, None]:
        """Job events as they happen (a job or batch filter first replays what it already
        emitted), reconnecting with `Last-Event-ID` when the stream drops. Endless: break out
        (inside `contextlib.aclosing` to close the connection at once)."""
        resume = Resume(self.retry, job_ids, batch_id, last_event_id)
        while True:
            outcome: Outcome | None = None
            try:
                async with aconnect_sse(
                    self.http,
                    "GET",
                    PATH,
                    params=resume.params,
                    headers=resume.headers(),
                    timeout=self.stream_timeout,
                ) as source:
                    if not source.response.is_success:
                        await source.response.aread()
                        outcome = source.response
                    else:
                        async for message in source.aiter_sse():
                            if (event := resume.receive(message)) is not None:
                                yield event
            except httpx.TransportError as exc:
                outcome = exc
            await asyncio.sleep(resume.dropped(outcome))

    async def aclose(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> "AsyncStudio":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
