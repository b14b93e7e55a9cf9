"""Which addresses the gateway may reach for a tenant: public ones and configured networks."""

import ipaddress

import pytest

from services.gateway.assets.addresses import AddressPolicy, is_public, permitted
from services.gateway.assets.uploads import last_segment
from shared.errors import PermanentError

REFUSED = [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "240.0.0.1",
    "224.0.0.251",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "2002:7f00:1::",  # 6to4 carrying 127.0.0.1
    "2002:a00:1::",  # 6to4 carrying 10.0.0.1
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_listed_networks_are_permitted_and_nothing_else() -> None:
    policy = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.2/32"),))
    assert policy.permits(ipaddress.ip_address("127.0.0.2"))
    assert not policy.permits(ipaddress.ip_address("127.0.0.1"))
    assert not policy.permits(ipaddress.ip_address("::1"))


async def test_a_host_is_judged_by_what_it_resolves_to() -> None:
    with pytest.raises(PermanentError) as refused:
        await permitted("localhost", AddressPolicy(), "url_not_allowed")
    assert refused.value.code == "url_not_allowed"
    assert refused.value.details[0].loc == "url"
    with pytest.raises(PermanentError) as refused:
        await permitted("0x7f000001", AddressPolicy(), "url_not_allowed")  # 127.0.0.1, spelt oddly
    assert refused.value.code == "url_not_allowed"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://cdn.example.com/a/b/photo%20one.jpg?x=1", "photo one.jpg"),
        ("https://example.com/", None),
        ("https://example.com", None),
    ],
)
def test_a_fetched_image_is_named_by_its_url(url: str, name: str | None) -> None:
    assert last_segment(url) == name
