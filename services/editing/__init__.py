"""Editing service: runs the edit, upscale and control kinds on image providers or on the
platform's own CPU algorithms (`local`)."""

SERVICE = "editing"
