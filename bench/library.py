"""The asset library at 100,000 assets: search, semantic search, similarity and bulk tagging.

Starts its own stack (gateway, library, billing), makes a tenant, and seeds `--assets` asset
documents through the library's own record model and insert (`AssetRecord`, `insert_new`, the
change log), with embeddings from the library's `Embedder` for a pool of prompts and random
perceptual hashes. Then, through the gateway as a tenant calls it:
- filtered search (kind, rating, favourite, size, tags, sorted) p50/p99;
- full-text (`q`) p99; semantic (`mode=semantic`: embedding + ranking) p99;
- similar by perceptual hash p99;
- bulk tag of 10,000 assets (one `POST /v1/assets/bulk`);
and, in the same run, the filtered searches as plain MongoDB queries on the local store (what
the catalog replaces) for comparison.

    python bench/library.py --assets 100000
"""

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from pymongo import AsyncMongoClient

from deploy.local.servers import Ports
from deploy.local.stack import LocalStack
from services.library.assets.records import COLLECTION, AssetRecord
from services.library.catalog.changes import ChangeLog
from services.library.embeddings import Embedder
from shared.cpu import CpuPool
from shared.database import Document, insert_new, now_ms

WORDS = [
    "sunset",
    "beach",
    "ocean",
    "golden",
    "hour",
    "city",
    "neon",
    "rain",
    "car",
    "mountain",
    "forest",
    "snow",
    "cabin",
    "coffee",
    "cup",
    "shoe",
    "fashion",
    "portrait",
    "ramen",
    "pizza",
    "dog",
    "cat",
    "sky",
    "cloud",
    "night",
    "lights",
    "bride",
    "bouquet",
    "runner",
    "watch",
    "velvet",
    "cocktail",
    "desert",
    "balloon",
    "guitar",
    "stage",
    "office",
    "team",
    "laptop",
    "garden",
    "flower",
    "bee",
]
KINDS = ["generate", "edit", "upscale", "optimize", "upload"]
PROVIDERS = ["local-draft", "stability", "google", "wavespeed"]
BULK = 10_000
Timed = Callable[[], Awaitable[Any]]


def prompt(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, 6))


async def seed(stack: LocalStack, tenant_id: str, count: int) -> list[str]:
    """`count` assets of the tenant; the first BULK of them in one batch (for the bulk tag)."""
    rng = random.Random(7)
    pool = CpuPool()
    embedder = Embedder(pool)
    prompts = [prompt(rng) for _ in range(400)]
    vectors = [await embedder.stored(text) for text in prompts]
    pool.close()
    client: AsyncMongoClient[Document] = AsyncMongoClient(
        stack.mongo_settings().url.get_secret_value()
    )
    db = client[stack.mongo_settings().database]
    began, ids, start = time.perf_counter(), [], now_ms() - count * 1000
    for first in range(0, count, 1000):
        docs = [
            _doc(rng, tenant_id, i, start, prompts, vectors) for i in range(first, first + 1000)
        ]
        await insert_new(db[COLLECTION], docs)
        ids += [doc["_id"] for doc in docs]
    await ChangeLog(db).note(tenant_id, ids)
    print(f"seeded {count:,} assets in {time.perf_counter() - began:.0f} s")
    await client.close()
    return ids


def _doc(
    rng: random.Random, tenant: str, i: int, start: int, prompts: list[str], vectors: list[bytes]
) -> Document:
    which = rng.randrange(len(prompts))
    record = AssetRecord(
        _id=f"ast_bench{i:07d}",
        tenant_id=tenant,
        object_key=f"bench/{i}.png",
        job_id=f"job_bench{i:07d}",
        batch_id="bat_bench" if i < BULK else None,
        kind=rng.choice(KINDS),
        source="generated",
        provider=rng.choice(PROVIDERS),
        prompt=prompts[which],
        content_type="image/png",
        format="png",
        width=rng.choice([512, 1024, 2048]),
        height=rng.choice([512, 1024, 2048]),
        bytes=rng.randrange(10_000, 9_000_000),
        sha256=f"{i:064x}",
        phash=f"{rng.getrandbits(64):016x}",
        tags=rng.sample(WORDS, 3),
        rating=rng.randrange(6),
        favorite=rng.random() < 0.1,
        cost_credits=rng.randrange(1, 20),
        embedding=vectors[which],
        analyzed=True,
        created_at_ms=start + i * 1000,
        updated_at_ms=start + i * 1000,
    )
    return record.model_dump(by_alias=True)


