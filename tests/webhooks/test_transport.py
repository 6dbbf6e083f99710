"""The guarded transport: one TLS context per process, public httpx/httpcore API only, TLS verified by host name."""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpcore
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.contrib.auth.models import User
from django.utils import timezone

from agreements.services.sweep import sweep_run
from tests.factories import deadline_due
from tests.webhooks.receiver import Receiver
from webhooks import transport
from webhooks.models import DeliveryState, WebhookDelivery
from webhooks.services.deliveries import Outcome, Request
from webhooks.services.dispatch import webhooks_dispatch
from webhooks.services.endpoints import endpoint_create
from webhooks.services.sending import POOL_SIZE, send_one
from webhooks.ssrf import Resolver
from webhooks.transport import EXCEPTIONS, GuardedTransport, httpx_exceptions, shared_ssl_context

WEBHOOKS = Path(__file__).resolve().parents[2] / "webhooks"


@pytest.fixture
def tls_contexts_built(monkeypatch) -> list[type]:
    """Every ``ssl.SSLContext`` built from now on (httpx's, ours, anyone's)."""
    built: list[type] = []
    original = ssl.SSLContext.__new__

    def counting(cls, *args, **kwargs):
        built.append(cls)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "__new__", counting)
    return built


def test_a_thousand_pools_build_one_tls_context_between_them(tls_contexts_built):
    shared_ssl_context.cache_clear()
    transports = [GuardedTransport(max_connections=POOL_SIZE) for _ in range(1000)]
    assert len(tls_contexts_built) == 1
    assert shared_ssl_context() is shared_ssl_context()
    assert len(transports) == 1000


@pytest.mark.django_db
def test_a_dispatcher_run_over_many_pools_builds_no_tls_context(tls_contexts_built, monkeypatch, receiver, settings):
    settings.WEBHOOK_CONCURRENCY = 4 * POOL_SIZE
    shared_ssl_context()  # the process's one context, built before the run
    tls_contexts_built.clear()
    pools = []
    monkeypatch.setattr(
        "webhooks.services.sending.GuardedTransport",
        lambda **kwargs: pools.append(kwargs) or GuardedTransport(**kwargs),
    )
    owner = User.objects.create_user("newsroom")
    for n in range(4 * POOL_SIZE):
        endpoint_create(owner=owner, url=receiver.url(f"/hook/{n}"), event_types=["deadline.passed"])
    deadline_due(timezone.now() - dt.timedelta(minutes=1))
    sweep_run()
    report = webhooks_dispatch()
    assert report.succeeded == 4 * POOL_SIZE
    assert len(pools) >= 2  # several pools were opened...
    assert tls_contexts_built == []  # ...and none built a TLS context of its own


# --- Public API only ------------------------------------------------------------------------------------


def private_uses(source: str) -> list[str]:
    """Imports of, and attributes reached through, httpx's or httpcore's private (``_``) names."""
    found = []
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in ("httpx", "httpcore"):
                    modules.add(alias.asname or parts[0])
                    if any(part.startswith("_") for part in parts[1:]):
                        found.append(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] in ("httpx", "httpcore") and (
                any(part.startswith("_") for part in parts[1:]) or any(a.name.startswith("_") for a in node.names)
            ):
                found.append(f"from {node.module} import {', '.join(a.name for a in node.names)}")
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_the_checker_finds_what_the_old_transport_did():
    old = (
        "import httpcore\nimport httpx\nfrom httpcore._backends.auto import AutoBackend\n"
        "from httpx._transports.default import map_httpcore_exceptions\nx = httpx._config\n"
    )
    assert private_uses(old) == [
        "from httpcore._backends.auto import AutoBackend",
        "from httpx._transports.default import map_httpcore_exceptions",
        "httpx._config",
    ]
    assert private_uses("import httpcore\nclass T:\n    def f(self):\n        return self._pool\n") == []


@pytest.mark.parametrize("path", sorted(WEBHOOKS.rglob("*.py")), ids=lambda p: str(p.relative_to(WEBHOOKS)))
def test_webhooks_use_no_private_httpx_or_httpcore_internals(path):
    assert private_uses(path.read_text()) == []


