"""`python -m emulator --port 8090`: serve the provider emulator."""

import typer
import uvicorn

from emulator.app import create_app


def main(port: int = 8090, host: str = "127.0.0.1") -> None:
    uvicorn.run(create_app(), host=host, port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    typer.run(main)
