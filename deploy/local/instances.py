"""How many processes of each service the local stack runs, and where each listens.

Instance 1 of a service keeps the service's name and port; instance n is `<service>-<n>`, on the
service's port + 100 × (n - 1), so each instance's health and metrics answer on a port of its
own. Instances of a service share everything else: their consumer groups are the service's, so
they split its partitions as replicas of a Deployment do.
"""

from collections.abc import Mapping
from dataclasses import dataclass

PORT_VARIABLES = {
    "gateway": "GATEWAY_PORT",
    "projector": "GATEWAY_PROJECTOR_PORT",
    "library": "LIBRARY_PORT",
    "billing": "BILLING_PORT",
    "generation": "GENERATION_PORT",
    "optimizer": "OPTIMIZER_PORT",
    "editing": "EDITING_PORT",
    "transform": "TRANSFORM_PORT",
}
"""The setting that names each service's HTTP port."""
INSTANCE_STEP = 100
MAX_INSTANCES = 9


@dataclass(frozen=True)
class Instance:
    service: str
    number: int
    """1 for the first instance."""
    port: int

    @property
    def name(self) -> str:
        return self.service if self.number == 1 else f"{self.service}-{self.number}"

    def env(self) -> dict[str, str]:
        """The settings that set this instance apart from the service's others."""
        return {PORT_VARIABLES[self.service]: str(self.port)}


def instances_of(service: str, port: int, scale: Mapping[str, int]) -> list[Instance]:
    """The instances `scale` asks of `service` (one unless it says otherwise)."""
    count = scale.get(service, 1)
    return [Instance(service, n, port + INSTANCE_STEP * (n - 1)) for n in range(1, count + 1)]


def parse_scale(text: str) -> dict[str, int]:
    """`gateway=2,generation=3` as `{"gateway": 2, "generation": 3}`; a clear error otherwise."""
    scale: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        service, _, count = part.partition("=")
        if service not in PORT_VARIABLES:
            known = ", ".join(PORT_VARIABLES)
            raise ValueError(f"no service {service!r} to scale (services: {known})")
        if not count.isdigit() or not 1 <= int(count) <= MAX_INSTANCES:
            raise ValueError(f"{service}={count}: give a count from 1 to {MAX_INSTANCES}")
        scale[service] = int(count)
    return scale
