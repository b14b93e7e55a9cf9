"""Ingest enrichment: what the library measures of each asset once it is recorded (image facts,
automatic tags, a caption and labels from a vision provider, the text embedding)."""
