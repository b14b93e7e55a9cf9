"""Engines of the editing service: one module per provider, and `local` for CPU algorithms."""
