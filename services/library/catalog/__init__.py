"""The catalog: every tenant's assets as in-memory columns for search, similarity and stats.

MongoDB stays the record; each replica keeps a tenant's columns in step by reading the
tenant's change log (`changes.py`) before it answers, so a write through one replica is seen
by a search through any other."""
