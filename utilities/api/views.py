"""View building blocks shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from rest_framework import permissions


class AtomicWrites:
    """Run every write request in one transaction: an error anywhere — validation,
    a service, a concurrent conflict — rolls back everything the request did."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method in permissions.SAFE_METHODS:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
