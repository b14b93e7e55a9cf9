"""Free ports for a test stack (SeaweedFS also needs each port + 10000 free)."""

import random
import socket

from deploy.local.servers import Ports


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports() -> Ports:
    """A full set of ports, none of them in use (nor the `make up` defaults)."""
    taken: set[int] = set(Ports().__dict__.values())

    def pick(grpc: bool = False) -> int:
        while True:
            port = random.randint(12000, 22000)
            wanted = {port, port + 10000} if grpc else {port}
            if not wanted & taken and all(_free(p) for p in wanted):
                taken.update(wanted)
                return port

    return Ports(
        kafka=pick(),
        mongo=pick(),
        s3=pick(grpc=True),
        s3_master=pick(grpc=True),
        s3_volume=pick(grpc=True),
        s3_filer=pick(grpc=True),
        gateway=pick(),
        library=pick(),
        billing=pick(),
        generation=pick(),
    )
