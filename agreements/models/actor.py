"""Actor: a state, government, armed group, organisation, coalition or person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.json import KeyTextTransform
from simple_history.models import HistoricalRecords

from agreements.choices import ActorKind
from agreements.countries import validate_country_code
from agreements.models.validators import validate_external_ids
from utilities.folding import fold_all
from utilities.models import TimeStamped


def validate_aliases(value: object) -> None:
    """Aliases are a list of distinct, non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise ValidationError("Aliases must be a list of non-empty names.")
    # Spellings that differ only by accents are kept (Erdoğan, Erdogan): both are seen in sources.
    if len({a.strip() for a in value}) != len(value):
        raise ValidationError("An alias is listed twice.")


class Actor(TimeStamped):
    """A party to, or a party named in, agreements.

    ``aliases`` holds every other spelling seen in sources (Hafter, Hifter for
    Haftar; Türkiye for Turkey), so that search finds the actor by any of them.
    """

    name = models.CharField(max_length=300, help_text="The canonical name.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=ActorKind.choices)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code, if the actor belongs to one country.",
    )
    aliases = models.JSONField(default=list, blank=True, validators=[validate_aliases])
    represents = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="representatives",
        help_text="For a person: the actor they represent (e.g. the state whose president they are).",
    )
    description = models.TextField(blank=True)
    external_ids = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_external_ids],
        help_text='Ids in other datasets, e.g. {"ucdp": "5802"} (UCDP actor id).',
    )
    imported = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="What the importer that made it said (source, kind), to tell its values from editors'.",
    )
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["imported"])

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [
            # One actor per UCDP actor id: the ceasefire importer's key.
            models.UniqueConstraint(KeyTextTransform("ucdp", "external_ids"), name="actor_unique_ucdp_id"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def all_names(self) -> list[str]:
        """The canonical name and every alias."""
        return [self.name, *self.aliases]

    def compute_search_text(self) -> str:
        return fold_all(self.all_names)

    def clean(self) -> None:
        super().clean()
        if self.represents_id and self.represents_id == self.pk:
            raise ValidationError({"represents": "An actor cannot represent itself."})
        if isinstance(self.aliases, list) and self.name.strip() in {
            a.strip() for a in self.aliases if isinstance(a, str)
        }:
            raise ValidationError({"aliases": "An alias repeats the canonical name."})

    def save(self, *args: object, **kwargs: object) -> None:
        self.aliases = [a.strip() for a in self.aliases]
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
