"""Agreement, the parties to it (Signatory) and its links to other agreements."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from simple_history.models import HistoricalRecords

from agreements.choices import AgreementKind, DatePrecision, LinkKind, RecordSource, SignatoryRole
from agreements.countries import validate_country_codes
from agreements.models.actor import Actor
from agreements.models.source import Source
from agreements.models.validators import validate_external_ids
from utilities.folding import fold_all
from utilities.models import ChecksEnforcedByDatabase, TimeStamped


class AgreementType(models.TextChoices):
    """Who the agreement is between (PA-X's ``Agtp``)."""

    INTERSTATE = "interstate", "Interstate"
    INTERSTATE_INTRASTATE = "interstate_intrastate", "Interstate/intrastate"
    INTRASTATE = "intrastate", "Intrastate"
    INTRASTATE_LOCAL = "intrastate_local", "Intrastate/local"


class Agreement(TimeStamped):
    """A ceasefire or peace agreement, joint statement, declaration or conclusions.

    ``date`` holds the first day of the period its ``date_precision`` names: a
    month-precise agreement of March 2021 has ``date`` 2021-03-01.
    """

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=AgreementKind.choices)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    place = models.CharField(max_length=200, blank=True)
    countries = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_country_codes],
        help_text="ISO 3166-1 alpha-2 codes of the countries the agreement concerns.",
    )
    conflict = models.CharField(max_length=300, blank=True, help_text="Country or conflict, as PA-X names it.")
    peace_process = models.CharField(max_length=300, blank=True)
    region = models.CharField(max_length=100, blank=True)
    agreement_type = models.CharField(max_length=30, choices=AgreementType.choices, blank=True)
    stage = models.CharField(max_length=200, blank=True, help_text="Stage of the peace process, e.g. 'Ceasefire'.")
    summary = models.TextField(blank=True, help_text="In our own words.")
    full_text = models.TextField(blank=True)
    info_url = models.URLField(max_length=1000, blank=True, help_text="A page describing it (e.g. its PA-X entry).")
    document_url = models.URLField(max_length=1000, blank=True, help_text="The text itself (e.g. a PDF).")
    external_ids = models.JSONField(default=dict, blank=True, validators=[validate_external_ids])
    sources = models.ManyToManyField(Source, blank=True, related_name="agreements")
    imported = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="What an importer last said (e.g. PA-X), to tell its changes from editors'.",
    )
    # When a ceasefire was in force, as precisely as a dataset knows it (ETH/PRIO: effect and end).
    in_force_from = models.DateField(
        null=True, blank=True, help_text="Took effect: the first day of the period its precision names."
    )
    in_force_from_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True)
    in_force_from_latest = models.DateField(
        null=True, blank=True, editable=False, help_text="Derived: the last day it can have taken effect."
    )
    ended_on = models.DateField(
        null=True, blank=True, help_text="Ended: the first day of the period its precision names."
    )
    ended_on_precision = models.CharField(max_length=10, choices=DatePrecision.choices, blank=True)
    coded = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="A dataset's coded values, verbatim under their column names (e.g. ETH/PRIO's).",
    )
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        m2m_fields=[sources], excluded_fields=["imported", "search_text", "coded", "in_force_from_latest"]
    )

    class Meta:
        # Undated last on SQLite and PostgreSQL alike (their defaults differ).
        ordering = [models.F("date").desc(nulls_last=True), "title", "id"]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["kind", "date"]),
        ]
        constraints = [
            # One agreement per PA-X AgtId, and per ETH/PRIO uniq_id: the importers' keys.
            models.UniqueConstraint(KeyTextTransform("pax", "external_ids"), name="agreement_unique_pax_id"),
            models.UniqueConstraint(KeyTextTransform("ethprio", "external_ids"), name="agreement_unique_ethprio_id"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.date and self.date_precision == DatePrecision.MONTH and self.date.day != 1:
            raise ValidationError({"date": "A month-precise date is stored as the first of the month."})
        if self.date and self.date_precision == DatePrecision.YEAR and (self.date.month, self.date.day) != (1, 1):
            raise ValidationError({"date": "A year-precise date is stored as 1 January."})
        errors: dict[str, str] = {}
        for name in ("in_force_from", "ended_on"):
            value, precision = getattr(self, name), getattr(self, f"{name}_precision")
            if value is not None and not precision:
                errors[f"{name}_precision"] = "Say how precise the date is: day, month or year."
            elif value is None and precision:
                errors[f"{name}_precision"] = f"Only with a date in {name}."
            elif value and precision == DatePrecision.MONTH and value.day != 1:
                errors[name] = "A month-precise date is stored as the first of the month."
            elif value and precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
                errors[name] = "A year-precise date is stored as 1 January."
        end = last_day(self.ended_on, self.ended_on_precision)
        if self.in_force_from and end is not None and end < self.in_force_from:
            errors["ended_on"] = "It cannot have ended before it took effect."
        if errors:
            raise ValidationError(errors)

    def compute_search_text(self) -> str:
        return fold_all([self.title, self.place, self.conflict, self.peace_process, self.summary])

    def compute_in_force_from_latest(self) -> dt.date | None:
        """The last day the agreement can have taken effect, given the precision of ``in_force_from``."""
        return last_day(self.in_force_from, self.in_force_from_precision)

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = self.compute_search_text()
        self.in_force_from_latest = self.compute_in_force_from_latest()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_date(self) -> str:
        """The date as precisely as it is known: '8 January 2020', 'March 2021', '2021'."""
        if not self.date:
            return "date unknown"
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%B %Y}"
        return f"{self.date.day} {self.date:%B %Y}"


def last_day(first: dt.date | None, precision: str) -> dt.date | None:
    """The last day of the period that starts on ``first`` and is as long as ``precision`` says."""
    if first is None:
        return None
    if precision == DatePrecision.YEAR:
        return dt.date(first.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


class Signatory(models.Model):
    """An actor's part in an agreement: signed it, mediated, guaranteed, witnessed,
    or was addressed by it without signing.

    ``origin`` says who stated it: a dataset's import (which may remove it again when a
    later release no longer lists it) or an editor (whose parties no import removes).
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="parts")
    role = models.CharField(max_length=20, choices=SignatoryRole.choices)
    signed_by = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_for",
        help_text="The person who signed or spoke for the actor.",
    )
    signed_as = models.CharField(max_length=300, blank=True, help_text="Their title, e.g. 'President'.")
    note = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    origin = models.CharField(
        max_length=10,
        choices=RecordSource.choices,
        default=RecordSource.EDITOR,
        editable=False,
        help_text="Who stated it: an import (pax, ethprio) or an editor. An editor's change makes it theirs.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "actor", "role"], name="signatory_unique_role"),
        ]
        verbose_name_plural = "signatories"

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class AgreementLink(ChecksEnforcedByDatabase, models.Model):
    """A directed relation between two agreements: this one builds on, implements,
    references, supersedes or reaffirms that one. ``origin`` as for ``Signatory``."""

    from_agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_out")
    to_agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    note = models.TextField(blank=True)
    origin = models.CharField(
        max_length=10,
        choices=RecordSource.choices,
        default=RecordSource.EDITOR,
        editable=False,
        help_text="Who stated it: an import (pax, ethprio) or an editor. An editor's change makes it theirs.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_agreement_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_agreement", "to_agreement", "kind"], name="agreement_link_unique"),
            models.CheckConstraint(
                condition=~Q(from_agreement=models.F("to_agreement")), name="agreement_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_agreement} {self.get_kind_display().lower()} {self.to_agreement}"

    def clean(self) -> None:
        super().clean()
        if self.from_agreement_id and self.from_agreement_id == self.to_agreement_id:
            raise ValidationError({"to_agreement": "An agreement cannot link to itself."})
