"""Who may do what over HTTP: anyone reads; writing needs the model permission."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import permissions

if TYPE_CHECKING:  # imported for annotations only: DRF loads these classes while importing its views
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ModelPermissionsOrReadOnly(permissions.DjangoModelPermissions):
    """Reads are open to anyone (throttled); writes need the Django model permission
    (``add_``, ``change_``, ``delete_``) that the "editors" group holds."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class HasPermission(permissions.BasePermission):
    """Requires one named permission, e.g. ``agreements.add_statuschange``."""

    permission = ""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm(self.permission))
