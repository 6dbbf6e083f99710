"""Filters of each list (django-filter). A value that cannot be understood is a
400 naming the parameter — never silently ignored."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from agreements.choices import (
    ActorKind,
    AgreementKind,
    CommitmentCategory,
    CommitmentStatus,
    DeadlinePrecision,
    DeadlineState,
    EventType,
    RecordSource,
    SignatoryRole,
)
from agreements.countries import is_country_code
from agreements.models import Actor, Agreement, Commitment, Deadline, Event, Signatory, Source
from agreements.selectors import actors_called, actors_standing_for, agreements_having_overdue

# --- fields and filters shared by the filter sets ------------------------------


class IdOrSlugField(forms.ModelChoiceField):
    """A related object by numeric id or by slug."""

    def to_python(self, value: Any) -> Model | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        lookup: dict[str, int | str] = {"pk": int(text)} if text.isdigit() else {"slug": text}
        assert self.queryset is not None
        try:
            return self.queryset.get(**lookup)
        except (self.queryset.model.DoesNotExist, ValueError, OverflowError):
            # The value goes in params, never into the message itself: it may hold a "%".
            raise ValidationError(
                "No %(model)s with id or slug %(value)r.",
                code="invalid_choice",
                params={"model": self.queryset.model._meta.verbose_name, "value": text},
            ) from None


@extend_schema_field(OpenApiTypes.STR)
class IdOrSlugFilter(filters.ModelChoiceFilter):
    field_class = IdOrSlugField


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberFilter(filters.NumberFilter):
    """A number, said to be one in the schema even when a method applies it."""


@extend_schema_field({"type": "integer", "minimum": 1})
class IdNumberFilter(filters.NumberFilter):
    """A positive whole number (an id another dataset gives), said to be one in the schema even when a
    method applies it: ``5802``, not ``5802.0``."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class ActorsField(forms.Field):
    """An actor by id, by slug, or by a name or alias in any case and accents: every actor so called."""

    def to_python(self, value: Any) -> list[Actor] | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        actors = Actor.objects.only("id", "represents_id")
        try:
            found = list(actors.filter(pk=int(text))) if text.isdigit() else list(actors.filter(slug=text))
        except (ValueError, OverflowError):
            found = []
        found = found or actors_called(text)
        if not found:
            # The value goes in params, never into the message itself: it may hold a "%".
            raise ValidationError(
                "No actor with id, slug, name or alias %(value)r (/api/v1/actors/?q= searches them).",
                code="invalid_choice",
                params={"value": text},
            )
        return found


ACTOR_HELP = (
    "Id, slug, or a name or alias in any case and accents (`khalifa-haftar`, `Hafter`; a spelling several "
    "actors share means any of them). A person also stands for the actor they represent: Khalifa Haftar "
    "finds what binds or addresses the Libyan National Army."
)


class ActorFilter(filters.Filter):
    """Matches through :class:`ActorsField`; each filter set's method says what taking part means
    (the schema reads its type, a string, from the method's ``value``, its description from ``help_text``)."""

    field_class = ActorsField


class CountryCodeField(forms.CharField):
    """An ISO 3166-1 alpha-2 code, any case."""

    def to_python(self, value: Any) -> str:
        code = (super().to_python(value) or "").strip().upper()
        if code and not is_country_code(code):
            raise ValidationError(
                "%(code)r is not an ISO 3166-1 alpha-2 country code (such as 'LY').", params={"code": code}
            )
        return code


class CountryFilter(filters.CharFilter):
    field_class = CountryCodeField


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class IsoDateField(forms.DateField):
    """A date written YYYY-MM-DD, nothing else: Django's defaults would read 10/01/2020 as 1 October."""

    input_formats = ["%Y-%m-%d"]

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and value.strip() and not ISO_DATE.fullmatch(value.strip()):
            raise _not_iso_date(value)
        try:
            return super().to_python(value)
        except ValidationError:
            raise _not_iso_date(value) from None


def _not_iso_date(value: Any) -> ValidationError:
    # The value goes in params, never into the message itself: it may hold a "%".
    return ValidationError(
        "%(value)r is not a date written YYYY-MM-DD (such as 2020-01-08).", code="invalid", params={"value": value}
    )


class IsoDateFilter(filters.DateFilter):
    field_class = IsoDateField


# Real UTC offsets run from -12:00 to +14:00; PostgreSQL refuses past ±15:59.
MAX_UTC_OFFSET = dt.timedelta(hours=14)


