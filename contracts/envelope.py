"""CloudEvents 1.0 envelope of every Kafka record.

Besides the CloudEvents context attributes (`specversion`, `id`, `source`, `type`, `time`,
`subject`) every event carries `tenant_id`, `job_id`, optional `batch_id` and the job's `lane`, so
consumers route and scope without opening `data`, and publishers pick the lane's topic. W3C trace
context travels in Kafka record headers, not here.
"""

from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from contracts.topics import Lane

DataT = TypeVar("DataT", bound=BaseModel)


class CloudEvent(BaseModel, Generic[DataT]):
    """One event or command on the bus."""

    model_config = ConfigDict(frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(description="Unique per event; redeliveries of one fact keep the same id.")
    source: str = Field(description="The emitting service, e.g. `/services/generation`.")
    type: str = Field(description="Reverse-DNS event type, e.g. `studio.job.completed`.")
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    subject: str | None = Field(default=None, description="`jobs/{job_id}` for job events.")
    datacontenttype: Literal["application/json"] = "application/json"
    tenant_id: str
    job_id: str
    batch_id: str | None = None
    lane: Lane = Field(
        default="interactive",
        description="The job's lane: `bulk` for campaigns (bar priority processing), else "
        "`interactive`. Every event of a job travels on that lane's topics.",
    )
    data: DataT
    _trace: list[tuple[str, bytes]] | None = PrivateAttr(default=None)
    """In process only, never on the wire: the trace headers of the record this event came in
    (batch consumers set it), which its follow-ups go out with."""

    def header(self) -> dict[str, Any]:
        """The envelope without `data`, e.g. to build a follow-up event of the same job."""
        return self.model_dump(exclude={"data"})
