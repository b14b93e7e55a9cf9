"""Tenants: their API keys, brand kits and rate limits, and the operator's admin CLI."""
