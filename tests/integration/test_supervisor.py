"""The local supervisor with real child processes: a child that exits is started again after a
backoff while the others keep running, and stopping the supervisor stops every child."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from deploy.local.supervisor import backoff_s

CRASHER = "import sys; print('crasher up', flush=True); sys.exit(3)"
STEADY = "import os, time; print('steady', os.getpid(), flush=True); time.sleep(120)"


def test_the_backoff_doubles_from_one_second_to_thirty() -> None:
    assert [backoff_s(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_crashing_child_is_restarted_and_the_others_run_on(tmp_path: Path) -> None:
    children = [
        {"name": "crasher", "argv": [sys.executable, "-c", CRASHER], "env": {}},
        {"name": "steady", "argv": [sys.executable, "-c", STEADY], "env": {}},
    ]
    listing = tmp_path / "children.json"
    listing.write_text(json.dumps(children))
    log = (tmp_path / "out.log").open("w+")
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "deploy.local.supervisor", str(listing)], stdout=log, text=True
    )
    try:
        output = _wait_for(tmp_path / "out.log", "crasher up", count=3, timeout_s=15)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=20) == 0
    assert "crasher        | exited with 3; starting again in 1s" in output
    assert "starting again in 2s" in output, "the second short run waits twice as long"
    steady = [line for line in output.splitlines() if line.startswith("steady ")]
    assert len(steady) == 1, "the steady child never stopped"
    pid = int(steady[0].split()[-1])
    assert not Path(f"/proc/{pid}").exists(), "stopping the supervisor stopped its children"


def _wait_for(path: Path, text: str, count: int, timeout_s: float) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        output = path.read_text()
        if output.count(text) >= count:
            return output
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not seen {count} times:\n{path.read_text()}")
