"""Agreement, the parties to it (Signatory) and its links to other agreements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from simple_history.models import HistoricalRecords

from agreements.choices import AgreementKind, DatePrecision, LinkKind, SignatoryRole
from agreements.countries import validate_country_codes
from agreements.models.actor import Actor
from agreements.models.source import Source
from utilities.folding import fold_all
from utilities.models import ChecksEnforcedByDatabase, TimeStamped


def validate_external_ids(value: object) -> None:
    """External ids are a flat object of scheme -> identifier strings."""
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    ):
        raise ValidationError('External ids must be an object such as {"pax": "2320"}.')


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
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(m2m_fields=[sources], excluded_fields=["imported", "search_text"])

    class Meta:
        ordering = ["-date", "title", "id"]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["kind", "date"]),
        ]
        constraints = [
            # One agreement per PA-X AgtId: the importer's key.
            models.UniqueConstraint(KeyTextTransform("pax", "external_ids"), name="agreement_unique_pax_id"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.date and self.date_precision == DatePrecision.MONTH and self.date.day != 1:
            raise ValidationError({"date": "A month-precise date is stored as the first of the month."})
        if self.date and self.date_precision == DatePrecision.YEAR and (self.date.month, self.date.day) != (1, 1):
            raise ValidationError({"date": "A year-precise date is stored as 1 January."})

    def compute_search_text(self) -> str:
        return fold_all([self.title, self.place, self.conflict, self.peace_process, self.summary])

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = self.compute_search_text()
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


class Signatory(models.Model):
    """An actor's part in an agreement: signed it, mediated, guaranteed, witnessed,
    or was addressed by it without signing."""

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
    references, supersedes or reaffirms that one."""

    from_agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_out")
    to_agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    note = models.TextField(blank=True)

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
