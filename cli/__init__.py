"""The `studio` command line (installed by the project)."""
