"""The SSRF guard: every non-public form refused, at registration and at connect time."""

from __future__ import annotations

import asyncio
import ipaddress

import httpx
import pytest

from webhooks.services.deliveries import Outcome, Request
from webhooks.services.sending import send_one
from webhooks.ssrf import Resolver, UnsafeURL, check_url, refusal
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
