"""The billing service's internal HTTP API; the gateway forwards to it."""
