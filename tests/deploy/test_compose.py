"""The compose stack, checked offline: Compose accepts it with the example env (and refuses it
without the secrets), it matches the Compose specification, every variable it gives a platform
service is a real setting, every process of the image runs in it, and its YAML is clean."""

import importlib
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic_settings import BaseSettings

from deploy import settings_doc
from deploy.docker.entrypoint import PROCESSES, Process, Server
from shared.settings import ServiceSettings

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "deploy" / "compose"
BIN = Path(sys.executable).parent
SECRETS = {
    "STUDIO_INTERNAL_TOKEN": "test-internal-token",
    "S3_SECRET_KEY": "test-s3-secret",
    "GRAFANA_ADMIN_PASSWORD": "test-grafana-password",
}
PROVIDER_KEY = "GENERATION_STABILITY__API_KEY"


def _env_file(folder: Path, values: dict[str, str]) -> Path:
    """The example env with `values` set (each line `NAME=` or `# NAME=` replaced)."""
    lines = []
    for line in (COMPOSE / ".env.example").read_text().splitlines():
        name = line.removeprefix("# ").partition("=")[0]
        lines.append(f"{name}={values[name]}" if "=" in line and name in values else line)
    path = folder / f"env-{len(list(folder.iterdir()))}"
    path.write_text("\n".join(lines) + "\n")
    return path


