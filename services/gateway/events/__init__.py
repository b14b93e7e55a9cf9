"""The gateway's projector: a process of its own beside the API. It turns job events into job
records and their history, queues webhook deliveries, streams events to connected clients (SSE,
WebSocket), sends due webhooks and sweeps stuck jobs, so none of it ever slows a submission."""

SERVICE = "projector"
