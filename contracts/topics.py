"""Kafka topic names. Work topics are keyed by job id; lanes split single jobs from campaigns."""

from typing import Literal, get_args

from contracts.jobs import JOB_KINDS

Lane = Literal["interactive", "bulk"]
LANES: tuple[Lane, ...] = get_args(Lane)

JOB_REQUESTS = "studio.jobs.requested"
"""Gateway → billing: a job was accepted and waits for its pre-flight."""

JOB_EVENTS = "studio.jobs.events"
"""Every job lifecycle event, from every service, keyed by job id (so one job stays ordered)."""

LIBRARY_EVENTS = "studio.library.events"
"""Library → gateway: a job's assets are recorded (the gateway then tells clients `completed`)."""

DEAD_LETTERS = "studio.jobs.dead-letter"
"""Records that failed every delivery attempt, with the reason; each also ends its job `failed`."""

WORKER_SERVICES = sorted({spec.service for spec in JOB_KINDS.values() if spec.available})
"""Services that consume work topics."""


def work_topic(service: str, lane: Lane) -> str:
    """The work topic of one worker service and lane, e.g. `studio.work.generation.interactive`."""
    return f"studio.work.{service}.{lane}"


def control_topic(service: str) -> str:
    """Gateway → a worker service: commands about jobs it may hold (cancel), keyed by job id.
    Apart from the work topics, so a command never waits behind the queue it is about."""
    return f"studio.control.{service}"


def all_topics() -> list[str]:
    """Every topic the platform uses, for provisioning."""
    work = [work_topic(service, lane) for service in WORKER_SERVICES for lane in LANES]
    control = [control_topic(service) for service in WORKER_SERVICES]
    return [JOB_REQUESTS, JOB_EVENTS, LIBRARY_EVENTS, DEAD_LETTERS, *work, *control]
