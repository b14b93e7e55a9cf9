"""The object store port and its S3 adapter (the `minio` client, any S3 API server).

The `minio` client is synchronous (urllib3), so every call runs on a bounded thread pool,
never on the event loop.
"""

import asyncio
import io
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Protocol, TypeVar

import urllib3
from minio import Minio
from minio.deleteobjects import DeleteObject
from minio.error import MinioException, S3Error

from shared.errors import PermanentError, RetryableError
from shared.settings import S3Settings

T = TypeVar("T")


def object_key(tenant_id: str, year: int, month: int, asset_id: str, extension: str) -> str:
    """`{tenant}/{yyyy}/{mm}/{asset_id}.{ext}`: the one key layout of the bucket."""
    return f"{tenant_id}/{year:04d}/{month:02d}/{asset_id}.{extension}"


class ObjectStore(Protocol):
    """Bytes by key, and short-lived download URLs for clients."""

    async def put(
        self, key: str, data: bytes, content_type: str, metadata: Mapping[str, str] | None = None
    ) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def download_url(self, key: str, ttl_s: int) -> str: ...

    async def remove(self, keys: Sequence[str]) -> None:
        """Delete these objects (those already gone are fine)."""

    async def ensure_bucket(self) -> None: ...

    async def ping(self) -> None: ...


class S3ObjectStore:
    """`ObjectStore` over the S3 API."""

    def __init__(self, settings: S3Settings) -> None:
        self._bucket = settings.bucket
        self._pool = ThreadPoolExecutor(settings.threads, thread_name_prefix="s3")
        http = urllib3.PoolManager(
            maxsize=settings.threads,
            timeout=urllib3.Timeout(connect=5, read=60),
            retries=urllib3.Retry(total=3, backoff_factor=0.2, status_forcelist=[502, 503, 504]),
        )
        self._client = self._minio(settings, settings.endpoint, settings.secure, http)
        # Presigned URLs are signed for the host clients use, which may differ from ours.
        self._signer = self._minio(settings, *settings.presigned_endpoint(), None)

    @staticmethod
    def _minio(
        settings: S3Settings, endpoint: str, secure: bool, http: urllib3.PoolManager | None
    ) -> Minio:
        return Minio(
            endpoint,
            access_key=settings.access_key,
            secret_key=settings.secret_key.get_secret_value(),
            secure=secure,
            region=settings.region,
            http_client=http,
        )

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _call(self, fn: Callable[[], T]) -> T:
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject"):
                raise PermanentError("object_not_found", exc.message or "no such object") from exc
            raise RetryableError("object_store_error", f"{exc.code}: {exc.message}") from exc
        except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise RetryableError("object_store_unavailable", str(exc)) from exc

    async def put(
        self, key: str, data: bytes, content_type: str, metadata: Mapping[str, str] | None = None
    ) -> None:
        await self._call(
            lambda: self._client.put_object(
                self._bucket,
                key,
                io.BytesIO(data),
                len(data),
                content_type=content_type,
                metadata=dict(metadata or {}),
            )
        )

    async def get(self, key: str) -> bytes:
        def read() -> bytes:
            response = self._client.get_object(self._bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

        return await self._call(read)

    async def download_url(self, key: str, ttl_s: int) -> str:
        return await self._call(
            lambda: self._signer.presigned_get_object(
                self._bucket, key, expires=timedelta(seconds=ttl_s)
            )
        )

    async def remove(self, keys: Sequence[str]) -> None:
        def delete() -> None:
            doomed = [DeleteObject(key) for key in keys]
            errors = list(self._client.remove_objects(self._bucket, doomed))
            failed = [e for e in errors if e.code not in ("NoSuchKey", "NoSuchObject")]
            if failed:
                raise RetryableError("object_store_error", f"{failed[0].code}: {failed[0].message}")

        if keys:
            await self._call(delete)

    async def ensure_bucket(self) -> None:
        def make() -> None:
            if not self._client.bucket_exists(self._bucket):
                self._client.make_bucket(self._bucket)

        await self._call(make)

    async def ping(self) -> None:
        if not await self._call(lambda: self._client.bucket_exists(self._bucket)):
            raise RetryableError("object_store_unavailable", f"bucket {self._bucket} is missing")
