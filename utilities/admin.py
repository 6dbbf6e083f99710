"""Admin building blocks that know nothing of the domain: views of rows only the system writes,
list columns that read well."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import OperationalError, models
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from utilities.ordering import nulls_last
from utilities.services import undone_by_database

T = TypeVar("T")

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


LONG_TEXT = 200  # characters: a title or a summary, not a code or a number


class LongTextInputs:
    """Admin mixin: a one-line text field that may hold a long text gets a wide box.

    Django gives every ``CharField`` the same 20em box, which shows the first
    forty characters of a title and cuts the rest off mid-word. The box of a
    field of ``LONG_TEXT`` characters or more is marked ``long-text``, for the
    stylesheet to widen.
    """

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> forms.Field | None:
        field: forms.Field | None = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        long = isinstance(db_field, models.CharField) and (db_field.max_length or 0) >= LONG_TEXT
        if field is not None and long and isinstance(field.widget, forms.TextInput):
            field.widget.attrs["class"] = " ".join(filter(None, [field.widget.attrs.get("class"), "long-text"]))
        return field


class _EmptyValuesLastChangeList(ChangeList):
    def get_ordering(self, request: HttpRequest, queryset: QuerySet) -> list[Any]:
        return [nulls_last(queryset, term) for term in super().get_ordering(request, queryset)]


class EmptyValuesLast:
    """ModelAdmin mixin: a list sorted by a column that can be empty (a date not known)
    puts the empty rows last in either direction, on SQLite as on PostgreSQL — as the
    API's ``?ordering`` does."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return _EmptyValuesLastChangeList


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows rows but never adds, changes or deletes them."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyAdmin(EmptyValuesLast, admin.ModelAdmin):
    """For records written only by the system (events, sweeps): view, never edit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


def act_on_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    items: Iterable[T],
    act: Callable[[T], object],
    *,
    name: Callable[[T], str],
    done: str,
) -> None:
    """An admin action's change, item by item, each through ``act`` (a service function, one
    transaction each), and one message for those done (``done``: "Marked met: 3 deadline(s).")
    and one for each item refused, named by ``name``: what the service refused (its
    ``ValidationError``), or a race lost to another change (the item deleted meanwhile, or a
    deadlock or serialization failure PostgreSQL broke by undoing this item's transaction). The
    items done before stand, so a refusal is told beside them, not as the whole action's."""
    changed, refused = 0, []
    for item in items:
        try:
            act(item)
            changed += 1
        except ValidationError as exc:
            refused.append(f"“{name(item)}”: {' '.join(exc.messages)}")
        except ObjectDoesNotExist:
            refused.append(f"“{name(item)}”: another change deleted it meanwhile.")
        except OperationalError as exc:
            if not undone_by_database(exc):
                raise
            refused.append(
                f"“{name(item)}”: another change to it was made at the same time; nothing was saved for it. Try again."
            )
    if changed:
        modeladmin.message_user(request, done.format(changed), messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, line, messages.WARNING)
