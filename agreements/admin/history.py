"""A record's history in the admin: what each version changed, and Revert through the services.

django-simple-history keeps a version of a row at every save. Its admin shows a
diff of the *editable* fields only — a commitment's status is not editable in a
form (it changes through ``commitment_set_status``), so a status change showed
no diff at all — and its Revert saves the form of the old version through the
admin, where the services see no changed field: it said "changed successfully"
and changed nothing.

Here the diff covers every field the history keeps, with choices, related rows
and dates as people read them; and Revert sets what a version was through the
admin's service functions — the same path as any edit, with its history, events
and checks — after a page showing what it will set and what it cannot.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import ObjDiffDisplay
from simple_history.utils import get_m2m_reverse_field_name

M = TypeVar("M", bound=Model)

# Kept by the history, but nothing an editor changes or needs to see change.
UNSHOWN = frozenset({"id", "search_text", "created_at", "updated_at"})
EMPTY = "—"
NOTHING_TO_REVERT = "Nothing to revert: this version is what the record is now."
DERIVED = "Derived from other fields: worked out again, not set."
# Long texts are shown around their first difference, not in full.
DIFF_DISPLAY = ObjDiffDisplay(max_length=200)


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, as it was and as it became, for people to read."""

    name: str
    label: str
    before: str
    after: str

    def as_context(self) -> dict[str, str]:
        """The shape simple-history's history list shows: ``field: old → new``."""
        return {"field": self.label, "old": self.before, "new": self.after}


def shown_fields(model: type[Model]) -> list[models.Field]:
    """The fields the history keeps for ``model``, many-to-many ones included, in the model's order."""
    history = model.history.model  # type: ignore[attr-defined]
    kept = {f.name for f in history.tracked_fields} | {f.name for f in history._history_m2m_fields}
    return [f for f in model._meta.get_fields() if f.name in kept and f.name not in UNSHOWN]  # type: ignore[misc]


def values(record: Model, fields: Iterable[models.Field]) -> dict[str, Any]:
    """Comparable values of ``record``'s fields: a live row's, or a historical version's.

    A foreign key by its id; a many-to-many relation as the set of ids — from the
    version's own copy of the relation when ``record`` is a version.
    """
    found: dict[str, Any] = {}
    for f in fields:
        if f.many_to_many:
            rows = getattr(record, f.name).all()
            if hasattr(record, "history_id"):
                target = rows.model._meta.get_field(get_m2m_reverse_field_name(f)).attname
                found[f.name] = frozenset(getattr(row, target) for row in rows)
            else:
                found[f.name] = frozenset(row.pk for row in rows)
        else:
            found[f.name] = getattr(record, f.attname)
    return found


