"""The provider layer every worker that calls AI providers shares: the classified provider error,
HTTP calls, circuit breakers, per-provider limits, the routes built from a service's adapter
tuple (`registry`) and the router that falls back along a job's candidate models. Adapters live
in their services (`services/<name>/providers/`)."""
