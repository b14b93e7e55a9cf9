"""Engines of the transform service: one module per provider, and `local` for CPU video."""