def _compose(env_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`docker-compose config …` with only `env_file` to fill the file in (not our shell's)."""
    command = [BIN / "docker-compose", "-f", COMPOSE / "compose.yaml", "--env-file", env_file]
    clean = {"PATH": os.environ["PATH"], "HOME": str(env_file.parent)}
    return subprocess.run(
        [*map(str, command), "config", *args], capture_output=True, text=True, env=clean
    )


@cache
def _model(tmp: Path, with_key: bool = False) -> dict[str, Any]:
    """The stack as Compose resolves it, with the example env's secrets (and a provider key)."""
    values = SECRETS | ({PROVIDER_KEY: "sk-test"} if with_key else {})
    done = _compose(_env_file(tmp, values), "--format", "json")
    assert done.returncode == 0, done.stderr
    model: dict[str, Any] = json.loads(done.stdout)
    return model


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("compose")


def _platform(model: dict[str, Any]) -> dict[str, tuple[Process, dict[str, str]]]:
    """Every service running a process of the image: the process and its environment."""
    image = model["services"]["gateway"]["image"]
    return {
        name: (PROCESSES[service["command"][0]], service.get("environment", {}))
        for name, service in model["services"].items()
        if service.get("image") == image
    }


def test_compose_accepts_the_example_env_with_its_secrets(folder: Path) -> None:
    done = _compose(_env_file(folder, SECRETS), "-q")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("secret", sorted(SECRETS))
def test_compose_refuses_to_start_without_a_secret(folder: Path, secret: str) -> None:
    done = _compose(_env_file(folder, {k: v for k, v in SECRETS.items() if k != secret}), "-q")
    assert done.returncode != 0
    assert f"set {secret} in deploy/compose/.env" in done.stderr


def test_the_file_matches_the_compose_specification() -> None:
    checked = subprocess.run(
        [
            BIN / "check-jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            COMPOSE / "compose.yaml",
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _settings_class(server: Server) -> type[ServiceSettings]:
    module, name = server.settings.split(":")
    cls: type[ServiceSettings] = getattr(importlib.import_module(module), name)
    return cls


def _settings_names(process: Process) -> set[str]:
    """The env names the process reads: the shared pieces' and its own service's (every
    one also as `<NAME>_FILE`, its value read from that file)."""
    classes: list[type[BaseSettings]] = [cls for _, cls in settings_doc.SHARED]
    if process.server is not None:
        classes.append(_settings_class(process.server))
    names = {row[0] for cls in classes for row in settings_doc.rows(cls)}
    return names | {f"{name}_FILE" for name in names}


def test_every_variable_given_to_a_platform_service_is_one_of_its_settings(folder: Path) -> None:
    platform = _platform(_model(folder, with_key=True))
    assert platform
    for service, (process, environment) in platform.items():
        unknown = set(environment) - _settings_names(process)
        assert not unknown, f"{service}: not settings of {process.module}: {sorted(unknown)}"


def test_servers_bind_every_interface(folder: Path) -> None:
    for service, (process, environment) in _platform(_model(folder)).items():
        if process.server is not None:
            assert environment.get(f"{process.server.prefix}HOST") == "0.0.0.0", service


def test_a_provider_key_left_commented_out_is_not_set(folder: Path) -> None:
    """An empty key would turn the provider on, keyless: an unset key stays null, which
    Compose leaves out of the container's environment."""
    assert _model(folder)["services"]["generation"]["environment"][PROVIDER_KEY] is None
    given = _model(folder, with_key=True)["services"]["generation"]["environment"]
    assert given[PROVIDER_KEY] == "sk-test"


def test_every_process_of_the_image_has_a_service(folder: Path) -> None:
    running = {process for process, _ in _platform(_model(folder)).values()}
    assert running == set(PROCESSES.values())


def test_services_wait_for_provisioning(folder: Path) -> None:
    for service, (process, _) in _platform(_model(folder)).items():
        if process.server is not None:
            depends = _model(folder)["services"][service]["depends_on"]
            assert depends["provision"]["condition"] == "service_completed_successfully"


def test_topic_replication_matches_the_brokers(folder: Path) -> None:
    model = _model(folder)
    brokers = [s for s in model["services"].values() if s["image"].startswith("apache/kafka:")]
    broker = brokers[0]["environment"]
    factors = {env["KAFKA_REPLICATION_FACTOR"] for _, env in _platform(model).values()}
    assert factors == {broker["KAFKA_DEFAULT_REPLICATION_FACTOR"]}
    assert broker["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == factors.pop()
    assert int(broker["KAFKA_DEFAULT_REPLICATION_FACTOR"]) <= len(brokers)


def test_mongo_url_names_every_member_of_the_replica_set(folder: Path) -> None:
    model = _model(folder)
    url = urlsplit(_platform(model)["gateway"][1]["MONGO_URL"])
    members = {
        f"{name}:27017"
        for name, service in model["services"].items()
        if "--replSet" in (service.get("command") or [])
    }
    assert set(url.netloc.split(",")) == members
    assert len(members) == 3
    assert url.query == "replicaSet=rs0"


def test_every_image_is_pinned(folder: Path) -> None:
    for name, service in _model(folder)["services"].items():
        _, _, tag = service["image"].rpartition(":")
        versioned = tag != "latest" and any(c.isdigit() for c in tag)
        assert versioned or "build" in service, name


def test_prometheus_scrapes_every_server_on_its_port() -> None:
    config = yaml.safe_load((COMPOSE / "prometheus.yml").read_text())
    scraped = {
        (names, sd["port"])
        for job in config["scrape_configs"]
        for sd in job.get("dns_sd_configs", [])
        for names in sd["names"]
    }
    for name, process in PROCESSES.items():
        if process.server is not None:
            assert (name, process.server.port) in scraped, name


def test_the_ingress_routes_to_the_servers_and_the_bucket(folder: Path) -> None:
    conf = (COMPOSE / "ingress.conf").read_text()
    for name in ("gateway", "projector"):
        server = PROCESSES[name].server
        assert server is not None
        assert f"server {name}:{server.port} resolve;" in conf
    bucket = _platform(_model(folder))["gateway"][1]["S3_BUCKET"]
    assert f"location /{bucket}/ {{" in conf


def test_the_yaml_passes_yamllint() -> None:
    files = [*COMPOSE.rglob("*.yaml"), *COMPOSE.rglob("*.yml"), REPO / ".yamllint"]
    linted = subprocess.run(
        [BIN / "yamllint", "--strict", "-c", REPO / ".yamllint", *files],
        capture_output=True,
        text=True,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
