"""The sizes the capacity model needs beside the scale benchmark's throughput: CPU and bytes of
a default-size (about 1 MP) image, drawn locally and fetched from a provider (the emulator);
bytes per pixel of a real photograph in each output format (the platform's own encoder); and
the documents each job leaves in MongoDB, with their sizes."""

import asyncio
import statistics
from typing import Any

import bson
from loadgen import Tenant, completed
from procstats import Spent, Stack

from contracts.media import ImageFormat
from deploy.local.stack import LocalStack
from shared.database import mongo_client
from shared.images import encode
from tests.support.photos import astronaut

Figures = dict[str, float]
SIZED_JOBS = 12
SAMPLE_DOCS = 200
DEFAULT_SIZE = {
    image: {"kind": "generate", "params": {"prompt": "capacity sizing", "quality": quality}}
    for image, quality in (("draft", "draft"), ("provider", "standard"))
}
"""Jobs at the default size (1:1, about 1 MP) and format (PNG): drawn by the local renderer,
and from the cheapest standard provider, emulated (its image is fitted and encoded as ours)."""


async def image_sizes(tenant: Tenant, processes: Stack) -> Figures:
    """Generation's CPU per image and the stored bytes per image, one job at a time."""
    figures: Figures = {}
    for name, body in DEFAULT_SIZE.items():
        before = await asyncio.to_thread(processes.snapshot)
        runs = completed([await tenant.run(body, 120) for _ in range(SIZED_JOBS)])
        spent = Spent.between(before, await asyncio.to_thread(processes.snapshot))
        cpu = sum(s for n, s in spent.cpu.items() if n.startswith("generation"))
        sizes = [asset["bytes"] for run in runs for asset in run.event["data"]["assets"]]
        figures[f"generation.cpu_ms_per_{name}_image"] = 1000 * cpu / max(1, len(sizes))
        figures[f"bytes_per_{name}_image"] = statistics.mean(sizes) if sizes else float("nan")
    return figures


def photo_bytes_per_pixel() -> Figures:
    """A real photograph (scikit-image's astronaut, 512x512) through the platform's encoder:
    what a provider's photographic image costs to store, per pixel, in each format."""
    photo = astronaut()
    pixels = photo.width * photo.height
    return {
        f"photo_bytes_per_pixel.{fmt.value}": len(encode(photo, fmt)) / pixels
        for fmt in ImageFormat
    }


async def documents_per_job(stack: LocalStack) -> Figures:
    """Every collection's documents per job record and mean BSON bytes (a sample of each)."""
    settings = stack.mongo_settings()
    client = mongo_client(settings, "bench")
    try:
        db = client[settings.database]
        jobs = await db["jobs"].count_documents({})
        figures: Figures = {"jobs_counted": jobs}
        for name in sorted(await db.list_collection_names()):
            count = await db[name].count_documents({})
            sample: list[dict[str, Any]] = await db[name].find().limit(SAMPLE_DOCS).to_list()
            sizes = [len(bson.encode(doc)) for doc in sample]
            figures[f"documents_per_job.{name}"] = count / max(1, jobs)
            figures[f"bytes_per_document.{name}"] = statistics.mean(sizes) if sizes else 0.0
        return figures
    finally:
        await client.close()
