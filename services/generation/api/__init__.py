"""The generation service's internal HTTP API (the gateway calls it)."""
