"""The `local` provider's CPU algorithms: pure functions from `PIL.Image` to `PIL.Image`."""
