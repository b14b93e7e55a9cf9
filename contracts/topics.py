"""Kafka topic names. Work topics are keyed by job id; lanes split single jobs from campaigns."""

from typing import Literal, get_args

from contracts.jobs import JOB_KINDS

Lane = Literal["interactive", "bulk"]
LANES: tuple[Lane, ...] = get_args(Lane)

DEAD_LETTERS = "studio.jobs.dead-letter"
"""Records that failed every delivery attempt, with the reason; each also ends its job `failed`."""

SHOWN = "studio.jobs.shown"
"""Every job event as clients see it, once a projector stored it in the event history, keyed by
job id. Every projector tails it to feed the clients connected to it."""

WORKER_SERVICES = sorted({spec.service for spec in JOB_KINDS.values()})
"""Services that consume work topics."""


def request_topic(lane: Lane) -> str:
    """Gateway → billing: jobs accepted and waiting for their pre-flight, by lane (so a single
    job's pre-flight never waits behind a campaign's), e.g. `studio.jobs.requested.bulk`."""
    return f"studio.jobs.requested.{lane}"


def event_topic(lane: Lane) -> str:
    """Every job lifecycle event, from every service, keyed by job id (so one job stays ordered),
    on its job's lane, e.g. `studio.jobs.events.interactive`."""
    return f"studio.jobs.events.{lane}"


def library_topic(lane: Lane) -> str:
    """Library → gateway: a job's assets are recorded (the gateway then tells clients
    `completed`), on its job's lane."""
    return f"studio.library.events.{lane}"


def work_topic(service: str, lane: Lane) -> str:
    """The work topic of one worker service and lane, e.g. `studio.work.generation.interactive`."""
    return f"studio.work.{service}.{lane}"


def control_topic(service: str) -> str:
    """Gateway → a worker service: commands about jobs it may hold (cancel), keyed by job id.
    Apart from the work topics, so a command never waits behind the queue it is about."""
    return f"studio.control.{service}"


HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


def retention_ms(topic: str) -> int:
    """How long the broker keeps a topic's records. A week for job traffic: the job record in
    MongoDB is the truth and the sweeper publishes again what the log no longer holds; 30 days
    for dead letters, kept to be looked into; a day for control commands, which are about jobs
    in flight; an hour for the shown events, which only feed connected clients (the history is
    kept in MongoDB)."""
    if topic == SHOWN:
        return HOUR_MS
    if topic == DEAD_LETTERS:
        return 30 * DAY_MS
    if topic.startswith("studio.control."):
        return DAY_MS
    return 7 * DAY_MS


def all_topics() -> list[str]:
    """Every topic the platform uses, for provisioning."""
    work = [work_topic(service, lane) for service in WORKER_SERVICES for lane in LANES]
    control = [control_topic(service) for service in WORKER_SERVICES]
    laned = [of(lane) for of in (request_topic, event_topic, library_topic) for lane in LANES]
    return [*laned, DEAD_LETTERS, SHOWN, *work, *control]
