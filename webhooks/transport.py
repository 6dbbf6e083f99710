"""An httpx transport that connects only to checked, public addresses.

httpx resolves names itself when it connects, after any check we could make
beforehand — a window for DNS rebinding. This transport moves the check into
the connection: the network backend resolves the host, refuses the whole
connection if any address is not allowed (see :mod:`webhooks.ssrf`), and
connects to the address it checked. TLS still verifies the certificate
against the host name, and the Host header is unchanged.

Built on public API only, so that an httpx or httpcore upgrade cannot quietly
change it: an ``httpx.AsyncBaseTransport`` that owns an
``httpcore.AsyncConnectionPool`` on a ``GuardedBackend`` (wrapping
``httpcore.AnyIOBackend``), mapping requests, responses and exceptions
between the two the way httpx's own ``AsyncHTTPTransport`` does. Every pool
in the process shares one TLS context: loading the CA bundle costs tens of
milliseconds, and the dispatcher opens a pool per few connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from functools import lru_cache

import httpcore
import httpx

from webhooks.ssrf import Resolver, UnsafeURL, checked_addresses, system_resolver


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve, check every address, then connect to a checked one."""

    def __init__(self, resolver: Resolver = system_resolver) -> None:
        self.resolver = resolver
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
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

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks are not delivered over unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@lru_cache(maxsize=1)
def shared_ssl_context() -> ssl.SSLContext:
    """The one TLS context of this process: certifi's CA bundle, nothing from the environment.

    An ``SSLContext`` is safe to share between connections and pools; building one
    loads and parses the whole CA bundle.
    """
    return httpx.create_ssl_context(trust_env=False)


# httpcore's exceptions as httpx raises them: the same names, so callers catch httpx's alone.
# ConnectionNotAvailable is the pool's own signal and never leaves it.
EXCEPTIONS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.TimeoutException: httpx.TimeoutException,
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.NetworkError: httpx.NetworkError,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.ProxyError: httpx.ProxyError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
    httpcore.ProtocolError: httpx.ProtocolError,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
}


@contextlib.contextmanager
def httpx_exceptions() -> Iterator[None]:
    """Re-raise an httpcore exception as the httpx one of the same name (the most specific that applies)."""
    try:
        yield
    except Exception as exc:
        for kind in type(exc).__mro__:  # most specific first
            if kind in EXCEPTIONS:
                raise EXCEPTIONS[kind](str(exc)) from exc
        raise


class _ResponseStream(httpx.AsyncByteStream):
    """httpcore's response body as httpx reads it, with httpcore's exceptions translated."""

    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with httpx_exceptions():
            async for part in self._stream:
                yield part

    async def aclose(self) -> None:
        # httpcore's pool stream has aclose(): it hands the connection back to the pool.
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class GuardedTransport(httpx.AsyncBaseTransport):
    """A connection pool on a :class:`GuardedBackend`, with the process's shared TLS context.

    No proxies and nothing else from the environment: a webhook goes straight to the
    address the guard checked.
    """

    def __init__(self, *, resolver: Resolver = system_resolver, max_connections: int = 100) -> None:
        self.pool = httpcore.AsyncConnectionPool(
            ssl_context=shared_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(resolver),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            # The client's timeouts travel here ({"timeout": {"connect": …, "read": …, …}}).
            extensions=request.extensions,
        )
        with httpx_exceptions():
            response = await self.pool.handle_async_request(core_request)
        assert isinstance(response.stream, AsyncIterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        with httpx_exceptions():
            await self.pool.aclose()
