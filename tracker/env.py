"""Typed readers for configuration from the environment.

Every setting the service takes from the environment goes through one of
these helpers. They fail at start-up with a message that names the variable
and says what was expected, so a typo in a deployment never turns into a
silent default or a stack trace deep inside a request.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# A DRF throttle rate: a count, then a period DRF reads by its first letter.
_RATE = re.compile(r"^(\d+)/(s|sec|second|m|min|minute|h|hour|d|day)$")


_USERINFO_PASSWORD = re.compile(r"(://[^/@:]*:)[^@]*@")


def shown(url: str) -> str:
    """``url`` as an error message may repeat it: a password in it is masked (messages reach logs),
    also in a URL too malformed to parse (the ones messages quote)."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return repr(_USERINFO_PASSWORD.sub(r"\1***@", url, count=1))
    if not password:
        return repr(url)
    return repr(url.replace(f":{password}@", ":***@", 1))


_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def _ipv4_or_name(host: str) -> bool:
    """A host of digits and dots only must be an IPv4 address (no name ends in a number)."""
    if not re.fullmatch(r"[0-9.]+", host):
        return True
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


class Env:
    """A view of the environment with typed, validating accessors."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        """The stripped value, or None when unset or empty (``FOO=`` means "use the default")."""
        value = self.environ.get(name)
        return None if value is None or not value.strip() else value.strip()

    def string(self, name: str, default: str = "") -> str:
        value = self._raw(name)
        return default if value is None else value

    def boolean(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use one of true/false, 1/0, yes/no, on/off.")

    def integer(self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"{name}={number} is too small: the minimum is {minimum}.")
        if maximum is not None and number > maximum:
            raise ImproperlyConfigured(f"{name}={number} is too large: the maximum is {maximum}.")
        return number

    def host(self, name: str, default: str) -> str:
        """An address to bind or to name in a URL: a host name or an IPv4 address as given, an
        IPv6 address in brackets (``::1`` and ``[::1]`` both read as ``[::1]``), as ``HOST:PORT``
        and ``http://HOST:PORT`` need it."""
        value = self.string(name, default)
        bare = value[1:-1] if value.startswith("[") and value.endswith("]") else value
        if ":" in bare:
            try:
                return f"[{ipaddress.IPv6Address(bare)}]"
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name}={value!r} is not an address: an IPv6 address such as ::1, or a host name or "
                    "IPv4 address without a port (the port is PORT)."
                ) from None
        if not bare or bare != value or not _HOST.fullmatch(bare) or not _ipv4_or_name(bare):
            raise ImproperlyConfigured(f"{name}={value!r} is not a host name or an IP address.")
        return bare

    def strings(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def rate(self, name: str, default: str) -> str:
        """A throttle rate such as ``120/minute``: a count per second, minute, hour or day."""
        value = self.string(name, default)
        if not _RATE.match(value):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a rate: use a whole number of requests per second, minute, hour or "
                "day, such as 120/minute or 5000/day."
            )
        return value

    def durations(self, name: str, default: str) -> list[timedelta]:
        """Parse a comma-separated list of durations such as ``7d,1d`` or ``12h,30m``.

        Returned longest first, without duplicates.
        """
        value = self._raw(name)
        text = default if value is None else value
        leads: set[timedelta] = set()
        for part in (p for p in text.split(",") if p.strip()):
            match = _DURATION.match(part)
            if not match or int(match.group(1)) == 0:
                raise ImproperlyConfigured(
                    f"{name}={text!r}: {part.strip()!r} is not a positive duration "
                    "such as 30m, 12h, 1d or 2w (comma-separated)."
                )
            leads.add(timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)]))
        return sorted(leads, reverse=True)

    def database(self, name: str, default: str) -> dict[str, Any]:
        url = self.string(name, default)
        try:
            config = dj_database_url.parse(url)
        except (ValueError, KeyError) as exc:
            raise ImproperlyConfigured(f"{name}={shown(url)} is not a database URL we can use: {exc}") from None
        engine = config.get("ENGINE", "")
        if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
            raise ImproperlyConfigured(f"{name}={shown(url)}: only sqlite:/// and postgres:// URLs are supported.")
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name}={shown(url)} names no database.")
        return dict(config)

    def cache(self, name: str, default: str) -> dict[str, Any]:
        """A Django cache from ``file:///path``, ``locmem://`` or ``redis://host:port/db``."""
        url = self.string(name, default)
        if url.startswith("locmem://"):
            return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if url.startswith("file://"):
            path = url.removeprefix("file://")
            if not path.startswith("/"):
                raise ImproperlyConfigured(
                    f"{name}={shown(url)}: a file cache needs an absolute path, file:///path/to/dir."
                )
            # Counters, not pages: enough entries that culling never resets a client's count.
            return {"BACKEND": "utilities.cache.LockedFileCache", "LOCATION": path, "OPTIONS": {"MAX_ENTRIES": 100_000}}
        if url.startswith(("redis://", "rediss://")):
            return {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "TIMEOUT": 300,
                "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
            }
        raise ImproperlyConfigured(
            f"{name}={shown(url)}: use redis://host:port/db, file:///path (one machine) or locmem:// (one process)."
        )

    def broker_url(self, name: str, default: str) -> str:
        url = self.string(name, default)
        scheme = url.split("://", 1)[0] if "://" in url else ""
        if scheme not in {"filesystem", "redis", "rediss", "memory"}:
            raise ImproperlyConfigured(
                f"{name}={shown(url)}: use redis://host:port/db (production) or filesystem:// (embedded)."
            )
        return url


env = Env()
