"""Opening a job worker: the one call each worker's composition root makes before wiring what is
particular to it (its engines, its use cases)."""

from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack

from shared.clients import open_clients
from shared.cpu import CpuPool
from shared.database import Index
from shared.ids import process_identity
from shared.providers.http import pooled_client
from shared.workers.kit import WorkerKit
from shared.workers.reporting import Ended, JobReporter
from shared.workers.runs import Runs
from shared.workers.settings import JobWorkerSettings

HTTP_SPARE_CONNECTIONS = 16
"""Pooled connections beyond one per job running at once (polls, downloads)."""


async def open_worker(
    service: str,
    settings: JobWorkerSettings,
    stack: AsyncExitStack,
    indexes: Mapping[str, Sequence[Index]],
    *,
    cpu_threads: int | None,
    ended: Ended,
    http: bool = False,
) -> WorkerKit:
    """Open the worker's clients, CPU pool and (with `http`) the pooled HTTP client of provider
    calls, each closed with `stack`; `ended` counts the jobs it ends."""
    clients = await open_clients(service, settings, stack, indexes)
    cpu = CpuPool(cpu_threads)
    stack.callback(cpu.close)
    client = None
    if http:
        client = pooled_client(max_connections=settings.worker.concurrency + HTTP_SPARE_CONNECTIONS)
        stack.push_async_callback(client.aclose)
    owner = process_identity(service)
    runs = Runs(clients.db, service, owner=owner, lease_s=settings.lease_s)
    reporter = JobReporter(clients.bus, runs, service, ended)
    return WorkerKit(service, settings, clients, runs, reporter, cpu, client)
