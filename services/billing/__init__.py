"""Billing service: the pre-flight every job passes before work starts."""

SERVICE = "billing"
