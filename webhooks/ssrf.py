"""The SSRF guard: a webhook may only reach the public internet.

Checked when an endpoint is registered (a 400 naming the problem) and again
at every connection, on the addresses the name resolves to then — so a name
that later resolves to an internal address (DNS rebinding) is refused too.
The connection is then made to the very address that was checked.

Refused: anything but http/https; and every address in :data:`NON_PUBLIC`,
this module's own table of the special-purpose blocks (loopback, private,
link-local with cloud metadata 169.254.169.254, carrier-grade NAT, multicast,
documentation, benchmarking, reserved…). The table does not ask Python's
``ipaddress`` (``is_global``, ``is_private``…), whose answers depend on the
patch level: 3.11.7 calls 192.0.0.100 global and never looks at fec0::/10.

Loopback (127.0.0.0/8, ::1, ::ffff:127.x.y.z) is let through only with
WEBHOOK_ALLOW_LOOPBACK, for development and tests. IPv4 addresses written as
IPv6 are judged by the IPv4 address inside when the form reaches that very
address — IPv4-mapped ``::ffff:a.b.c.d`` and NAT64 ``64:ff9b::a.b.c.d``; the
forms that go through a tunnel, relay or deprecated mechanism — 6to4, Teredo,
IPv4-compatible, local-use NAT64 — are refused whatever they carry.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# The blocks no webhook may reach, each with the name a refusal gives it. An address is judged by
# the MOST SPECIFIC block that holds it, so the order below is only for reading.
#
# Sources, transcribed by hand (re-check them when a block is added to either registry):
#   IANA IPv4 Special-Purpose Address Registry (iana-ipv4-special-registry), as listed in 2025: the
#     newest rows 192.0.0.170-171/32 (RFC 8880) and 192.88.99.2/32 (RFC 6751). Its "Last Updated"
#     date was not confirmed when this table was written.
#   IANA IPv6 Special-Purpose Address Registry (iana-ipv6-special-registry), as last updated
#     2025-10-09: the newest rows 100:0:0:1::/64 (RFC 9780), 5f00::/16 (RFC 9602), 3fff::/20
#     (RFC 9637), 2001:1::3/128 (RFC 9665).
#   https://www.iana.org/assignments/iana-ipv4-special-registry/
#   https://www.iana.org/assignments/iana-ipv6-special-registry/
#   and, for what the special-purpose registries leave out: IPv4 multicast (RFC 5771), IPv6
#   multicast, site-local (RFC 3879) and the IANA IPv6 Address Space registry, in which only
#   2000::/3 is global unicast and the rest outside the blocks named here is "Reserved by IETF".
#
# Policy: every block whose "Globally Reachable" is False is here; so is every block whose answer
# is N/A or missing (6to4, Teredo, the deprecated 6to4 relay and ORCHID blocks). The few blocks the
# registries call globally reachable but which sit inside a refused block, or serve one protocol
# (anycast PCP/TURN/DNS-SD, AMT, AS112, ORCHIDv2, drone IDs), are refused too: none of them is where
# a subscriber runs an HTTP server, and a webhook sender loses nothing by refusing them. The one
# globally reachable block NOT refused is 64:ff9b::/96 (NAT64, judged by the IPv4 inside, below).
NON_PUBLIC_IPV4: tuple[tuple[ipaddress.IPv4Network, str], ...] = (
    (_V4("0.0.0.0/8"), '"This network"'),
    (_V4("0.0.0.0/32"), '"This host on this network", the unspecified address'),
    (_V4("10.0.0.0/8"), "Private-Use: a private network"),
    (_V4("100.64.0.0/10"), "Shared Address Space: carrier-grade NAT"),
    (_V4("127.0.0.0/8"), "Loopback"),
    (_V4("169.254.0.0/16"), "Link Local: link-local, where cloud metadata 169.254.169.254 lives"),
    (_V4("172.16.0.0/12"), "Private-Use: a private network"),
    # Not globally reachable as a whole. The registry makes two exceptions, 192.0.0.9/32 and
    # 192.0.0.10/32, refused here all the same (see their rows): the whole /24 is refused.
    (_V4("192.0.0.0/24"), "IETF Protocol Assignments"),
    (_V4("192.0.0.0/29"), "IPv4 Service Continuity Prefix"),
    (_V4("192.0.0.8/32"), "IPv4 dummy address"),
    (_V4("192.0.0.9/32"), "Port Control Protocol Anycast: globally reachable, but no webhook receiver"),
    (_V4("192.0.0.10/32"), "Traversal Using Relays around NAT Anycast: globally reachable, but no webhook receiver"),
    (_V4("192.0.0.170/32"), "NAT64/DNS64 Discovery"),
    (_V4("192.0.0.171/32"), "NAT64/DNS64 Discovery"),
    (_V4("192.0.2.0/24"), "Documentation (TEST-NET-1)"),
    (_V4("192.31.196.0/24"), "AS112-v4: globally reachable, but DNS sinks only"),
    (_V4("192.52.193.0/24"), "AMT: globally reachable, but multicast tunnel relays only"),
    (_V4("192.88.99.0/24"), "Deprecated (6to4 Relay Anycast)"),
    (_V4("192.88.99.2/32"), "6a44-relay anycast address"),
    (_V4("192.168.0.0/16"), "Private-Use: a private network"),
    (_V4("192.175.48.0/24"), "Direct Delegation AS112 Service: globally reachable, but DNS sinks only"),
    (_V4("198.18.0.0/15"), "Benchmarking"),
    (_V4("198.51.100.0/24"), "Documentation (TEST-NET-2)"),
    (_V4("203.0.113.0/24"), "Documentation (TEST-NET-3)"),
    (_V4("224.0.0.0/4"), "Multicast"),  # RFC 5771; not in the special-purpose registry
    (_V4("240.0.0.0/4"), "Reserved"),
    (_V4("255.255.255.255/32"), "Limited Broadcast"),
)

NON_PUBLIC_IPV6: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    (_V6("::/128"), "Unspecified Address"),
    (_V6("::1/128"), "Loopback Address"),
    # ::ffff:0:0/96 (IPv4-mapped) and 64:ff9b::/96 (NAT64) are not here: see EMBEDDING_IPV4.
    (_V6("::/96"), "IPv4-compatible address, deprecated: refused whatever it carries"),  # RFC 4291 2.5.5.1
    (_V6("64:ff9b:1::/48"), "Local-Use IPv4/IPv6 Translation"),  # where the IPv4 sits is the network's choice
    (_V6("100::/64"), "Discard-Only Address Block"),
    (_V6("100:0:0:1::/64"), "Dummy IPv6 Prefix"),
    # Not globally reachable as a whole; the exceptions inside are refused too (their rows say why).
    (_V6("2001::/23"), "IETF Protocol Assignments"),
    # N/A in the registry. Refused outright rather than judged by the client address inside: it is
    # reached only through a Teredo relay, the service is deprecated and public relays are gone.
    (_V6("2001::/32"), "TEREDO: refused whatever it carries"),
    (_V6("2001:1::1/128"), "Port Control Protocol Anycast: globally reachable, but no webhook receiver"),
    (_V6("2001:1::2/128"), "Traversal Using Relays around NAT Anycast: globally reachable, but no webhook receiver"),
    (_V6("2001:1::3/128"), "DNS-SD Service Registration Protocol Anycast: globally reachable, but no webhook receiver"),
    (_V6("2001:2::/48"), "Benchmarking"),
    (_V6("2001:3::/32"), "AMT: globally reachable, but multicast tunnel relays only"),
    (_V6("2001:4:112::/48"), "AS112-v6: globally reachable, but DNS sinks only"),
    (_V6("2001:10::/28"), "Deprecated (previously ORCHID)"),
    (_V6("2001:20::/28"), "ORCHIDv2: globally reachable, but identifiers, not hosts"),
    (_V6("2001:30::/28"), "Drone Remote ID Protocol Entity Tags: globally reachable, but identifiers, not hosts"),
    (_V6("2001:db8::/32"), "Documentation"),
    # N/A in the registry. Refused outright rather than judged by the IPv4 address in bits 16-48:
    # 6to4 is deprecated (RFC 7526), the packet goes through whichever relay is nearest, and
    # Python itself (3.12.4+, 3.11.10+) calls 2002::/16 not global.
    (_V6("2002::/16"), "6to4: refused whatever it carries"),
    (_V6("2620:4f:8000::/48"), "Direct Delegation AS112 Service: globally reachable, but DNS sinks only"),
    (_V6("3fff::/20"), "Documentation"),
    (_V6("5f00::/16"), "Segment Routing (SRv6) SIDs"),
    (_V6("fc00::/7"), "Unique-Local: a private network"),
    (_V6("fe80::/10"), "Link-Local Unicast: link-local"),
    (_V6("fec0::/10"), "Site-Local, deprecated: a private network"),  # RFC 3879; in no special registry
    (_V6("ff00::/8"), "Multicast"),
    # The IANA IPv6 Address Space registry: all but 2000::/3 is reserved by the IETF (the special
    # blocks above being the exceptions). Nothing there is a public host today.
    (_V6("::/8"), "Reserved by IETF"),
    (_V6("100::/8"), "Reserved by IETF"),
    (_V6("200::/7"), "Reserved by IETF"),
    (_V6("400::/6"), "Reserved by IETF"),
    (_V6("800::/5"), "Reserved by IETF"),
    (_V6("1000::/4"), "Reserved by IETF"),
    (_V6("4000::/3"), "Reserved by IETF"),
    (_V6("6000::/3"), "Reserved by IETF"),
    (_V6("8000::/3"), "Reserved by IETF"),
    (_V6("a000::/3"), "Reserved by IETF"),
    (_V6("c000::/3"), "Reserved by IETF"),
    (_V6("e000::/4"), "Reserved by IETF"),
    (_V6("f000::/5"), "Reserved by IETF"),
    (_V6("f800::/6"), "Reserved by IETF"),
    (_V6("fe00::/9"), "Reserved by IETF"),
)

NON_PUBLIC: tuple[tuple[IPNetwork, str], ...] = NON_PUBLIC_IPV4 + NON_PUBLIC_IPV6

# IPv6 forms that reach the IPv4 address in their last 32 bits, and are judged by it. Checked before
# NON_PUBLIC (both lie inside ::/8, reserved there).
EMBEDDING_IPV4: tuple[tuple[ipaddress.IPv6Network, str], ...] = (
    # Not globally reachable itself: a socket given one connects over IPv4 to the address inside.
    (_V6("::ffff:0:0/96"), "IPv4-mapped Address"),
    # Globally reachable: on an IPv6-only network with DNS64 every IPv4-only subscriber resolves to
    # one of these, and the translator connects to the IPv4 address inside.
    (_V6("64:ff9b::/96"), "IPv4-IPv6 Translation (NAT64)"),
)

# What WEBHOOK_ALLOW_LOOPBACK lets through (and through ::ffff:127.x.y.z, which is the same socket).
LOOPBACK: tuple[IPNetwork, ...] = (_V4("127.0.0.0/8"), _V6("::1/128"))

_IPV4_MAPPED, _NAT64 = (network for network, _ in EMBEDDING_IPV4)
_TEREDO, _SIX_TO_FOUR, _IPV4_COMPATIBLE = _V6("2001::/32"), _V6("2002::/16"), _V6("::/96")


class UnsafeURL(ValueError):
    """The URL may not be used for a webhook; the message says why."""


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it stands for one.

    IPv4-mapped and NAT64 (last 32 bits), 6to4 (bits 16-48), Teredo (the client, the last 32 bits
    inverted) and the deprecated IPv4-compatible ``::a.b.c.d``. Read from the bits, not from
    Python's ``ipv4_mapped``/``sixtofour``/``teredo``.
    """
    if isinstance(address, ipaddress.IPv4Address):
        return None
    value = int(address)
    if address in _IPV4_MAPPED or address in _NAT64:
        return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in _SIX_TO_FOUR:
        return ipaddress.IPv4Address((value >> 80) & 0xFFFFFFFF)
    if address in _TEREDO:
        return ipaddress.IPv4Address(~value & 0xFFFFFFFF)
    if address in _IPV4_COMPATIBLE and value > 1:  # not :: nor ::1
        return ipaddress.IPv4Address(value)
    return None


