"""An httpx transport that connects only to checked, public addresses.

httpx resolves names itself when it connects, after any check we could make
beforehand — a window for DNS rebinding. This transport moves the check into
the connection: the network backend resolves the host, refuses the whole
connection if any address is not allowed (see :mod:`webhooks.ssrf`), and
connects to the address it checked. TLS still verifies the certificate
against the host name, and the Host header is unchanged.
"""

from __future__ import annotations

import asyncio
import ssl
import typing
from functools import lru_cache

import httpcore
import httpx
from httpcore._backends.auto import AutoBackend

from webhooks.ssrf import Resolver, UnsafeURL, checked_addresses, system_resolver


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve, check every address, then connect to a checked one."""

    def __init__(self, resolver: Resolver = system_resolver) -> None:
        self.resolver = resolver
        self.inner = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            addresses = await asyncio.wait_for(
                loop.run_in_executor(None, checked_addresses, host, port, self.resolver), timeout
            )
        except UnsafeURL as exc:
            raise httpcore.ConnectError(f"refused by the SSRF guard: {exc}") from None
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks are not delivered over unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes tens of milliseconds: once per process is enough.
    return httpx.create_ssl_context(trust_env=False)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport on a GuardedBackend, with no proxies from the environment."""

    def __init__(self, *, resolver: Resolver = system_resolver, max_connections: int = 100) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(resolver),
        )
