"""The SDK's reading of job events: a known type as its model, a type added since as an
`UnknownEvent` with everything it carried, and anything not an event as a `StudioError`."""

import json

import pytest

from studio import StudioError, UnknownEvent, parse_event
from studio.models import JobStartedEvent

EVENT = {
    "specversion": "1.0",
    "id": "evt_1",
    "source": "/services/generation",
    "time": "2026-01-01T00:00:00Z",
    "tenant_id": "ten_1",
    "job_id": "job_1",
}


def test_a_known_type_is_read_as_its_model() -> None:
    started = EVENT | {
        "type": "studio.job.started",
        "data": {"kind": "generate", "service": "generation"},
    }
    assert isinstance(parse_event(json.dumps(started)), JobStartedEvent)


def test_a_newer_type_is_kept_whole_as_an_unknown_event() -> None:
    newer = EVENT | {"type": "studio.job.paused", "data": {"why": "quota"}, "region": "eu"}
    event = parse_event(json.dumps(newer))
    assert isinstance(event, UnknownEvent)
    assert (event.type, event.job_id, event.data) == (
        "studio.job.paused",
        "job_1",
        {"why": "quota"},
    )
    assert event.model_extra == {"region": "eu"}


@pytest.mark.parametrize("text", ["[1, 2]", '{"type": "studio.job.started"}', "not json"])
def test_what_is_not_an_event_is_an_unexpected_response(text: str) -> None:
    with pytest.raises(StudioError) as refused:
        parse_event(text)
    assert refused.value.code == "unexpected_response"
