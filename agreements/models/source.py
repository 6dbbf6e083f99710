"""Source: a document backing a record, with the exact words that support it."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from utilities.folding import fold_all
from utilities.models import TimeStamped


class Source(TimeStamped):
    """A document and the quote from it that supports a record.

    The same document may back several records with different quotes; each
    pairing is its own Source. Only what the document itself gives is recorded:
    no guessed publishers or URLs.
    """

    key = models.SlugField(
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text="Stable identifier used by seed files and importers; leave empty otherwise.",
    )
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True, help_text="Only if the document names it.")
    author = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    link = models.URLField("URL", max_length=1000, blank=True, help_text="Only if known.")
    quote = models.TextField(blank=True, help_text="The exact words of the document that support the record.")
    note = models.TextField(blank=True, help_text="Where the quote comes from, what the document is.")
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords()

    class Meta:
        # Undated last on SQLite and PostgreSQL alike (their defaults differ).
        ordering = [models.F("published_on").desc(nulls_last=True), "title", "id"]

    def __str__(self) -> str:
        date = f" ({self.published_on:%d %b %Y})" if self.published_on else ""
        return f"{self.title}{date}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = self.key or None  # unique, so "no key" must be NULL, never ""
        self.search_text = fold_all([self.title, self.publisher, self.author, self.quote])
        super().save(*args, **kwargs)  # type: ignore[arg-type]
