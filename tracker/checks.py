"""Deployment checks (``manage.py check --deploy``): what a deployment from a checkout can miss.

The docker image has both covered (it collects static files at build time, and compose
requires ``PUBLIC_BASE_URL``); a deployment by hand may have neither.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

MANIFEST = "staticfiles.json"


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs: Sequence[AppConfig] | None = None, **_: Any) -> list[CheckMessage]:
    """With DEBUG off, static files are served from the collected manifest: without it, every page that
    links one (the admin, ``/api/docs/``, the browsable API) answers 500."""
    if settings.DEBUG or (Path(settings.STATIC_ROOT) / MANIFEST).exists():
        return []
    return [
        Warning(
            f"No collected static files in STATIC_ROOT ({settings.STATIC_ROOT}): with DEBUG off the admin and "
            "/api/docs/ answer 500.",
            hint="Run `python manage.py collectstatic --noinput`, then restart the web server.",
            id="tracker.W001",
        )
    ]


def _on_this_machine(host: str) -> bool:
    if host in {"localhost", ""}:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register(deploy=True)
def public_base_url_reachable(app_configs: Sequence[AppConfig] | None = None, **_: Any) -> list[CheckMessage]:
    """Webhook payloads and events link to records under ``PUBLIC_BASE_URL``, and are stored as written:
    a loopback or unspecified host there is a link no subscriber can follow."""
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or ""
    if settings.DEBUG or not _on_this_machine(host):
        return []
    return [
        Warning(
            f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL!r}: webhook payloads and events would link to records "
            "at an address only this machine can reach, and are stored as written.",
            hint="Set PUBLIC_BASE_URL to where clients reach the service, e.g. https://tracker.example.org.",
            id="tracker.W002",
        )
    ]
