"""Admin building blocks that know nothing of the domain: views of rows only the system writes,
list columns that read well."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

EMPTY = "-"  # as Django shows an empty cell


def related_column(name: str, description: str = "") -> Callable[[Model], str]:
    """A list column naming the row a foreign key points to, wrapped like any text.

    Django keeps a foreign key's column on one line (``nowrap``): a long name —
    an agreement's title with a commitment's summary — then runs past the edge
    of the list and is cut mid-word. This column shows the same name, sorted
    the same way, and wraps.
    """

    def column(obj: Model) -> str:
        related: Model | None = getattr(obj, name)
        return EMPTY if related is None else str(related)

    column.__name__ = name  # the cell's class stays ``field-<name>``
    return admin.display(description=description or name.replace("_", " "), ordering=name)(column)


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows rows but never adds, changes or deletes them."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records written only by the system (events, sweeps): view, never edit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
