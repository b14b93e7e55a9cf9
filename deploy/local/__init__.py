"""The local stack: real protocol-compatible servers from PyPI plus every service."""
