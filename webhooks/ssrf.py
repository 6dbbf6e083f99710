"""The SSRF guard: a webhook may only reach the public internet.

Checked when an endpoint is registered (a 400 naming the problem) and again
at every connection, on the addresses the name resolves to then — so a name
that later resolves to an internal address (DNS rebinding) is refused too.
The connection is then made to the very address that was checked.

Refused: anything but http/https; loopback (unless WEBHOOK_ALLOW_LOOPBACK,
for development and tests); private, link-local (cloud metadata
169.254.169.254 among them), carrier-grade NAT, multicast, unspecified,
reserved and every other non-global range; and IPv4 addresses hidden in
IPv6 — IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo — are judged by the
IPv4 address inside.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]

_NAT64 = [ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48")]
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")


class UnsafeURL(ValueError):
    """The URL may not be used for a webhook; the message says why."""


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it stands for one."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    packed = address.packed
    if any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(packed[-4:])
    if packed[:12] == bytes(12) and packed[12:] != bytes(4) and address != ipaddress.IPv6Address("::1"):
        return ipaddress.IPv4Address(packed[-4:])  # IPv4-compatible ::a.b.c.d (deprecated)
    return None


def refusal(address: IPAddress, *, allow_loopback: bool | None = None) -> str | None:
    """Why a webhook may not connect to ``address``, or None if it may."""
    if allow_loopback is None:
        allow_loopback = settings.WEBHOOK_ALLOW_LOOPBACK
    inner = embedded_ipv4(address)
    if inner is not None:
        reason = refusal(inner, allow_loopback=allow_loopback)
        return f"{address} embeds {inner}: {reason}" if reason else None
    if address.is_loopback:
        return None if allow_loopback else f"{address} is a loopback address"
    if address.is_unspecified:
        return f"{address} is the unspecified address"
    if address.is_multicast:
        return f"{address} is a multicast address"
    if address.is_link_local:
        return f"{address} is link-local (cloud metadata lives there)"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.IPv4Network("100.64.0.0/10"):
        return f"{address} is carrier-grade NAT space"
    if address.is_private:
        return f"{address} is a private address"
    if not address.is_global or address.is_reserved:
        return f"{address} is not a public address"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


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
