"""What the deployment tests read: the rendered overlays, the settings each process reads and
the consumer groups its subscriptions join (all derived from the code, none listed here)."""

import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import yaml

from contracts.topics import WORKER_SERVICES
from deploy.settings_doc import SERVICES, SHARED, rows
from services.billing import handlers as billing
from services.gateway import handlers as gateway
from services.gateway.events.bootstrap import NAME as PROJECTOR_GROUP
from services.library import handlers as library
from shared.consumer.subscriptions import control_subscription, work_subscription

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "k8s"
OVERLAYS = ("dev", "prod")
TOOLS = Path(sys.executable).parent
Doc = dict[str, Any]


@cache
def render(overlay: str) -> tuple[Doc, ...]:
    """`kubectl kustomize` of an overlay, as documents."""
    out = subprocess.run(
        [str(TOOLS / "kubectl"), "kustomize", str(K8S / "overlays" / overlay)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return tuple(doc for doc in yaml.safe_load_all(out) if doc)


def of_kind(docs: tuple[Doc, ...], kind: str) -> list[Doc]:
    return [doc for doc in docs if doc["kind"] == kind]


def named(docs: tuple[Doc, ...], kind: str, name: str) -> Doc:
    return next(doc for doc in of_kind(docs, kind) if doc["metadata"]["name"] == name)


def pod_specs(docs: tuple[Doc, ...]) -> Iterator[tuple[str, Doc]]:
    """(process, pod spec) of every Deployment and Job: the process is the image argument."""
    for doc in [*of_kind(docs, "Deployment"), *of_kind(docs, "Job")]:
        spec = doc["spec"]["template"]["spec"]
        yield spec["containers"][0]["args"][0], spec


def container_env(docs: tuple[Doc, ...], container: Doc) -> dict[str, str]:
    """Every variable a container gets: its ConfigMaps' keys, then its own `env`."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env |= named(docs, "ConfigMap", source["configMapRef"]["name"])["data"]
    env |= {item["name"]: item.get("value", "") for item in container.get("env", [])}
    return env


@cache
def settings_of(process: str) -> frozenset[str]:
    """The environment variables a process reads: the shared settings and its service's
    (the projector is the gateway's second process; `provision` reads the shared ones)."""
    service = "gateway" if process == "projector" else process
    names = {row[0] for _, cls in SHARED for row in rows(cls)}
    for title, cls in SERVICES:
        if title.lower() == service:
            names |= {row[0] for row in rows(cls)}
    return frozenset(names)


def is_setting(process: str, variable: str) -> bool:
    """A setting, or a setting read from a file (`X_FILE`)."""
    known = settings_of(process)
    return variable in known or variable.removesuffix("_FILE") in known


@cache
def consumer_groups() -> dict[str, dict[str, frozenset[str]]]:
    """By process: each consumer group its subscriptions join, and the group's topics."""

    async def ignore(*_: Any) -> None:
        return None

    stub = cast(
        Any,
        SimpleNamespace(
            check=ignore, settle_all=ignore, project=ignore, record=ignore, enrich_completed=ignore
        ),
    )
    processes: dict[str, list[Any]] = {
        service: [
            work_subscription(service, ignore, ignore),
            control_subscription(service, ignore),
        ]
        for service in WORKER_SERVICES
    }
    processes["billing"] = list(billing.subscriptions(stub, stub))
    processes["library"] = [
        *library.subscriptions(stub, stub, stub),
        library.outcome_subscription(stub),
        library.enrichment_subscription(stub),
    ]
    processes["projector"] = gateway.subscriptions(PROJECTOR_GROUP, stub)
    return {
        process: {sub.group: frozenset(sub.topics) for sub in subs}
        for process, subs in processes.items()
    }