def test_every_public_httpcore_exception_surfaces_as_the_httpx_one_of_its_name():
    """Fails on an httpcore upgrade that adds, renames or drops an exception: look at EXCEPTIONS then."""
    public = {
        name: value
        for name in httpcore.__all__
        if isinstance(value := getattr(httpcore, name), type) and issubclass(value, Exception)
    }
    public.pop("ConnectionNotAvailable")  # the pool's internal retry signal; never raised to callers
    assert set(EXCEPTIONS) == set(public.values())
    for name, kind in public.items():
        assert EXCEPTIONS[kind] is getattr(httpx, name)


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpcore.ConnectError("refused"), httpx.ConnectError),
        (httpcore.ConnectTimeout("slow"), httpx.ConnectTimeout),
        (httpcore.ReadTimeout("slow"), httpx.ReadTimeout),
        (httpcore.WriteTimeout("slow"), httpx.WriteTimeout),
        (httpcore.PoolTimeout("full"), httpx.PoolTimeout),
        (httpcore.ReadError("reset"), httpx.ReadError),
        (httpcore.WriteError("reset"), httpx.WriteError),
        (httpcore.RemoteProtocolError("garbled"), httpx.RemoteProtocolError),
        (httpcore.LocalProtocolError("garbled"), httpx.LocalProtocolError),
        (httpcore.UnsupportedProtocol("gopher"), httpx.UnsupportedProtocol),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else value.__name__,
)
def test_httpcore_exceptions_become_the_most_specific_httpx_ones(raised, expected):
    with pytest.raises(expected, match=str(raised)) as caught, httpx_exceptions():
        raise raised
    assert type(caught.value) is expected
    assert caught.value.__cause__ is raised


def test_other_exceptions_pass_through_untouched():
    with pytest.raises(KeyError), httpx_exceptions():
        raise KeyError("not the network's")


# --- TLS through the guard ---------------------------------------------------------------------------


def _certificate(
    subject: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer[0].subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = (
            builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()), critical=False)
        )
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())


@pytest.fixture
def tls_receiver(tmp_path) -> Iterator[tuple[Receiver, str]]:
    """The loopback receiver behind TLS, with a certificate for ``receiver.test`` from a CA of its own."""
    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Webhook Test CA", ca_key, None)
    leaf = _certificate("receiver.test", leaf_key, (ca, ca_key))
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "key.pem")
    receiver = Receiver()
    receiver.server.socket = server_side.wrap_socket(receiver.server.socket, server_side=True)
    try:
        yield receiver, ca.public_bytes(serialization.Encoding.PEM).decode()
    finally:
        receiver.close()


def post(url: str, resolver: Resolver) -> Outcome:
    async def attempt() -> Outcome:
        async with httpx.AsyncClient(transport=GuardedTransport(resolver=resolver)) as client:
            return await send_one(client, Request(delivery_id=None, url=url, headers={}, body=b"{}"))

    return asyncio.run(attempt())


def test_tls_verifies_the_certificate_against_the_host_name(tls_receiver, monkeypatch):
    receiver, ca_pem = tls_receiver
    trusting = ssl.create_default_context(cadata=ca_pem)
    monkeypatch.setattr(transport, "shared_ssl_context", lambda: trusting)
    port = receiver.server.server_port
    outcome = post(f"https://receiver.test:{port}/hook", lambda host, port: ["127.0.0.1"])
    assert (outcome.status_code, outcome.error) == (200, "")
    assert receiver.at("/hook")[0].headers["host"] == f"receiver.test:{port}"
    # The certificate names receiver.test, not the address the guard connected to.
    outcome = post(f"https://other.test:{port}/hook", lambda host, port: ["127.0.0.1"])
    assert outcome.status_code is None
    assert "ConnectError" in outcome.error
    assert "other.test" in outcome.error or "match" in outcome.error


def test_a_certificate_no_public_ca_signed_is_refused(tls_receiver):
    receiver, _ = tls_receiver
    outcome = post(f"https://receiver.test:{receiver.server.server_port}/hook", lambda host, port: ["127.0.0.1"])
    assert outcome.status_code is None
    assert "CERTIFICATE_VERIFY_FAILED" in outcome.error
    assert receiver.received == []


def test_the_dispatcher_delivers_over_tls_with_the_shared_context(tls_receiver, monkeypatch, db):
    receiver, ca_pem = tls_receiver
    trusting = ssl.create_default_context(cadata=ca_pem)
    monkeypatch.setattr(transport, "shared_ssl_context", lambda: trusting)
    owner = User.objects.create_user("newsroom")
    url = f"https://receiver.test:{receiver.server.server_port}/hook"
    endpoint_create(owner=owner, url=url, event_types=["deadline.passed"], resolver=lambda host, port: ["127.0.0.1"])
    deadline_due(timezone.now() - dt.timedelta(minutes=1))
    sweep_run()
    webhooks_dispatch(resolver=lambda host, port: ["127.0.0.1"])
    assert WebhookDelivery.objects.get().state == DeliveryState.SUCCEEDED
    assert len(receiver.at("/hook")) == 1
