"""Webhooks: the endpoints tenants register, the deliveries queued for them, and sending."""
