"""Logs, traces and trace propagation, installed by one call per service.

Log lines are JSON with the service name, the current trace/span ids and whatever `log_context`
bound (job id, tenant id). Trace context crosses Kafka in W3C `traceparent` record headers.
"""

import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON, ParentBased
from pythonjsonlogger.json import JsonFormatter

from shared.settings import TelemetrySettings

_fields: ContextVar[dict[str, str]] = ContextVar("log_fields", default={})  # noqa: B039 (never mutated)

tracer = trace.get_tracer("image-studio")

KafkaHeaders = Sequence[tuple[str, bytes]]


@contextmanager
def log_context(**fields: str | None) -> Iterator[None]:
    """Bind fields (e.g. `job_id`) to every log line written inside the block."""
    merged = {**_fields.get(), **{k: v for k, v in fields.items() if v is not None}}
    token = _fields.set(merged)
    try:
        yield
    finally:
        _fields.reset(token)


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        for key, value in _fields.get().items():
            setattr(record, key, value)
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            record.trace_id = format(span.trace_id, "032x")
            record.span_id = format(span.span_id, "016x")
        return True


def setup_telemetry(service: str, settings: TelemetrySettings) -> None:
    """Install JSON logging and tracing (exported by OTLP when an endpoint is set)."""
    _setup_logging(service, settings)
    _setup_tracing(service, settings)


def _setup_logging(service: str, settings: TelemetrySettings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    if settings.log_json:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    for noisy in ("aiokafka", "kafka", "pymongo", "httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


def _setup_tracing(service: str, settings: TelemetrySettings) -> None:
    """Spans are recorded only where they are exported. Without an OTLP endpoint every span is
    still made (trace and span ids travel in headers and log lines, so one job is one trace) but
    not recorded, which costs next to nothing."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    recorded = ALWAYS_ON if settings.otlp_endpoint else ALWAYS_OFF
    provider = TracerProvider(
        resource=Resource.create({"service.name": service}), sampler=ParentBased(recorded)
    )
    if settings.otlp_endpoint:
        exporter = OTLPSpanExporter(endpoint=f"{settings.otlp_endpoint.rstrip('/')}/v1/traces")
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    HTTPXClientInstrumentor().instrument()  # service-to-service calls carry the trace


def trace_headers() -> list[tuple[str, bytes]]:
    """The current trace context as Kafka record headers."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return [(key, value.encode()) for key, value in carrier.items()]


def context_from_headers(headers: KafkaHeaders | None) -> Context:
    """The trace context a producer put in a record's headers (empty context when none)."""
    carrier: dict[str, Any] = {key: value.decode() for key, value in headers or ()}
    return propagate.extract(carrier)
