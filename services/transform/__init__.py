"""Transform service: runs image to video, talking avatars and image to 3D on providers (with
asynchronous polling) or, for video, on the platform's own pan-and-zoom (`local`)."""

SERVICE = "transform"
