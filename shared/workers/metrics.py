"""The metrics every job worker exports under its own name: the jobs it ended and how long they
took (each worker adds its domain metrics beside them, in its `metrics.py`)."""

from collections.abc import Sequence
from dataclasses import dataclass

from prometheus_client import Counter, Histogram

from shared.metrics import DURATION_BUCKETS


@dataclass(frozen=True)
class JobsEnded:
    """`studio_{service}_jobs_total`, counted by `JobReporter` (an `Ended`)."""

    counter: Counter
    by_kind: bool

    def __call__(self, kind: str, outcome: str) -> None:
        labels = (kind, outcome) if self.by_kind else (outcome,)
        self.counter.labels(*labels).inc()


def jobs_ended(service: str, *, by_kind: bool = True) -> JobsEnded:
    """The counter of the jobs `service` ended, by outcome (and kind, with `by_kind`)."""
    labels = ["kind", "outcome"] if by_kind else ["outcome"]
    counter = Counter(
        f"studio_{service}_jobs_total",
        f"Jobs this service ended, by {' and '.join(labels)}.",
        labels,
    )
    return JobsEnded(counter, by_kind)


def job_seconds(service: str, labels: Sequence[str] = (), by: str = "") -> Histogram:
    """The histogram of the time from taking a job to completing it (`by` describes `labels`)."""
    return Histogram(
        f"studio_{service}_job_seconds",
        f"Time from taking a job to completing it{f', by {by}' if by else ''}.",
        list(labels),
        buckets=DURATION_BUCKETS,
    )
