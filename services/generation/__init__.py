"""Generation service: runs `generate` jobs (text to image) through image providers."""

SERVICE = "generation"
