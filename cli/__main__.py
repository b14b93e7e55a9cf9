"""`python -m cli`: the same as the `studio` command."""

from cli.main import app

app(prog_name="studio")
