"""Identifiers: time-sortable ULIDs with a type prefix (`job_…`, `ast_…`, `ten_…`)."""

import hashlib
import os
import socket
import uuid

from ulid import ULID


def new_id(prefix: str) -> str:
    """A fresh id such as `job_01JD3…`, sortable by creation time."""
    return f"{prefix}_{ULID()}"


def derived_id(prefix: str, parent: str, *parts: object) -> str:
    """A deterministic id for something `parent` makes (the same inputs give the same id).

    It keeps the parent's ULID timestamp, so derived ids still sort by creation time.
    """
    parent_ulid = ULID.from_str(parent.split("_", 1)[1])
    digest = hashlib.sha256("/".join([parent, *map(str, parts)]).encode()).digest()
    return f"{prefix}_{ULID.from_bytes(parent_ulid.bytes[:6] + digest[:10])}"


def seed_of(job_id: str, seeds: int) -> int:
    """A seed in `range(seeds)` drawn from a job id: random per job, stable across retries."""
    digest = hashlib.sha256(job_id.encode()).digest()
    return int.from_bytes(digest[:4], "big") % seeds


def process_identity(service: str) -> str:
    """Unique per process run (a restarted process is someone new): `service@host:pid:nonce`."""
    return f"{service}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
