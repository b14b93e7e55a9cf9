"""Media formats, shared by every kind that reads or writes images."""

from enum import StrEnum

from pydantic import BaseModel


class ImageFormat(StrEnum):
    """Encoded image formats the platform reads and writes."""

    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"

    @property
    def content_type(self) -> str:
        return f"image/{self.value}"


class StoredImage(BaseModel):
    """What is known of every stored image, whatever made it."""

    content_type: str
    format: str
    width: int
    height: int
    bytes: int
    sha256: str
