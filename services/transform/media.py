"""What a transform made, checked and described as it will be stored: a video (probed by
decoding: size, duration, codecs, frames) with its poster still, or a GLB model."""

import hashlib
import struct

from contracts.media import StoredMedia
from services.transform.local.video import poster
from shared.errors import PermanentError
from shared.ffmpeg import probe
from shared.images import ImageLimits, describe

GLB_MAGIC, GLB_VERSION = b"glTF", 2


def describe_video(data: bytes) -> StoredMedia:
    """An MP4 that decodes, described (CPU work); `PermanentError` when it does not."""
    found = probe(data)
    if found.video_codec is None or found.width is None or found.height is None:
        raise PermanentError("media_unreadable", "the video has no video stream")
    return StoredMedia(
        content_type="video/mp4",
        format="mp4",
        width=found.width,
        height=found.height,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        duration_s=round(found.duration_s, 3),
        codec=found.video_codec,
        audio_codec=found.audio_codec,
        frames=found.frames,
    )


def describe_glb(data: bytes) -> StoredMedia:
    """A binary glTF 2.0 whose header holds together, described."""
    if len(data) < 12 or data[:4] != GLB_MAGIC:
        raise PermanentError("media_unreadable", "the model is not a binary glTF (GLB)")
    version, length = struct.unpack_from("<II", data, 4)
    if version != GLB_VERSION or length != len(data):
        raise PermanentError("media_unreadable", f"a GLB of version {version}, {length} bytes")
    return StoredMedia(
        content_type="model/gltf-binary",
        format="glb",
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def describe_obj(data: bytes) -> StoredMedia:
    return StoredMedia(
        content_type="model/obj",
        format="obj",
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def poster_of(video: bytes, limits: ImageLimits) -> tuple[bytes, StoredMedia]:
    """A JPEG still of the video, described."""
    still = poster(video)
    return still, describe(still, limits)
