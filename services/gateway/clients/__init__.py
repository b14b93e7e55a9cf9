"""Clients of the platform's internal APIs: billing, library and generation."""