def filtered(rng: random.Random) -> dict[str, Any]:
    return {
        "kind": rng.choice(KINDS),
        "min_rating": rng.randrange(4),
        "favorite": rng.choice(["true", "false"]),
        "max_bytes": rng.randrange(1_000_000, 9_000_000),
        "tags": rng.choice(WORDS),
        "sort": rng.choice(["newest", "most_used", "rating"]),
    }


async def timed(call: Timed, rounds: int) -> list[float]:
    await call()  # the first is a cold read of the catalog, reported apart
    took = []
    for _ in range(rounds):
        began = time.perf_counter()
        await call()
        took.append((time.perf_counter() - began) * 1000)
    return took


def row(name: str, took: list[float], target: str) -> None:
    q = statistics.quantiles(took, n=100, method="inclusive")
    print(f"| {name} | {q[49]:.1f} ms | {q[98]:.1f} ms | {target} |")


async def run(stack: LocalStack, key: str, tenant_id: str, count: int, rounds: int) -> None:
    ids = await seed(stack, tenant_id, count)
    rng = random.Random(11)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=stack.gateway_url, headers=headers, timeout=120) as api:

        async def get(path: str, params: dict[str, Any]) -> None:
            response = await api.get(path, params=params)
            response.raise_for_status()

        began = time.perf_counter()
        await get("/v1/assets/search", {"limit": 1})
        print(f"first search (the catalog read from MongoDB): {time.perf_counter() - began:.1f} s")
        print("\n| operation | p50 | p99 | target (p99) |\n|---|---|---|---|")
        search = "/v1/assets/search"
        row("filtered search", await timed(lambda: get(search, filtered(rng)), rounds), "50 ms")
        words = await timed(lambda: get(search, {"q": " ".join(rng.sample(WORDS, 2))}), rounds)
        row("full-text search", words, "50 ms")
        meaning = await timed(lambda: get(search, {"q": prompt(rng), "mode": "semantic"}), rounds)
        row("semantic search", meaning, "150 ms")
        alike = await timed(lambda: get(f"/v1/assets/{rng.choice(ids)}/similar", {}), rounds)
        row("similar by hash", alike, "100 ms")
        await mongo_side(stack, tenant_id, rng, max(10, rounds // 10))
        await bulk_tag(api)


async def mongo_side(stack: LocalStack, tenant_id: str, rng: random.Random, rounds: int) -> None:
    """The same filtered searches as MongoDB queries on the local store (for comparison)."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(
        stack.mongo_settings().url.get_secret_value()
    )
    assets = client[stack.mongo_settings().database][COLLECTION]

    async def query() -> None:
        wanted = filtered(rng)
        where = {
            "tenant_id": tenant_id,
            "kind": wanted["kind"],
            "rating": {"$gte": wanted["min_rating"]},
            "favorite": wanted["favorite"] == "true",
            "bytes": {"$lte": wanted["max_bytes"]},
            "tags": wanted["tags"],
        }
        await assets.find(where).sort([("created_at_ms", -1), ("_id", -1)]).limit(21).to_list()

    row("(same filters as a MongoDB query)", await timed(query, rounds), "-")
    await client.close()


async def bulk_tag(api: httpx.AsyncClient) -> None:
    body = {"filter": {"batch_id": "bat_bench"}, "action": "tag", "tags": ["bulk-tagged"]}
    began = time.perf_counter()
    response = await api.post("/v1/assets/bulk", json=body)
    took = time.perf_counter() - began
    response.raise_for_status()
    changed = response.json()["changed"]
    print(f"| bulk tag of {changed:,} assets | {took:.2f} s | | 5 s |")


async def own_stack(root: Path) -> tuple[LocalStack, str, str]:
    stack = LocalStack(root, Ports.free())
    await stack.start_servers()
    await stack.provision()
    admin = await stack.admin_key()
    await stack.start_services(only=["gateway", "library", "billing"])
    key = await stack.tenant_key(admin, "bench", "enterprise", 1_000_000)
    async with httpx.AsyncClient(base_url=stack.gateway_url) as http:
        account = await http.get("/v1/billing/account", headers={"Authorization": f"Bearer {key}"})
    return stack, key, str(account.json()["tenant_id"])


def main(
    assets: Annotated[int, typer.Option(help="Asset documents to seed.")] = 100_000,
    rounds: Annotated[int, typer.Option(help="Requests per measured operation.")] = 200,
) -> None:
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as root:
        stack, key, tenant_id = asyncio.run(own_stack(Path(root)))
        try:
            asyncio.run(run(stack, key, tenant_id, assets, rounds))
        finally:
            stack.stop()


if __name__ == "__main__":
    typer.run(main)
