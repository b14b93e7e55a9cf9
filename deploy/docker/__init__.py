"""The one container image of every service: its entrypoint and health check."""
