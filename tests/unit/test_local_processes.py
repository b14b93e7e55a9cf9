"""The local stack's processes: the Procfile's priorities reach the processes it starts."""

import os
import sys
from pathlib import Path

from deploy.local.processes import Process, procfile_services

REQUEST_PATH = {"gateway"}


def test_the_bus_consumers_run_last_and_the_request_path_first(tmp_path: Path) -> None:
    services = {process.name: process for process in procfile_services(tmp_path)}
    assert {name for name, process in services.items() if process.nice == 0} == REQUEST_PATH
    assert {process.nice for name, process in services.items() if name not in REQUEST_PATH} == {19}
    assert services["generation"].argv == [sys.executable, "-m", "services.generation"]


def test_a_started_process_has_its_niceness(tmp_path: Path) -> None:
    sleeper = Process("sleeper", [sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, 7)
    pid = sleeper.start({})
    try:
        assert os.getpriority(os.PRIO_PROCESS, pid) == 7
    finally:
        sleeper.stop()
