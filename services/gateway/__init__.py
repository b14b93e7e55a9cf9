"""Gateway: the public HTTP API. Authenticates, validates, records jobs, publishes them, and pushes
their events back to clients (SSE, WebSocket)."""

SERVICE = "gateway"
SOURCE = f"/services/{SERVICE}"
