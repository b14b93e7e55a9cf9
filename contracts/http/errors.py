"""The one error body every HTTP error answers with."""

from pydantic import BaseModel, Field


class FieldError(BaseModel):
    """One invalid field of a request."""

    loc: str = Field(description="Dotted path of the field, e.g. `params.variations`.")
    message: str
    type: str = Field(description="Machine-readable kind of the problem, e.g. `less_than_equal`.")


class ErrorBody(BaseModel):
    code: str = Field(description="Machine-readable, e.g. `invalid_params`, `not_found`.")
    message: str = Field(description="For humans.")
    details: list[FieldError] = Field(default_factory=list)
    request_id: str | None = Field(
        None,
        description="The `Request-Id` response header's value: quote it to support. Absent "
        "only where no request was being answered.",
    )


class ErrorPublic(BaseModel):
    """`{"error": {"code", "message", "details", "request_id"}}`."""

    error: ErrorBody
