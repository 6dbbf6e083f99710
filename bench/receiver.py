"""A fast webhook receiver for the benchmarks: asyncio, keep-alive, in a process of its own.

POST /fast/… answers 200 at once and notes the arrival time; POST /hang/… waits
``HANG`` seconds first (past the delivery timeout). GET /stats reports the
fast arrivals; POST /reset forgets them.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import socket
import time
from typing import Any

HANG = 30.0


def _serve(port: int, ready: Any) -> None:
    arrivals: list[float] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                _method, path, _ = line.decode().split(" ", 2)
                length = 0
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                body = b"ok"
                if path.startswith("/hang"):
                    await asyncio.sleep(HANG)
                elif path == "/stats":
                    body = json.dumps(
                        {"fast": len(arrivals), "first": min(arrivals, default=0), "last": max(arrivals, default=0)}
                    ).encode()
                elif path == "/reset":
                    arrivals.clear()
                else:
                    arrivals.append(time.time())
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: text/plain\r\n\r\n%s" % (len(body), body)
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=2048)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class Receiver:
    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        ready = multiprocessing.Event()
        self.process = multiprocessing.Process(target=_serve, args=(self.port, ready), daemon=True)
        self.process.start()
        if not ready.wait(10):
            raise RuntimeError("the benchmark receiver did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _call(self, method: str, path: str) -> dict[str, Any]:
        import httpx

        response = httpx.request(method, self.url(path), timeout=10)
        return response.json() if path == "/stats" else {}

    def stats(self) -> dict[str, Any]:
        return self._call("GET", "/stats")

    def reset(self) -> None:
        self._call("POST", "/reset")

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
