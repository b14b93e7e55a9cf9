"""`Studio`: the API over a synchronous `httpx.Client`, sending the calls of `studio.operations`."""

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

import httpx
from httpx_sse import connect_sse

from studio import account_operations, library_operations, models, operations
from studio.calls import Call, Page, headers_of
from studio.events import PATH, STREAM_READ_TIMEOUT_S, JobEvent, Resume
from studio.retries import Outcome, Retry

P = ParamSpec("P")
T = TypeVar("T")
ItemT = TypeVar("ItemT")


class _Sender(Protocol):
    def send(self, call: Call[T]) -> T: ...


def sync_op(build: Callable[P, Call[T]]) -> Callable[Concatenate[_Sender, P], T]:
    """A method sending the call `build` makes of its arguments."""

    def method(self: _Sender, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self.send(build(*args, **kwargs))

    method.__doc__ = build.__doc__
    return method


class _Resource:
    def __init__(self, client: "Studio") -> None:
        self._client = client

    def send(self, call: Call[T]) -> T:
        return self._client.send(call)


class Jobs(_Resource):
    create = sync_op(operations.create_job)
    get = sync_op(operations.get_job)
    list = sync_op(operations.list_jobs)
    cancel = sync_op(operations.cancel_job)
    archive = sync_op(operations.job_archive)


class Batches(_Resource):
    create = sync_op(operations.create_batch)
    upload = sync_op(operations.upload_batch)
    check_file = sync_op(operations.check_batch_file)
    get = sync_op(operations.get_batch)
    list = sync_op(operations.list_batches)
    jobs = sync_op(operations.batch_jobs)
    cancel = sync_op(operations.cancel_batch)
    retry_failed = sync_op(operations.retry_failed_batch_jobs)
    archive = sync_op(operations.batch_archive)
    off_peak_window = sync_op(operations.off_peak_window)
    set_off_peak_window = sync_op(operations.set_off_peak_window)


class Assets(_Resource):
    list = sync_op(operations.list_assets)
    get = sync_op(operations.get_asset)
    versions = sync_op(operations.asset_versions)
    content_url = sync_op(operations.asset_content_url)
    download = sync_op(operations.download_asset)
    update = sync_op(library_operations.update_asset)
    search = sync_op(library_operations.search_assets)
    similar = sync_op(library_operations.similar_assets)
    duplicates = sync_op(library_operations.duplicate_assets)
    delete = sync_op(library_operations.delete_asset)
    restore = sync_op(library_operations.restore_asset)
    bulk = sync_op(library_operations.bulk_assets)
    usage = sync_op(library_operations.asset_usage)


class Collections(_Resource):
    create = sync_op(library_operations.create_collection)
    list = sync_op(library_operations.list_collections)
    get = sync_op(library_operations.get_collection)
    update = sync_op(library_operations.update_collection)
    delete = sync_op(library_operations.delete_collection)
    assets = sync_op(library_operations.collection_assets)
    add = sync_op(library_operations.add_to_collection)
    remove = sync_op(library_operations.remove_from_collection)
    archive = sync_op(library_operations.collection_archive)


class Shares(_Resource):
    create = sync_op(library_operations.create_share)
    list = sync_op(library_operations.list_shares)
    get = sync_op(library_operations.get_share)
    revoke = sync_op(library_operations.revoke_share)


class Library(_Resource):
    settings = sync_op(library_operations.library_settings)
    replace_settings = sync_op(library_operations.replace_library_settings)
    stats = sync_op(library_operations.library_stats)
    trash = sync_op(library_operations.list_trash)
    empty_trash = sync_op(library_operations.empty_trash)
    exports = sync_op(library_operations.list_exports)


class Uploads(_Resource):
    create = sync_op(operations.upload)
    from_url = sync_op(operations.upload_from_url)


class Keys(_Resource):
    create = sync_op(account_operations.create_key)
    list = sync_op(account_operations.list_keys)
    revoke = sync_op(account_operations.revoke_key)


class BrandKits(_Resource):
    create = sync_op(account_operations.create_brand_kit)
    list = sync_op(account_operations.list_brand_kits)
    get = sync_op(account_operations.get_brand_kit)
    replace = sync_op(account_operations.replace_brand_kit)
    delete = sync_op(account_operations.delete_brand_kit)


class Webhooks(_Resource):
    create = sync_op(account_operations.create_webhook)
    list = sync_op(account_operations.list_webhooks)
    get = sync_op(account_operations.get_webhook)
    delete = sync_op(account_operations.delete_webhook)
    deliveries = sync_op(account_operations.list_deliveries)
    redeliver = sync_op(account_operations.redeliver)


class Catalog(_Resource):
    providers = sync_op(account_operations.providers)
    templates = sync_op(account_operations.templates)
    styles = sync_op(account_operations.styles)
    platforms = sync_op(account_operations.platforms)


class Studio:
    """Image Studio's API for `api_key` at `base_url`. Answers are the generated models; a refusal
    raises `StudioError`; 429/503 and broken connections are retried per `retry`."""

    estimate = sync_op(operations.estimate)
    account = sync_op(account_operations.account)
    tags = sync_op(library_operations.list_tags)
    usage = sync_op(account_operations.usage)
    ledger = sync_op(account_operations.ledger)

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
        self.http = httpx.Client(base_url=base_url, headers=headers_of(api_key), timeout=timeout_s)
        self.jobs, self.batches, self.assets = Jobs(self), Batches(self), Assets(self)
        self.uploads, self.webhooks = Uploads(self), Webhooks(self)
        self.brand_kits, self.catalog, self.keys = BrandKits(self), Catalog(self), Keys(self)
        self.collections, self.shares, self.library = Collections(self), Shares(self), Library(self)

    def send(self, call: Call[T]) -> T:
        """Send `call` (again while `retry` says so, with the same Idempotency-Key)."""
        attempt = 0
        while True:
            outcome = self._attempt(call)
            wait = self.retry.wait(call.idempotent, attempt, outcome)
            if wait is None:
                return call.finish(outcome)
            time.sleep(wait)
            attempt += 1

    def _attempt(self, call: Call[Any]) -> Outcome:
        try:
            return self.http.send(call.request(self.http), follow_redirects=call.follow_redirects)
        except httpx.TransportError as exc:
            return exc

    def paginate(self, page_at: Callable[[str | None], Call[Page[ItemT]]]) -> Iterator[ItemT]:
        """Every item of a list, page after page, following each page's `next` cursor."""
        cursor: str | None = None
        while True:
            page = self.send(page_at(cursor))
            yield from page.items
            if page.next is None:
                return
            cursor = page.next

    def iter_jobs(
        self, *, status: str | None = None, page_size: int | None = None
    ) -> Iterator[models.JobPublic]:
        return self.paginate(
            lambda at: operations.list_jobs(status=status, limit=page_size, cursor=at)
        )

    def iter_assets(
        self,
        *,
        job_id: str | None = None,
        batch_id: str | None = None,
        page_size: int | None = None,
    ) -> Iterator[models.AssetPublic]:
        return self.paginate(
            lambda at: operations.list_assets(
                job_id=job_id, batch_id=batch_id, limit=page_size, cursor=at
            )
        )

    def events(
        self,
        *,
        job_ids: Sequence[str] = (),
        batch_id: str | None = None,
        last_event_id: str | None = None,
    ) -> Iterator[JobEvent]:
        """Job events as they happen (a job or batch filter first replays what it already
        emitted), reconnecting with `Last-Event-ID` when the stream drops. Endless: break out."""
        resume = Resume(self.retry, job_ids, batch_id, last_event_id)
        while True:
            outcome: Outcome | None = None
            try:
                with connect_sse(
                    self.http,
                    "GET",
                    PATH,
                    params=resume.params,
                    headers=resume.headers(),
                    timeout=self.stream_timeout,
                ) as source:
                    if not source.response.is_success:
                        source.response.read()
                        outcome = source.response
                    else:
                        for message in source.iter_sse():
                            if (event := resume.receive(message)) is not None:
                                yield event
            except httpx.TransportError as exc:
                outcome = exc
            time.sleep(resume.dropped(outcome))

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "Studio":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
