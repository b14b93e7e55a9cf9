"""Thin plumbing shared by every service: settings, bus, worker loop, stores, telemetry."""
