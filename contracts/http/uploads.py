"""Upload bodies: an image fetched from a URL (file uploads are multipart, answered by
`AssetPublic`)."""

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class UploadFromUrl(BaseModel):
    """`POST /v1/uploads/url`: fetch an image from an http(s) URL and store it as an asset."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": "https://cdn.agency.example/p/watch.png", "filename": "watch.png"}]
        },
    )

    url: HttpUrl = Field(
        description="Where the image is; its host must be public (redirects are followed up "
        "to 3 times, each target checked alike)."
    )
    filename: str | None = Field(
        default=None,
        max_length=255,
        description="Name to record; default: the URL's last path segment.",
    )
