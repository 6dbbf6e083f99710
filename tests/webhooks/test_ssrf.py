"""The SSRF guard: every non-public form refused, at registration and at connect time."""

from __future__ import annotations

import asyncio
import ipaddress
import random
import sys

import httpx
import pytest

from webhooks.services.deliveries import Outcome, Request
from webhooks.services.sending import send_one
from webhooks.ssrf import (
    EMBEDDING_IPV4,
    LOOPBACK,
    NON_PUBLIC,
    NON_PUBLIC_IPV4,
    NON_PUBLIC_IPV6,
    Resolver,
    UnsafeURL,
    check_url,
    embedded_ipv4,
    refusal,
)
from webhooks.transport import GuardedTransport

PUBLIC = "93.184.215.14"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "fd00:ec2::254",  # AWS metadata over IPv6
        "fe80::1",
        "100.64.0.1",  # carrier-grade NAT
        "100.127.255.254",
        "224.0.0.1",
        "ff02::1",
        "0.0.0.0",
        "::",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b::10.0.0.1",
        "64:ff9b:1::a00:1",  # local-use NAT64 prefix
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo of 127.0.0.1
        "fc00::1",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) is not None


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) is None


def test_loopback_only_with_the_flag_and_nothing_else():
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("::1"), allow_loopback=True) is None
    for other in ("10.0.0.1", "169.254.169.254", "192.168.0.1", "100.64.0.1"):
        assert refusal(ipaddress.ip_address(other), allow_loopback=True) is not None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/hook", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.org/", "only http and https"),
        ("https://user:pass@example.org/hook", "credentials"),
        ("https:///hook", "no host"),
        ("http://10.1.2.3/hook", "private"),
        ("http://[::ffff:169.254.169.254]/latest/meta-data", "169.254.169.254"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://example.org:99999/", "not a valid URL"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url, message):
    with pytest.raises(UnsafeURL, match=message):
        check_url(url, resolver=lambda host, port: [PUBLIC])


def test_a_name_that_resolves_to_a_private_address_is_refused():
    with pytest.raises(UnsafeURL, match=r"internal\.example\.org resolves to 10\.0\.0\.7"):
        check_url("https://internal.example.org/hook", resolver=lambda host, port: ["10.0.0.7"])


def test_every_resolved_address_must_be_public():
    with pytest.raises(UnsafeURL, match=r"192\.168\.0\.9"):
        check_url("https://mixed.example.org/", resolver=lambda host, port: [PUBLIC, "192.168.0.9"])


def test_a_name_that_does_not_resolve_is_refused():
    def nowhere(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(UnsafeURL, match="does not resolve"):
        check_url("https://nowhere.invalid/", resolver=nowhere)


def test_loopback_refused_when_the_flag_is_off(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(UnsafeURL, match="loopback"):
        check_url("http://localhost:8080/hook")
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    check_url("http://localhost:8080/hook")


def post(request: Request, resolver: Resolver) -> Outcome:
    """One delivery attempt as the dispatcher makes it, over the guarded transport."""

    async def attempt() -> Outcome:
        async with httpx.AsyncClient(transport=GuardedTransport(resolver=resolver)) as client:
            return await send_one(client, request)

    return asyncio.run(attempt())


def test_dns_rebinding_is_caught_at_connect_time(settings, receiver):
    """Registered while the name pointed at a public address; by delivery it points inside."""
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    answers = iter([[PUBLIC], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    url = f"http://rebind.example.org:{receiver.server.server_port}/hook"
    check_url(url, resolver=rebinding)  # registration: fine
    request = Request(delivery_id=None, url=url, headers={}, body=b"{}")  # type: ignore[arg-type]
    outcome = post(request, rebinding)
    assert outcome.status_code is None
    assert "refused by the SSRF guard" in outcome.error
    assert "127.0.0.1 is a loopback address" in outcome.error
    assert receiver.received == []


def test_the_connection_goes_to_the_checked_address(receiver):
    """The name is resolved once, by the guard, and the request goes to that address."""
    url = f"http://receiver.test:{receiver.server.server_port}/hook"
    request = Request(delivery_id=None, url=url, headers={}, body=b"{}")  # type: ignore[arg-type]
    outcome = post(request, lambda host, port: ["127.0.0.1"])
    assert outcome.status_code == 200
    assert receiver.at("/hook")[0].headers["host"] == f"receiver.test:{receiver.server.server_port}"


# --- The guard's own table ---------------------------------------------------------------------------

ip = ipaddress.ip_address


def samples(
    network: ipaddress.IPv4Network | ipaddress.IPv6Network,
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """First, middle and last address of a block."""
    first, last = network.network_address, network.broadcast_address
    return list(dict.fromkeys([first, first + network.num_addresses // 2, last]))


def most_specific(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return max((network for network, _ in NON_PUBLIC if address in network), key=lambda network: network.prefixlen)


@pytest.mark.parametrize(("network", "name"), NON_PUBLIC, ids=[str(network) for network, _ in NON_PUBLIC])
def test_every_block_of_the_table_is_refused_first_middle_and_last(network, name):
    for address in samples(network):
        block = most_specific(address)  # a row inside this one may name it more precisely
        refused = refusal(address, allow_loopback=False)
        assert refused is not None, address
        assert f"in {block}" in refused, refused
        if block in LOOPBACK:
            assert "loopback" in refused
            assert refusal(address, allow_loopback=True) is None, address
        else:
            assert refusal(address, allow_loopback=True) == refused


def test_the_table_names_every_block_once_and_in_its_own_family():
    networks = [network for network, _ in NON_PUBLIC]
    assert len(networks) == len(set(networks))
    assert all(network.version == 4 for network, _ in NON_PUBLIC_IPV4)
    assert all(network.version == 6 for network, _ in NON_PUBLIC_IPV6)
    assert all(name.strip() for _, name in NON_PUBLIC)


REQUIRED_BLOCKS = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.31.196.0/24",
    "192.52.193.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "192.175.48.0/24",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "255.255.255.255/32",
    "::/128",
    "::1/128",
    "64:ff9b:1::/48",
    "100::/64",
    "2001::/23",
    "2001::/32",
    "2001:db8::/32",
    "2002::/16",
    "2620:4f:8000::/48",
    "fc00::/7",
    "fe80::/10",
    "fec0::/10",
    "ff00::/8",
    "3fff::/20",
    "5f00::/16",
]


def test_the_table_holds_every_block_the_guard_must_refuse():
    networks = {network for network, _ in NON_PUBLIC}
    assert {ipaddress.ip_network(block) for block in REQUIRED_BLOCKS} <= networks
    judged = {network for network, _ in EMBEDDING_IPV4}
    assert judged == {ipaddress.ip_network("::ffff:0:0/96"), ipaddress.ip_network("64:ff9b::/96")}


def test_what_this_python_calls_global_is_refused_all_the_same():
    """The issue: 3.11.7's own table lets 192.0.0.100 through and never looks at fec0::/10."""
    if sys.version_info[:2] == (3, 11) and sys.version_info < (3, 11, 10):
        assert ip("192.0.0.100").is_global  # the bug this table works around is present here
    assert (
        refusal(ip("192.0.0.100"), allow_loopback=True) == "192.0.0.100 is in 192.0.0.0/24 (IETF Protocol Assignments)"
    )
    assert "fec0::1 is in fec0::/10 (Site-Local" in refusal(ip("fec0::1"), allow_loopback=True)
    with pytest.raises(UnsafeURL, match=r"192\.0\.0\.100 is in 192\.0\.0\.0/24"):
        check_url("http://192.0.0.100/hook")
    with pytest.raises(UnsafeURL, match="fec0::/10"):
        check_url("https://site-local.example.org/", resolver=lambda host, port: ["fec0::1"])


@pytest.mark.parametrize(
    "address",
    [
        "192.0.0.9",  # Port Control Protocol anycast: globally reachable in the registry, refused here
        "192.0.0.10",  # TURN anycast: likewise
        "2001:1::1",
        "2001:3::1",  # AMT
        "2001:20::1",  # ORCHIDv2
        "192.88.99.1",  # deprecated 6to4 relay anycast
        "192.88.99.2",
        "100:0:0:1::1",  # dummy IPv6 prefix
        "4000::1",  # outside 2000::/3: reserved by the IETF
    ],
)
def test_the_registry_exceptions_and_reserved_space_are_refused_too(address):
    assert refusal(ip(address), allow_loopback=True) is not None


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        PUBLIC,
        "192.0.1.1",  # just outside 192.0.0.0/24
        "172.15.255.255",  # just outside 172.16.0.0/12
        "172.32.0.0",
        "100.63.255.255",  # just outside 100.64.0.0/10
        "100.128.0.0",
        "198.20.0.1",  # just outside 198.18.0.0/15
        "223.255.255.254",  # just below multicast
        "2606:4700:4700::1111",
        "2001:4860:4860::8888",
        "2001:200::1",  # just outside 2001::/23
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::8.8.8.8",
        "64:ff9b::1.1.1.1",
    ],
)
def test_genuinely_public_addresses_are_allowed(address):
    assert refusal(ip(address), allow_loopback=False) is None


# --- IPv4 addresses hidden in IPv6 ------------------------------------------------------------------


def mapped(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(0xFFFF << 32 | int(v4))


def nat64(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | int(v4))


def six_to_four(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    address = ipaddress.IPv6Address(0x2002 << 112 | int(v4) << 80 | 1)
    assert address.sixtofour == v4  # Python decodes it the same way
    return address


def teredo(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    server, flags, port = ipaddress.IPv4Address("65.54.227.120"), 0x8000, 40000
    address = ipaddress.IPv6Address(
        0x20010000 << 96 | int(server) << 64 | flags << 48 | (port ^ 0xFFFF) << 32 | (int(v4) ^ 0xFFFFFFFF)
    )
    assert address.teredo == (server, v4)  # Python decodes it the same way
    return address


def compatible(v4: ipaddress.IPv4Address) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(int(v4))


FORMS = {"IPv4-mapped": mapped, "NAT64": nat64, "6to4": six_to_four, "Teredo": teredo, "IPv4-compatible": compatible}
INTERNAL = [
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",
    "0.0.0.0",
    "192.0.0.100",
    "192.0.0.170",
    "224.0.0.1",
    "255.255.255.255",
]


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
@pytest.mark.parametrize("inner", INTERNAL)
def test_internal_ipv4_addresses_are_refused_in_every_ipv6_form(form, inner):
    v4 = ipaddress.IPv4Address(inner)
    address = FORMS[form](v4)
    refused = refusal(address, allow_loopback=False)
    assert refused is not None
    if address != ipaddress.IPv6Address("::"):  # ::0.0.0.0 is the unspecified address, named as such
        assert embedded_ipv4(address) == v4
        assert inner in refused
    loopback_allowed = refusal(address, allow_loopback=True)
    if form == "IPv4-mapped" and v4.packed[0] == 127:  # the same socket as 127.x.y.z
        assert loopback_allowed is None
    else:
        assert loopback_allowed is not None


@pytest.mark.parametrize(
    ("form", "allowed"),
    [("IPv4-mapped", True), ("NAT64", True), ("6to4", False), ("Teredo", False), ("IPv4-compatible", False)],
)
def test_a_public_ipv4_address_is_reached_only_through_the_forms_that_reach_it_directly(form, allowed):
    address = FORMS[form](ipaddress.IPv4Address("8.8.8.8"))
    assert (refusal(address, allow_loopback=False) is None) == allowed


@pytest.mark.parametrize(("network", "name"), EMBEDDING_IPV4, ids=[str(network) for network, _ in EMBEDDING_IPV4])
def test_the_forms_judged_by_the_ipv4_inside_refuse_their_first_and_last_address(network, name):
    for address in (network.network_address, network.broadcast_address):  # 0.0.0.0 and 255.255.255.255
        refused = refusal(address, allow_loopback=True)
        assert refused is not None
        assert "embeds" in refused


# --- Never more permissive than Python --------------------------------------------------------------


def python_calls_non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        not address.is_global
        or address.is_private
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or getattr(address, "is_site_local", False)
    )


# What newer Pythons (3.11.10+, 3.12.4+, 3.13) also call not global, refused whatever this one says.
HAND_LIST = ["192.0.0.0/24", "192.0.0.170/31", "64:ff9b:1::/48", "2001::/23", "2002::/16", "3fff::/20", "fec0::/10"]


def python_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The networks this Python's ipaddress holds as special, from its own (private) tables."""
    networks = []
    for constants in (getattr(ipaddress, "_IPv4Constants", None), getattr(ipaddress, "_IPv6Constants", None)):
        for attribute, value in vars(constants or object).items():
            if attribute == "_private_networks_exceptions":  # the ones Python calls global after all
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ipaddress.IPv4Network | ipaddress.IPv6Network):
                    networks.append(item)
                elif isinstance(item, ipaddress.IPv4Address | ipaddress.IPv6Address):
                    networks.append(ipaddress.ip_network(item))
    return networks


def spread(network: ipaddress.IPv4Network | ipaddress.IPv6Network, rng: random.Random) -> list:
    """Both ends, the middle and twenty addresses at random."""
    first, size = int(network.network_address), network.num_addresses
    offsets = {0, 1, size // 2, size - 2, size - 1} | {rng.randrange(size) for _ in range(20)}
    make = ipaddress.IPv4Address if network.version == 4 else ipaddress.IPv6Address
    return [make(first + offset) for offset in sorted(offsets) if 0 <= offset < size]


def test_the_table_refuses_all_that_this_python_calls_non_public():
    """The two may disagree only in the safe direction: the table refusing more."""
    networks = python_networks()
    assert len(networks) > 20, "ipaddress no longer exposes its tables: extend HAND_LIST by hand"
    rng = random.Random(20240611)
    checked = 0
    for network in networks:
        for address in spread(network, rng):
            judged = address
            if any(address in prefix for prefix, _ in EMBEDDING_IPV4):
                judged = embedded_ipv4(address)  # the guard judges these by the IPv4 inside, as Python 3.13 does
            if python_calls_non_public(judged):
                assert refusal(address, allow_loopback=False) is not None, f"{address} (from {network})"
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("block", HAND_LIST)
def test_the_table_refuses_what_newer_pythons_call_non_public(block):
    for address in spread(ipaddress.ip_network(block), random.Random(block)):
        assert refusal(address, allow_loopback=False) is not None, address


def test_random_ipv4_addresses_never_pass_where_python_refuses():
    rng = random.Random(7)
    for _ in range(20_000):
        address = ipaddress.IPv4Address(rng.getrandbits(32))
        if python_calls_non_public(address):
            assert refusal(address, allow_loopback=False) is not None, address


def test_the_guard_does_not_consult_pythons_tables(monkeypatch):
    """Tell ipaddress every address is public, and nothing it cannot tell changes."""
    hidden = [form(ipaddress.IPv4Address("169.254.169.254")) for form in FORMS.values()]  # built while it can
    for cls in (ipaddress.IPv4Address, ipaddress.IPv6Address):
        for attribute, value in [
            ("is_global", True),
            ("is_private", False),
            ("is_reserved", False),
            ("is_loopback", False),
            ("is_link_local", False),
            ("is_multicast", False),
            ("is_unspecified", False),
        ]:
            monkeypatch.setattr(cls, attribute, property(lambda self, value=value: value))
    for attribute in ("is_site_local",):
        monkeypatch.setattr(ipaddress.IPv6Address, attribute, property(lambda self: False))
    for attribute in ("ipv4_mapped", "sixtofour", "teredo"):
        monkeypatch.setattr(ipaddress.IPv6Address, attribute, property(lambda self: None))
    assert ip("10.0.0.1").is_global
    for network, _ in NON_PUBLIC:
        for address in samples(network):
            assert refusal(address, allow_loopback=False) is not None, address
    for address in hidden:
        assert refusal(address, allow_loopback=True) is not None, address
    assert refusal(ip("8.8.8.8"), allow_loopback=False) is None


def test_a_loopback_refusal_names_the_setting_that_allows_it():
    hint = "refused unless WEBHOOK_ALLOW_LOOPBACK=true (for local development and tests)"
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=False) == (
        f"127.0.0.1 is a loopback address (in 127.0.0.0/8, Loopback), {hint}"
    )
    assert hint in refusal(ipaddress.ip_address("::1"), allow_loopback=False)
    assert hint in refusal(ipaddress.ip_address("::ffff:127.0.0.1"), allow_loopback=False)
    # The setting lets nothing else through: naming it there would mislead.
    assert "WEBHOOK_ALLOW_LOOPBACK" not in refusal(ipaddress.ip_address("64:ff9b::127.0.0.1"), allow_loopback=False)
    assert "WEBHOOK_ALLOW_LOOPBACK" not in refusal(ipaddress.ip_address("10.0.0.1"), allow_loopback=False)
