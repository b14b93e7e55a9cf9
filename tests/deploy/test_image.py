"""The image: its Dockerfile passes hadolint, its entrypoint runs every process by name and
refuses others, its health check finds the process running and asks it on its own port."""

import importlib
import importlib.util
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.docker import entrypoint, healthcheck
from deploy.docker.entrypoint import PROCESSES
from shared.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "deploy" / "docker" / "Dockerfile"
BIN = Path(sys.executable).parent
IGNORE_PRAGMA = re.compile(r"#\s*hadolint\s+ignore=(\S+)(.*)")


def test_dockerfile_passes_hadolint() -> None:
    linted = subprocess.run(
        [BIN / "hadolint", "--no-color", "--failure-threshold", "style", DOCKERFILE],
        capture_output=True,
        text=True,
        cwd=DOCKERFILE.parent,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_every_ignored_hadolint_rule_says_why() -> None:
    for line in DOCKERFILE.read_text().splitlines():
        pragma = IGNORE_PRAGMA.search(line)
        if pragma:
            assert pragma.group(2).strip(" :-()"), f"ignored without a reason: {line}"


def test_the_image_runs_as_an_unprivileged_user() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE.read_text(), re.MULTILINE)
    assert users, "no USER: the image would run as root"
    user = users[-1].partition(":")[0]
    assert user not in ("root", "0")
    assert user.isdigit(), "numeric, so Kubernetes' runAsNonRoot can check it"


def test_dockerignore_keeps_what_the_dockerfile_copies() -> None:
    ignored = set((REPO / ".dockerignore").read_text().splitlines())
    copies = re.findall(r"^COPY (?!--from)(\S+)", DOCKERFILE.read_text(), re.MULTILINE)
    assert copies
    for source in copies:
        assert source.rstrip("/") not in ignored, source


@pytest.mark.parametrize("name", list(PROCESSES))
def test_every_process_is_a_module(name: str) -> None:
    assert importlib.util.find_spec(PROCESSES[name].module) is not None


@pytest.mark.parametrize("name", [n for n, p in PROCESSES.items() if p.server])
def test_every_server_is_where_its_settings_say(name: str) -> None:
    server = PROCESSES[name].server
    assert server is not None
    module, cls = server.settings.split(":")
    settings_cls = getattr(importlib.import_module(module), cls)
    assert issubclass(settings_cls, ServiceSettings)
    assert settings_cls.model_config["env_prefix"] == server.prefix
    assert settings_cls.model_fields[server.port_field].default == server.port


def test_a_name_runs_its_module_with_the_arguments() -> None:
    assert entrypoint.command(["projector", "--flag"]) == [
        sys.executable,
        "-m",
        "services.gateway.events",
        "--flag",
    ]


@pytest.mark.parametrize("argv", [["nope"], []])
def test_an_unknown_or_missing_name_is_refused(argv: list[str]) -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "deploy.docker.entrypoint", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert refused.returncode == entrypoint.USAGE_ERROR == 2
    assert "gateway | projector | billing" in refused.stderr


def _fake_proc(root: Path, commands: dict[int, list[str]]) -> Path:
    for pid, argv in commands.items():
        (root / str(pid)).mkdir()
        (root / str(pid) / "cmdline").write_bytes(b"\0".join(a.encode() for a in argv) + b"\0")
    (root / "self").mkdir()
    return root


def test_the_running_process_is_found_behind_an_init(tmp_path: Path) -> None:
    proc = _fake_proc(
        tmp_path,
        {
            1: ["/sbin/docker-init", "--", "python", "-m", "deploy.docker.entrypoint", "billing"],
            7: ["/opt/venv/bin/python", "-m", "services.billing"],
            40: ["python", "-m", "deploy.docker.healthcheck"],
        },
    )
    assert healthcheck.running(proc) == "billing"


def test_no_process_of_the_image_is_unhealthy(tmp_path: Path) -> None:
    proc = _fake_proc(tmp_path, {1: ["sleep", "infinity"]})
    assert healthcheck.running(proc) is None


class _Healthy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response({"/healthz": 200, "/readyz": 503}.get(self.path, 204))
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    running = ThreadingHTTPServer(("127.0.0.1", 0), _Healthy)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()  # again, harmless, when the test closed it


def test_the_check_asks_the_interface_and_port_the_variables_give() -> None:
    projector = PROCESSES["projector"].server
    assert projector is not None
    assert healthcheck.url(projector, "/healthz", {}) == "http://127.0.0.1:8007/healthz"
    given = {"GATEWAY_HOST": "0.0.0.0", "gateway_projector_port": "9000", "GATEWAY_PORT": "1"}
    assert healthcheck.url(projector, "/readyz", given) == "http://127.0.0.1:9000/readyz"
    assert healthcheck.url(projector, "/", {"GATEWAY_HOST": "fd00::7"}) == "http://[fd00::7]:8007/"


def test_the_check_passes_only_on_200(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = server.server_address[1]
    monkeypatch.setenv("BILLING_PORT", str(port))
    assert healthcheck.main(["billing"]) == 0
    assert healthcheck.main(["--ready", "billing"]) == 1  # /readyz answers 503 here
    assert not healthcheck.answers(f"http://127.0.0.1:{port}/other")  # 204: not 200
    server.shutdown()
    server.server_close()
    assert healthcheck.main(["billing"]) == 1


def test_a_one_shot_step_is_healthy_without_a_server() -> None:
    assert healthcheck.main(["provision"]) == 0
