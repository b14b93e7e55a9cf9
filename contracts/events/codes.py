"""The codes of the bus: every record's CloudEvents `type`, and why a job failed or was refused."""

from enum import StrEnum


class EventType(StrEnum):
    """CloudEvents `type` of every record on the bus."""

    REQUESTED = "studio.job.requested"
    RUN = "studio.job.run"
    CANCEL = "studio.job.cancel"
    ACCEPTED = "studio.job.accepted"
    REJECTED = "studio.job.rejected"
    APPROVED = "studio.job.approved"
    STARTED = "studio.job.started"
    PROGRESS = "studio.job.progress"
    COMPLETED = "studio.job.completed"
    FAILED = "studio.job.failed"
    CANCELLED = "studio.job.cancelled"
    DEAD_LETTERED = "studio.job.dead_lettered"


class FailureCode(StrEnum):
    """Well-known codes of `JobFailed.code`; services may add their own (`object_store_error`)."""

    NO_PROVIDER_CONFIGURED = "no_provider_configured"
    UNKNOWN_PROVIDER = "unknown_provider"
    INVALID_PARAMS = "invalid_params"
    PROVIDER_ERROR = "provider_error"
    PROVIDER_REFUSED = "provider_refused"
    PROVIDERS_UNAVAILABLE = "providers_unavailable"
    INTERNAL_ERROR = "internal_error"
    DEAD_LETTERED = "dead_lettered"


class RejectionCode(StrEnum):
    """Why the pre-flight refused a job (machine-readable)."""

    UNKNOWN_KIND = "unknown_kind"
    INVALID_PARAMS = "invalid_params"
    INSUFFICIENT_CREDITS = "insufficient_credits"
    FEATURE_NOT_IN_PLAN = "feature_not_in_plan"
    MONTHLY_QUOTA_EXCEEDED = "monthly_quota_exceeded"
    RESOLUTION_NOT_IN_PLAN = "resolution_not_in_plan"
    BUDGET_CAP_REACHED = "budget_cap_reached"
