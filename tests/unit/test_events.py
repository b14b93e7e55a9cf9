from datetime import UTC, datetime

from contracts.events import (
    JOB_EVENT,
    STATUS_OF,
    EventType,
    JobCompletedEvent,
    JobProgress,
    JobProgressEvent,
    JobRequested,
    JobRequestedEvent,
    follow_up,
)
from contracts.jobs import FINAL_STATUSES, JobStatus


def _request() -> JobRequestedEvent:
    return JobRequestedEvent(
        id="job_1:requested",
        source="/services/gateway",
        tenant_id="ten_1",
        job_id="job_1",
        batch_id="bat_1",
        data=JobRequested(kind="generate", params={}, submitted_at=datetime.now(UTC)),
    )


def test_envelope_carries_cloudevents_attributes_and_routing_ids() -> None:
    wire = _request().model_dump(mode="json")
    assert wire["specversion"] == "1.0"
    assert wire["type"] == "studio.job.requested"
    assert {"id", "source", "time", "tenant_id", "job_id", "batch_id", "data"} <= wire.keys()


def test_follow_up_keeps_the_job_and_derives_a_stable_id() -> None:
    progress = JobProgress(percent=50, message="half")
    first = follow_up(_request(), JobProgressEvent, progress, source="/s", fact="progress:50")
    again = follow_up(_request(), JobProgressEvent, progress, source="/s", fact="progress:50")
    assert first.id == again.id == "job_1:progress:50"
    assert (first.tenant_id, first.job_id, first.batch_id) == ("ten_1", "job_1", "bat_1")
    assert first.subject == "jobs/job_1"


def test_job_events_decode_to_their_type() -> None:
    progress = follow_up(
        _request(), JobProgressEvent, JobProgress(percent=5, message="m"), source="/s", fact="p"
    )
    decoded = JOB_EVENT.validate_json(progress.model_dump_json())
    assert isinstance(decoded, JobProgressEvent)
    assert decoded.data.percent == 5


def test_every_lifecycle_event_maps_to_a_status_and_finals_are_final() -> None:
    not_lifecycle = {
        EventType.REQUESTED,
        EventType.RUN,
        EventType.CANCEL,
        EventType.DEAD_LETTERED,
    }
    lifecycle = set(EventType) - not_lifecycle
    assert set(STATUS_OF) == lifecycle
    assert STATUS_OF[EventType.COMPLETED] in FINAL_STATUSES
    assert JobStatus.ACCEPTED.rank < JobStatus.APPROVED.rank < JobStatus.RUNNING.rank
    assert all(status.rank > JobStatus.RUNNING.rank for status in FINAL_STATUSES)
    assert JobCompletedEvent.model_fields["type"].default == "studio.job.completed"
