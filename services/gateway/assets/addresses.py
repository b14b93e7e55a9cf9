"""Which network addresses the gateway may reach on a tenant's behalf: public ones only, unless
configured (webhooks may allow every address; URL uploads allow listed networks).

A host is judged by every address it resolves to, so a name pointing at a private address is
refused like the address itself.
"""

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from contracts.http.errors import FieldError
from shared.errors import PermanentError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses, plus the `allowed` networks."""

    allowed: tuple[Network, ...] = ()

    def permits(self, address: Address) -> bool:
        return is_public(address) or any(address in network for network in self.allowed)


def is_public(address: Address) -> bool:
    """Not private, loopback, link-local, reserved, multicast or unspecified (an IPv4 address
    carried in IPv6 — mapped, 6to4 or Teredo — is judged as itself)."""
    if isinstance(address, ipaddress.IPv6Address):
        teredo = address.teredo[1] if address.teredo else None
        carried = address.ipv4_mapped or address.sixtofour or teredo
        if carried is not None:
            address = carried
    special = address.is_multicast or address.is_reserved or address.is_unspecified
    return address.is_global and not special


async def resolve(host: str, port: int | None = None) -> list[Address]:
    """Every address `host` (a name or a literal address) resolves to; raises `OSError`."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found = [ipaddress.ip_address(info[4][0]) for info in infos]
    return list(dict.fromkeys(found))


async def permitted(
    host: str, policy: AddressPolicy, code: str, unresolved_code: str | None = None
) -> list[Address]:
    """The addresses of `host` when the policy permits every one; else `PermanentError(code)`
    on `url` (`unresolved_code`, default `code`, when the name does not resolve)."""
    try:
        addresses = await resolve(host)
    except (OSError, UnicodeError) as exc:
        raise refused(unresolved_code or code, f"{host} does not resolve") from exc
    for address in addresses:
        if not policy.permits(address):
            raise refused(code, f"{host} is a non-public address ({address})")
    return addresses


async def refuse_private(url: str, allow_private: bool) -> None:
    """422 `webhook_url_refused` for a URL whose host is (or resolves to) a non-public
    address, unless allowed."""
    if not allow_private:
        await permitted(urlsplit(url).hostname or "", AddressPolicy(), "webhook_url_refused")


def refused(code: str, message: str) -> PermanentError:
    return PermanentError(code, message, [FieldError(loc="url", message=message, type=code)])
