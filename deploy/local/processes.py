"""Starting and stopping the stack's processes: detached, logged to a file, tracked by pid file."""

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROCFILE = Path(__file__).with_name("Procfile")


@dataclass
class Process:
    """One named process of the stack, with its log file and pid file under the stack's folder."""

    name: str
    argv: Sequence[str]
    root: Path
    nice: int = 0
    """CPU niceness (0 normal, 19 last): under a full CPU, who waits."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Settings of this process alone, over those it is started with."""

    @property
    def log_file(self) -> Path:
        return self.root / "logs" / f"{self.name}.log"

    @property
    def pid_file(self) -> Path:
        return self.root / "run" / f"{self.name}.pid"

    def start(self, env: Mapping[str, str], cwd: Path | None = None) -> int:
        """Start detached, in its own session (a parent's Ctrl-C does not reach it); the pid."""
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            child = subprocess.Popen(
                list(self.argv),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, **env, **self.env},
                cwd=cwd,
                start_new_session=True,
            )
        if self.nice:
            os.setpriority(os.PRIO_PROCESS, child.pid, self.nice)
        self.pid_file.write_text(str(child.pid))
        return child.pid

    def pid(self) -> int | None:
        """The pid of the running process, or None (also when the pid now names another
        program: pids are reused after a reboot)."""
        try:
            pid = int(self.pid_file.read_text())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _alive(pid) and self._runs_as(pid) else None

    def _runs_as(self, pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return True  # no /proc to check against: trust the pid file
        return Path(self.argv[0]).name.encode() in b" ".join(cmdline)

    def stop(self, timeout_s: float = 15.0) -> None:
        """SIGTERM its process group, then SIGKILL whatever is left after the timeout."""
        stop_together([self], timeout_s)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        pid = self.pid()
        if pid is not None:
            _signal_group(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    def pause(self) -> None:
        """SIGSTOP its process group: it runs no instruction until `resume`."""
        pid = self.pid()
        if pid is not None:
            _signal_group(pid, signal.SIGSTOP)

    def resume(self) -> None:
        pid = self.pid()
        if pid is not None:
            _signal_group(pid, signal.SIGCONT)

    def tail(self, lines: int = 30) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])


@contextlib.contextmanager
def paused(processes: Iterable[Process]) -> Iterator[None]:
    """The processes paused for the duration (as a host that stalls), then resumed."""
    held = list(processes)
    for process in held:
        process.pause()
    try:
        yield
    finally:
        for process in held:
            process.resume()


def stop_together(processes: Iterable[Process], timeout_s: float = 15.0) -> None:
    """Stop processes at once (each shuts down while the others do): SIGTERM every process
    group, then SIGKILL whatever is left after the timeout."""
    running = [(process, process.pid()) for process in processes]
    for _, pid in running:
        if pid is not None:
            _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while any(pid is not None and _alive(pid) for _, pid in running):
        if time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    for process, pid in running:
        if pid is not None:
            _signal_group(pid, signal.SIGKILL)
        process.pid_file.unlink(missing_ok=True)


def procfile_services(root: Path) -> list[Process]:
    """The services of the Procfile as processes (`python` is this interpreter; a leading
    `nice -n N` becomes the process's niceness)."""
    services = []
    for line in PROCFILE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, command = line.split(":", 1)
        argv = shlex.split(command)
        nice = 0
        if argv[:2] == ["nice", "-n"]:
            nice, argv = int(argv[2]), argv[3:]
        if argv[0] == "python":
            argv[0] = sys.executable
        services.append(Process(name.strip(), argv, root, nice))
    return services


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        waited = 0
    if waited == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except (FileNotFoundError, IndexError):
        return False


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