def display(f: models.Field, value: Any) -> str:
    """A value as an editor reads it: a choice's label, a related row's name, a date in UTC."""
    if value is None or value == "" or value == [] or value == {} or value == frozenset():
        return EMPTY
    if f.many_to_many or f.many_to_one:
        related = f.related_model._default_manager.filter(pk__in=value if f.many_to_many else [value])  # type: ignore[union-attr]
        names = sorted(str(row) for row in related)
        missing = (len(value) if f.many_to_many else 1) - len(names)
        if missing:
            names.append(f"{missing} deleted")
        return ", ".join(names)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return f"{value.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def differences(model: type[Model], before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """The fields whose values differ between two sets of ``values()``, as people read them."""
    changes = []
    for f in shown_fields(model):
        old, new = before.get(f.name), after.get(f.name)
        if old == new or (f.many_to_many and set(old or ()) == set(new or ())):
            continue
        shown = DIFF_DISPLAY.common_shorten_repr(display(f, old), display(f, new))
        changes.append(FieldChange(f.name, capfirst(str(f.verbose_name)), shown[0], shown[1]))
    return changes


def version_label(version: Model) -> str:
    """'2026-11-27 06:18:12 UTC, by editor' (seconds: one save can follow another within a minute)."""
    by = f", by {version.history_user}" if getattr(version, "history_user", None) else ""  # type: ignore[attr-defined]
    return f"{version.history_date.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC{by}"  # type: ignore[attr-defined]


@dataclass
class RevertPlan:
    """What a revert to ``version`` sets, what differs that it cannot set (with why), and what
    differs but is derived from other fields (worked out again by the services, not set)."""

    version: Model
    sets: list[FieldChange] = field(default_factory=list)
    cannot: list[tuple[FieldChange, str]] = field(default_factory=list)
    derived: list[FieldChange] = field(default_factory=list)

    @property
    def not_set(self) -> list[tuple[FieldChange, str]]:
        """Everything a revert does not set, with why: what it cannot, then what is derived."""
        return [*self.cannot, *((change, DERIVED) for change in self.derived)]

    @property
    def label(self) -> str:
        return version_label(self.version)


class HistoryAdmin(SimpleHistoryAdmin, Generic[M]):
    """simple-history's admin, with every kept field in the diffs and a Revert made of service calls.

    Subclasses name ``revert_fields`` — the fields their update service sets,
    many-to-many relations included — and implement ``revert_via_service``.
    ``revert_leaves`` says why a field a revert does not set is left as it is;
    a field in neither follows from the others (a derived one).
    ``revert_extra_form``/``revert_extra`` let an admin revert a field through
    a service of its own (a commitment's status, with its evidence).
    """

    revert_fields: ClassVar[tuple[str, ...]] = ()
    revert_leaves: ClassVar[dict[str, str]] = {}
    revert_note: ClassVar[str] = ""
    revert_template = "admin/agreements/revert.html"

    # --- the history list -----------------------------------------------------------------

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Iterable[Model], foreign_keys_are_objs: bool = True
    ) -> None:
        """Each version (newest first) with what it changed from the one before it."""
        records = list(historical_records)
        fields = shown_fields(self.model)
        snapshots = [values(record, fields) for record in records]
        for newer, before, after in zip(records, snapshots[1:], snapshots, strict=False):
            newer.history_delta_changes = [c.as_context() for c in differences(self.model, before, after)]  # type: ignore[attr-defined]

    # --- Revert -----------------------------------------------------------------------------

    def revert_via_service(self, request: HttpRequest, obj: M, changes: dict[str, Any]) -> None:
        """Set ``changes`` (field name → value; related rows as objects, many-to-many as lists) on ``obj``."""
        raise ImproperlyConfigured(f"{type(self).__name__} cannot revert.")

    def revert_extra_form(self, request: HttpRequest, obj: M, version: Model) -> forms.Form | None:
        """A form for what a revert sets through a service of its own; None when there is none."""
        return None

    def revert_extra(self, request: HttpRequest, obj: M, version: Model, form: forms.Form) -> None:
        """Apply ``revert_extra_form``'s part of the revert (in the revert's transaction)."""

    def revert_extra_fields(self, request: HttpRequest, obj: M, version: Model) -> tuple[str, ...]:
        """The fields ``revert_extra`` sets for this revert."""
        return ()

    def revert_disabled(self, request: HttpRequest, obj: Model | None = None) -> bool:
        no_revert = type(self).revert_via_service is HistoryAdmin.revert_via_service
        return no_revert or bool(super().revert_disabled(request, obj))

    def revert_plan(self, request: HttpRequest, obj: M, version: Model) -> RevertPlan:
        """Compare the record now with ``version``: what a revert sets, what it cannot, and why."""
        fields = shown_fields(self.model)
        plan = RevertPlan(version)
        settable = set(self.revert_fields) | set(self.revert_extra_fields(request, obj, version))
        now, then = values(obj, fields), values(version, fields)
        for change in differences(self.model, now, then):
            if change.name in settable:
                missing = self._missing_related(change.name, then[change.name])
                if missing:
                    plan.cannot.append((change, missing))
                else:
                    plan.sets.append(change)
            elif change.name in self.revert_leaves:
                plan.cannot.append((change, self.revert_leaves[change.name]))
            else:
                plan.derived.append(change)
        return plan

    def _missing_related(self, name: str, value: Any) -> str:
        """Why a related row the version names cannot be set again (it was deleted), or ''."""
        f = self.model._meta.get_field(name)
        if not (f.many_to_one or f.many_to_many) or value is None:
            return ""
        ids = set(value) if f.many_to_many else {value}
        found = set(f.related_model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        if ids - found:
            return f"The {f.related_model._meta.verbose_name} it named has been deleted since."
        return ""

    def _changes_to_set(self, plan: RevertPlan) -> dict[str, Any]:
        """The version's values for the fields the update service sets: rows as objects, relations as lists."""
        then = values(plan.version, shown_fields(self.model))
        changes: dict[str, Any] = {}
        for change in plan.sets:
            if change.name not in self.revert_fields:
                continue
            f = self.model._meta.get_field(change.name)
            value = then[change.name]
            if f.many_to_many:
                changes[f.name] = list(f.related_model._default_manager.filter(pk__in=value))
            elif f.many_to_one:
                changes[f.name] = None if value is None else f.related_model._default_manager.get(pk=value)
            else:
                changes[f.name] = value
        return changes

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """A version of the record: what Revert would set and what it cannot; on POST, the revert."""
        request.current_app = self.admin_site.name
        opts = self.model._meta
        history_model = self.model.history.model
        version = get_object_or_404(history_model, **{opts.pk.attname: unquote(object_id), "history_id": version_id})
        obj = self.get_object(request, unquote(object_id))
        history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[unquote(object_id)])
        if obj is None:
            self.message_user(
                request,
                f"This {opts.verbose_name} has been deleted; a revert changes a record, it does not bring one back.",
                messages.WARNING,
            )
            return HttpResponseRedirect(history_url)
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        can_revert = not self.revert_disabled(request, obj)
        extra = self.revert_extra_form(request, obj, version) if can_revert else None
        if request.method == "POST":
            if not (can_revert and self.has_change_permission(request, obj)):
                raise PermissionDenied
            if extra is None or extra.is_valid():
                done = self._revert(request, obj, version, extra)
                if done is not None:
                    return done
        plan = self.revert_plan(request, obj, version)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revert to the version of {plan.label}",
            "subtitle": str(obj),
            "opts": opts,
            "object": obj,
            "plan": plan,
            "status_form": extra,
            "can_revert": can_revert,
            "revert_note": self.revert_note,
            "history_url": history_url,
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
            "media": self.media + (extra.media if extra is not None else forms.Media()),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.revert_template, context)

    def _revert(self, request: HttpRequest, obj: M, version: Model, extra: forms.Form | None) -> HttpResponse | None:
        """Set what ``version`` was, all or nothing; say what changed and what still differs.

        Returns the redirect when done, or None (with the errors on ``extra``) when a service refused.
        """
        plan = self.revert_plan(request, obj, version)
        change_url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        if not plan.sets:
            message = self._still_differs(plan) if plan.cannot else NOTHING_TO_REVERT
            self.message_user(request, message, messages.WARNING)
            return HttpResponseRedirect(change_url)
        try:
            with transaction.atomic():
                changes = self._changes_to_set(plan)
                if changes:
                    self.revert_via_service(request, obj, changes)
                if extra is not None:
                    self.revert_extra(request, obj, version, extra)
        except ValidationError as exc:
            if extra is None:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
            for name, errors in exc.message_dict.items():
                extra.add_error(name if name in extra.fields else None, errors)
            return None
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        after = self.revert_plan(request, fresh, version)
        still = {c.name for c in after.sets}
        done = [c.label for c in plan.sets if c.name not in still]
        if done:
            message = f"Reverted to the version of {plan.label}: {', '.join(done)}."
            self.log_change(request, fresh, message)
            self.message_user(request, message, messages.SUCCESS)
        if after.sets or after.cannot or not done:
            self.message_user(request, self._still_differs(after), messages.WARNING)
        return HttpResponseRedirect(change_url)

    @staticmethod
    def _still_differs(plan: RevertPlan) -> str:
        """What a revert left different from the version (derived fields aside), and why."""
        left = [f"{c.label} ({c.before}; that version: {c.after}) — {why}" for c, why in plan.cannot]
        left += [f"{c.label} ({c.before}; that version: {c.after}) — a service kept it" for c in plan.sets]
        return f"Not reverted, still different from the version of {plan.label}: " + "; ".join(left or ["nothing"])