class InstantField(IsoDateTimeField):
    """An ISO 8601 date-time (UTC without an offset); an offset no place on Earth uses is refused,
    not sent to the database."""

    def to_python(self, value: Any) -> dt.datetime | None:
        try:
            instant = super().to_python(value)
        except ValidationError:
            raise ValidationError(
                "%(value)r is not an ISO 8601 date and time, such as 2020-01-12T00:00:00+02:00 or 2020-01-12 "
                "(UTC when it has no offset).",
                code="invalid",
                params={"value": value},
            ) from None
        offset = instant.utcoffset() if instant is not None else None
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            raise ValidationError("The UTC offset must be between -14:00 and +14:00.", code="invalid")
        if instant is not None:
            # The database compares in UTC: year 1 east of Greenwich, or 9999 west of it, is no datetime there.
            try:
                instant.astimezone(dt.UTC)
            except OverflowError:
                raise ValidationError(
                    "%(value)r falls outside 0001-01-01 to 9999-12-31 once converted to UTC.",
                    code="invalid",
                    params={"value": value},
                ) from None
        return instant


class InstantFilter(filters.IsoDateTimeFilter):
    field_class = InstantField


_BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]
# A filter taking several values (``?status=breached&status=partially_met``) matches any of them.
SEVERAL = "Repeat the parameter for several; any of them matches."
COUNTRY = "an ISO 3166-1 alpha-2 code, in any case (`LY`)"


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.TypedChoiceFilter):
    """``true`` or ``false``; anything else is an error, not "no filter"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", _BOOLEAN_CHOICES)
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


def _binds(actors: list[Actor], **commitment: Any) -> Exists:
    """The commitment binds one of ``actors``, or an actor one of them represents."""
    bound = Commitment.bound_actors.through.objects.filter(actor__in=actors_standing_for(actors), **commitment)
    return Exists(bound)


# --- the filter sets ------------------------------------------------------------


SOURCES = "`ethprio` (ETH/PRIO ceasefire dataset), `pax` (PA-X), `editor` (neither: entered by an editor)"


def from_source(queryset: QuerySet, value: str, agreement: str = "") -> QuerySet:
    """The records of ``queryset`` whose agreement (through ``agreement``, a lookup path) comes from ``value``."""
    ids = f"{agreement}external_ids"
    if value == RecordSource.EDITOR:
        return queryset.exclude(**{f"{ids}__has_key": "pax"}).exclude(**{f"{ids}__has_key": "ethprio"})
    return queryset.filter(**{f"{ids}__has_key": value})


class AgreementFilterSet(filters.FilterSet):
    country = CountryFilter(
        method="filter_country", help_text="ISO 3166-1 alpha-2 code of a country the agreement concerns."
    )
    kind = filters.MultipleChoiceFilter(choices=AgreementKind.choices, help_text=f"Only these kinds. {SEVERAL}")
    actor = ActorFilter(
        method="filter_actor",
        help_text=f"An actor taking part (in the `role` if given, else in any, or signing for a party). {ACTOR_HELP}",
    )
    role = filters.ChoiceFilter(
        choices=SignatoryRole.choices, method="filter_role", help_text="Some party has this role."
    )
    signed_after = IsoDateFilter(field_name="date", lookup_expr="gte", help_text="Dated on or after (YYYY-MM-DD).")
    signed_before = IsoDateFilter(field_name="date", lookup_expr="lte", help_text="Dated on or before (YYYY-MM-DD).")
    has_overdue = StrictBooleanFilter(
        method="filter_has_overdue",
        help_text="true: only agreements with an overdue commitment; false: only those without one.",
    )
    pax_id = filters.CharFilter(field_name="external_ids__pax", help_text="PA-X AgtId.")
    ethprio_id = filters.CharFilter(
        field_name="external_ids__ethprio", help_text="ETH/PRIO ceasefire id (`uniq_id`), e.g. 620077."
    )
    ucdp_actor = IdNumberFilter(method="filter_ucdp_actor", help_text="UCDP actor id of a party to it, e.g. 5802.")
    source = filters.ChoiceFilter(
        choices=RecordSource.choices, method="filter_source", help_text=f"Where the record comes from: {SOURCES}."
    )
    in_force_on = IsoDateFilter(
        method="filter_in_force_on",
        help_text="In force on this day (YYYY-MM-DD), as far as the record can tell: took effect on or before it "
        "(at the precision known: a ceasefire that took effect in March 2020 is in force on 31 March, not on "
        "1 March), and had not ended before it (no end recorded, or an end on or after it).",
    )

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_ucdp_actor(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(self._parties(actor__external_ids__ucdp=str(value)))

    def filter_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return from_source(queryset, value)

    def filter_in_force_on(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(in_force_from_latest__lte=value).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=value)
        )

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(countries__has_item=value)

    def _parties(self, **conditions: Any) -> Exists:
        return Exists(Signatory.objects.filter(agreement=OuterRef("pk"), **conditions))

    def filter_actor(self, queryset: QuerySet, name: str, value: list[Actor]) -> QuerySet:
        parties = actors_standing_for(value)
        role = self.form.cleaned_data.get("role")
        if role:
            return queryset.filter(self._parties(actor__in=parties, role=role))
        return queryset.filter(self._parties(actor__in=parties) | self._parties(signed_by__in=value))

    def filter_role(self, queryset: QuerySet, name: str, role: str) -> QuerySet:
        if self.form.cleaned_data.get("actor"):
            return queryset  # combined with the actor in filter_actor
        return queryset.filter(self._parties(role=role))

    def filter_has_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return agreements_having_overdue(queryset, overdue=value)


class ActorFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=ActorKind.choices, help_text=f"Only these kinds. {SEVERAL}")
    country = CountryFilter(field_name="country", help_text=f"Only actors of this country: {COUNTRY}.")
    agreement = IdOrSlugFilter(
        queryset=Agreement.objects.all(),
        field_name="parts__agreement",
        distinct=True,
        help_text="Only actors taking part in this agreement, in any role (its id or slug).",
    )
    ucdp_actor = IdNumberFilter(method="filter_ucdp_actor", help_text="UCDP actor id, e.g. 5802.")

    class Meta:
        model = Actor
        fields: list[str] = []

    def filter_ucdp_actor(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(external_ids__ucdp=str(value))


class CommitmentFilterSet(filters.FilterSet):
    agreement = IdOrSlugFilter(
        queryset=Agreement.objects.all(), help_text="Only this agreement's commitments (its id or slug)."
    )
    status = filters.MultipleChoiceFilter(
        choices=CommitmentStatus.choices, help_text=f"Only commitments with these statuses. {SEVERAL}"
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text="true: only overdue commitments (a deadline has passed and the status is neither `met` nor "
        "`withdrawn`); false: only those not overdue.",
    )
    category = filters.MultipleChoiceFilter(
        choices=CommitmentCategory.choices, help_text=f"Only these categories. {SEVERAL}"
    )
    actor = ActorFilter(method="filter_actor", help_text=f"Only commitments binding this actor. {ACTOR_HELP}")
    country = CountryFilter(
        method="filter_country", help_text=f"Only commitments of agreements concerning this country: {COUNTRY}."
    )
    source = filters.ChoiceFilter(
        choices=RecordSource.choices,
        method="filter_source",
        help_text=f"Only commitments of agreements from here: {SOURCES}.",
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def filter_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return from_source(queryset, value, "agreement__")

    def filter_actor(self, queryset: QuerySet, name: str, value: list[Actor]) -> QuerySet:
        return queryset.filter(_binds(value, commitment=OuterRef("pk")))

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(overdue_since__isnull=not value)

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(agreement__countries__has_item=value)


class DeadlineFilterSet(filters.FilterSet):
    state = filters.MultipleChoiceFilter(
        choices=DeadlineState.choices, help_text=f"Only deadlines in these states. {SEVERAL}"
    )
    precision = filters.MultipleChoiceFilter(
        choices=DeadlinePrecision.choices, help_text=f"Only deadlines stated to these precisions. {SEVERAL}"
    )
    due_after = InstantFilter(
        field_name="due_at",
        lookup_expr="gte",
        help_text="Only deadlines whose `due_at` is at or after this instant: ISO 8601, UTC if no offset is given "
        "(`2020-01-11T22:00:00Z`). Deadlines without a `due_at` never match.",
    )
    due_before = InstantFilter(
        field_name="due_at",
        lookup_expr="lte",
        help_text="Only deadlines whose `due_at` is at or before this instant: ISO 8601, UTC if no offset is "
        "given. Deadlines without a `due_at` never match.",
    )
    within = NumberFilter(
        method="filter_within",
        min_value=0,
        max_value=36500,
        error_messages={"invalid": "A number of days from now, e.g. 7 or 0.5."},
        help_text="Only deadlines falling due within this many days from now (still ahead; fractions allowed; "
        "`7`, not `7d`). Deadlines without a `due_at` never match.",
    )
    agreement = IdOrSlugFilter(
        queryset=Agreement.objects.all(),
        field_name="commitment__agreement",
        help_text="Only the deadlines of this agreement's commitments (its id or slug).",
    )
    commitment = filters.ModelChoiceFilter(
        queryset=Commitment.objects.all(), help_text="Only this commitment's deadlines (its id)."
    )
    country = CountryFilter(
        method="filter_country", help_text=f"Only deadlines of agreements concerning this country: {COUNTRY}."
    )
    source = filters.ChoiceFilter(
        choices=RecordSource.choices,
        method="filter_source",
        help_text=f"Only deadlines of agreements from here: {SOURCES}.",
    )
    actor = ActorFilter(
        method="filter_actor", help_text=f"Only the deadlines of commitments binding this actor. {ACTOR_HELP}"
    )
    anchored = StrictBooleanFilter(
        method="filter_anchored", help_text="true: stated as an offset from an anchor; false: in the calendar."
    )
    waiting = StrictBooleanFilter(
        method="filter_waiting", help_text="true: anchored, and the anchor has no moment yet (no due_at)."
    )
    anchor = filters.ModelChoiceFilter(
        queryset=Deadline.objects.all(), help_text="Deadlines counting directly from this deadline (its id)."
    )

    class Meta:
        model = Deadline
        fields: list[str] = []

    def filter_actor(self, queryset: QuerySet, name: str, value: list[Actor]) -> QuerySet:
        return queryset.filter(_binds(value, commitment=OuterRef("commitment_id")))

    def filter_anchored(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.exclude(anchor_kind="") if value else queryset.filter(anchor_kind="")

    def filter_waiting(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        waiting = Q(due_at__isnull=True) & ~Q(anchor_kind="")
        return queryset.filter(waiting) if value else queryset.exclude(waiting)

    def filter_within(self, queryset: QuerySet, name: str, value: Decimal | None) -> QuerySet:
        if value is None:
            return queryset
        now = timezone.now()
        return queryset.filter(due_at__gt=now, due_at__lte=now + dt.timedelta(days=float(value)))

    def filter_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return from_source(queryset, value, "commitment__agreement__")

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(commitment__agreement__countries__has_item=value)


class SourceFilterSet(filters.FilterSet):
    published_after = IsoDateFilter(
        field_name="published_on",
        lookup_expr="gte",
        help_text="Only sources published on or after this day (YYYY-MM-DD); undated ones never match.",
    )
    published_before = IsoDateFilter(
        field_name="published_on",
        lookup_expr="lte",
        help_text="Only sources published on or before this day (YYYY-MM-DD); undated ones never match.",
    )
    agreement = IdOrSlugFilter(
        queryset=Agreement.objects.all(),
        field_name="agreements",
        distinct=True,
        help_text="Only the sources behind this agreement's record (its id or slug).",
    )

    class Meta:
        model = Source
        fields: list[str] = []


class EventFilterSet(filters.FilterSet):
    type = filters.MultipleChoiceFilter(choices=EventType.choices, help_text=f"Only entries of these types. {SEVERAL}")
    agreement = IdOrSlugFilter(
        queryset=Agreement.objects.all(), help_text="Only entries about this agreement (its id or slug)."
    )
    commitment = filters.ModelChoiceFilter(
        queryset=Commitment.objects.all(), help_text="Only entries about this commitment (its id)."
    )
    deadline = filters.ModelChoiceFilter(
        queryset=Deadline.objects.all(), help_text="Only entries about this deadline (its id)."
    )
    occurred_after = InstantFilter(
        field_name="occurred_at",
        lookup_expr="gte",
        help_text="Only entries recorded at or after this instant: ISO 8601, UTC if no offset is given.",
    )
    occurred_before = InstantFilter(
        field_name="occurred_at",
        lookup_expr="lte",
        help_text="Only entries recorded at or before this instant: ISO 8601, UTC if no offset is given.",
    )
    happened_after = InstantFilter(
        field_name="happened_at",
        lookup_expr="gte",
        help_text="Only entries that happened in the world at or after this instant (see `happened_at`): "
        "ISO 8601, UTC if no offset is given.",
    )
    happened_before = InstantFilter(
        field_name="happened_at",
        lookup_expr="lte",
        help_text="Only entries that happened in the world at or before this instant (see `happened_at`): "
        "ISO 8601, UTC if no offset is given.",
    )

    class Meta:
        model = Event
        fields: list[str] = []
