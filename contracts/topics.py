"""Kafka topic names. Work topics are keyed by job id; lanes split single jobs from campaigns."""

from typing import Literal, get_args

from contracts.jobs import JOB_KINDS

Lane = Literal["interactive", "bulk"]
LANES: tuple[Lane, ...] = get_args(Lane)

DEAD_LETTERS = "studio.jobs.dead-letter"
"""Records that failed every delivery attempt, with the reason; each also ends its job `failed`."""

CONTROL_PREFIX = "studio.control."

DAY_MS = 24 * 60 * 60 * 1000
JOB_RETENTION_MS = 7 * DAY_MS
"""How long a job topic keeps its records: long enough to replay a week of work."""
DEAD_LETTER_RETENTION_MS = 30 * DAY_MS
CONTROL_RETENTION_MS = DAY_MS

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
    return f"{CONTROL_PREFIX}{service}"


def all_topics() -> list[str]:
    """Every topic the platform uses, for provisioning."""
    work = [work_topic(service, lane) for service in WORKER_SERVICES for lane in LANES]
    control = [control_topic(service) for service in WORKER_SERVICES]
    laned = [of(lane) for of in (request_topic, event_topic, library_topic) for lane in LANES]
    return [*laned, DEAD_LETTERS, *work, *control]


def retention_ms(topic: str) -> int:
    """How long `topic` keeps its records (`retention.ms`): a week for job topics, 30 days for
    the dead letters (time to read why), a day for control commands (stale once the job ran)."""
    if topic == DEAD_LETTERS:
        return DEAD_LETTER_RETENTION_MS
    if topic.startswith(CONTROL_PREFIX):
        return CONTROL_RETENTION_MS
    return JOB_RETENTION_MS
