"""Schemathesis over every operation of the served document, against the running stack: no
server error, no status the document does not list, every answer as documented, and no request
the document allows refused as invalid (a bounded run: a few cases per operation)."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.stack import RunningStack

CONFIG = Path(__file__).with_name("schemathesis.toml")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
RUN_TIMEOUT_S = 540
"""A few cases per operation over ~80 operations take about two minutes here."""


@pytest.mark.timeout(RUN_TIMEOUT_S + 60)
async def test_the_api_keeps_its_documented_contract(
    stack: RunningStack, tenant_key: str, tmp_path: Path
) -> None:
    run = await asyncio.to_thread(
        subprocess.run,
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(CONFIG),
            "--no-color",
            "run",
            f"{stack.url}/openapi.json",
            "--header",
            f"Authorization: Bearer {tenant_key}",
            "--report-dir",
            str(tmp_path),
        ],
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract.hooks"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-2_000:]
