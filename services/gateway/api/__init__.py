"""The public HTTP API of the gateway."""
