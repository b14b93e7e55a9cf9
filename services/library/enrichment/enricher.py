"""Ingest enrichment of recorded assets: image facts, automatic tags, a caption and labels (when
a vision provider is configured) and the text embedding, written in one update per asset.

It runs apart from recording (its own consumer group on the library topic, so a `completed` is
shown without waiting for it), and inline for uploads. An asset already analysed is skipped, so
redelivered events change nothing; a vision provider's failure loses only the caption and
labels."""

import asyncio
import logging
from collections import defaultdict
from typing import Any

from contracts.events import JobCompletedEvent
from services.library.assets.records import AssetRecord, Assets
from services.library.embeddings import Embedder
from services.library.enrichment.analysis import ImageAnalysis, analyse
from services.library.enrichment.auto_tags import auto_tags
from services.library.enrichment.settings import AnalysisSettings
from services.library.enrichment.vision.base import Vision, VisionProvider
from shared.cpu import CpuPool
from shared.errors import PermanentError
from shared.images import ImageLimits
from shared.objects import ObjectStore
from shared.providers.base import ProviderError

log = logging.getLogger(__name__)
WRITE_ATTEMPTS = 3
"""Writes tried while edits keep changing the asset under us (each re-reads it)."""


class Enricher:
    def __init__(
        self,
        assets: Assets,
        store: ObjectStore,
        embedder: Embedder,
        pool: CpuPool,
        vision: VisionProvider | None,
        settings: AnalysisSettings,
    ) -> None:
        self._assets = assets
        self._store = store
        self._embedder = embedder
        self._pool = pool
        self._vision = vision
        self._limits = ImageLimits(settings.max_bytes, settings.max_pixels)
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._upload_wait_s = settings.upload_wait_s
        self._finishing: set[asyncio.Task[None]] = set()

    async def enrich_completed(self, completed: list[JobCompletedEvent]) -> None:
        """Enrich the assets of completed jobs that are not analysed yet."""
        by_tenant: defaultdict[str, list[str]] = defaultdict(list)
        for event in completed:
            by_tenant[event.tenant_id] += [asset.id for asset in event.data.assets]
        pending: list[AssetRecord] = []
        for tenant_id, asset_ids in by_tenant.items():
            found = await self._assets.many(tenant_id, asset_ids)
            pending += [record for record in found.values() if not record.analyzed]
        await asyncio.gather(*(self.enrich(record) for record in pending))
        log.info("enriched %d assets of %d jobs", len(pending), len(completed))

    async def enrich_upload(self, record: AssetRecord) -> AssetRecord:
        """Enrich an upload, waiting at most `upload_wait_s` (a slower one finishes later):
        the upload as it is then."""
        if record.analyzed:
            return record
        task = asyncio.create_task(self.enrich(record))
        self._finishing.add(task)
        task.add_done_callback(self._finished)
        await asyncio.wait([task], timeout=self._upload_wait_s)
        if not task.done() or task.exception() is not None:
            return record
        found = await self._assets.many(record.tenant_id, [record.id])
        return found.get(record.id, record)

    async def enrich(self, record: AssetRecord) -> None:
        """Measure the asset and write what was found (images are analysed; every asset gets
        its tags and embedding)."""
        async with self._slots:
            analysis = await self._analysis(record) if record.is_image else None
            vision = await self._seen(record, analysis)
        await self._write(record, self._fields(record, analysis, vision))

    async def _analysis(self, record: AssetRecord) -> ImageAnalysis | None:
        if record.bytes > self._limits.max_bytes:
            log.warning("asset %s not analysed: %d bytes", record.id, record.bytes)
            return None
        preview = self._vision is not None
        try:
            data = await self._store.get(record.object_key)
            return await self._pool.run(analyse, data, self._limits, preview=preview)
        except PermanentError as exc:  # the object is gone, or does not decode
            log.warning("asset %s not analysed: %s", record.id, exc)
            return None

    async def _seen(self, record: AssetRecord, analysis: ImageAnalysis | None) -> Vision | None:
        if self._vision is None or analysis is None or analysis.preview is None:
            return None
        try:
            return await self._vision.describe(analysis.preview, "image/jpeg")
        except ProviderError as exc:
            log.warning("vision (%s) failed on asset %s: %s", self._vision.name, record.id, exc)
            return None

    def _fields(
        self, record: AssetRecord, analysis: ImageAnalysis | None, vision: Vision | None
    ) -> dict[str, Any]:
        facts = analysis.facts if analysis else None
        caption = vision.caption if vision else None
        fields: dict[str, Any] = {
            "auto_tags": [tag.model_dump() for tag in auto_tags(record, facts, vision)],
            "caption": caption,
            "caption_source": self._vision.name if self._vision and caption else None,
            "analyzed": True,
        }
        if analysis is not None:
            fields |= analysis.facts.model_dump() | {"color_vector": analysis.color_vector}
        return fields

    async def _write(self, record: AssetRecord, fields: dict[str, Any]) -> None:
        """One update, made only on the version read (an edit in between: read it again, so
        the embedding holds the edited title)."""
        for _ in range(WRITE_ATTEMPTS):
            embedding = await embedded(self._embedder, embedding_text(record, fields["caption"]))
            update = {"$set": {**fields, "embedding": embedding}}
            tenant_id, expected = record.tenant_id, record.updated_at_ms
            written = await self._assets.update(
                tenant_id, [record.id], update, expected_ms=expected, stamp=False
            )
            if written:
                return
            current = (await self._assets.many(tenant_id, [record.id])).get(record.id)
            if current is None or current.analyzed:
                return
            record = current
        log.warning("asset %s not enriched: it kept changing", record.id)

    def _finished(self, task: "asyncio.Task[None]") -> None:
        self._finishing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("enrichment of an upload failed", exc_info=task.exception())


def embedding_text(record: AssetRecord, caption: str | None) -> str:
    """What an asset's embedding is made of: its prompt, title, description and caption."""
    parts = (record.prompt, record.title, record.description, caption)
    return " ".join(part.strip() for part in parts if part and part.strip())


async def embedded(embedder: Embedder, text: str) -> bytes | None:
    return await embedder.stored(text) if text else None


async def refresh_embedding(
    embedder: Embedder, record: AssetRecord, update: dict[str, Any]
) -> dict[str, Any]:
    """`update`, an edit of `record`'s user fields (`merge_update`), with the embedding made
    again into its `$set` when it changes the title or description (so one write keeps them
    in step, under one version)."""
    changes: dict[str, Any] = update.get("$set", {})
    edited: dict[str, Any] = {
        name: changes[name] for name in ("title", "description") if name in changes
    }
    if not edited:
        return update
    text = embedding_text(record.model_copy(update=edited), record.caption)
    return {**update, "$set": {**changes, "embedding": await embedded(embedder, text)}}