def non_public_block(address: IPAddress) -> tuple[IPNetwork, str] | None:
    """The most specific block of :data:`NON_PUBLIC` holding ``address``, with its name; or None."""
    table: Sequence[tuple[IPNetwork, str]] = NON_PUBLIC_IPV4 if address.version == 4 else NON_PUBLIC_IPV6
    found: tuple[IPNetwork, str] | None = None
    for network, name in table:
        if address in network and (found is None or network.prefixlen > found[0].prefixlen):
            found = (network, name)
    return found


LOOPBACK_HINT = "refused unless WEBHOOK_ALLOW_LOOPBACK=true (for local development and tests)"


def refusal(address: IPAddress, *, allow_loopback: bool | None = None, _this_host: bool = True) -> str | None:
    """Why a webhook may not connect to ``address``, or None if it may."""
    if allow_loopback is None:
        allow_loopback = settings.WEBHOOK_ALLOW_LOOPBACK
    if isinstance(address, ipaddress.IPv6Address):
        for embedding, _ in EMBEDDING_IPV4:
            if address in embedding:
                carried_v4 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
                # ::ffff:127.0.0.1 is this host's loopback; 64:ff9b::127.0.0.1 is nobody's.
                mapped = embedding == _IPV4_MAPPED
                reason = refusal(carried_v4, allow_loopback=allow_loopback and mapped, _this_host=mapped)
                return f"{address} embeds {carried_v4}: {reason}" if reason else None
    block = non_public_block(address)
    if block is None:
        return None
    network, name = block
    if network in LOOPBACK:
        if allow_loopback:
            return None
        # Name the setting only where it would let the address through.
        return f"{address} is a loopback address (in {network}, {name})" + (f", {LOOPBACK_HINT}" if _this_host else "")
    inside = embedded_ipv4(address)
    carried = f"; the IPv4 address inside is {inside}" if inside is not None else ""
    return f"{address} is in {network} ({name}){carried}"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def split_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of a webhook URL; UnsafeURL if it cannot be one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL("only http and https URLs can receive webhooks")
    if not parts.hostname:
        raise UnsafeURL("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeURL("credentials in the URL are not accepted; the signature authenticates us")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def checked_addresses(host: str, port: int, resolver: Resolver = system_resolver) -> list[IPAddress]:
    """The addresses ``host`` resolves to, all of them allowed; UnsafeURL otherwise."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        names = [str(literal)]
    else:
        try:
            names = list(resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise UnsafeURL(f"{host} does not resolve: {exc}") from None
    if not names:
        raise UnsafeURL(f"{host} does not resolve")
    addresses = [ipaddress.ip_address(name.split("%", 1)[0]) for name in names]
    for address in addresses:
        reason = refusal(address)
        if reason:
            shown = "" if literal is not None else f"{host} resolves to "
            raise UnsafeURL(f"{shown}{reason}; webhooks only go to public addresses")
    return addresses


def check_url(url: str, resolver: Resolver = system_resolver) -> list[IPAddress]:
    """Validate a webhook URL now (at registration): scheme, host, every resolved address."""
    _, host, port = split_url(url)
    return checked_addresses(host, port, resolver)
