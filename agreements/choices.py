"""Every enumeration of the domain, in one place.

Values are the public contract: they appear in the API, the webhooks and the
seed files. Add members freely; never rename a value.
"""

from django.db import models


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT = "government", "Government"
    ARMED_GROUP = "armed_group", "Armed group"
    ORGANISATION = "organisation", "Organisation"
    COALITION = "coalition", "Coalition"
    PERSON = "person", "Person"
    OTHER = "other", "Other"


class AgreementKind(models.TextChoices):
    JOINT_STATEMENT = "joint_statement", "Joint statement"
    CEASEFIRE_AGREEMENT = "ceasefire_agreement", "Ceasefire agreement"
    PEACE_AGREEMENT = "peace_agreement", "Peace agreement"
    CONFERENCE_CONCLUSIONS = "conference_conclusions", "Conference conclusions"
    DECLARATION = "declaration", "Declaration"
    MEMORANDUM = "memorandum", "Memorandum"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    """How much of an agreement's date is known."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class SignatoryRole(models.TextChoices):
    SIGNATORY = "signatory", "Signatory"
    MEDIATOR = "mediator", "Mediator"
    GUARANTOR = "guarantor", "Guarantor"
    WITNESS = "witness", "Witness"
    # Attends as an observer (PA-X: "Observers", "As observers for"); neither signs nor guarantees.
    OBSERVER = "observer", "Observer"
    # Called upon by the text but did not sign it.
    ADDRESSED_PARTY = "addressed_party", "Addressed party"
    # Named as a third party where the source does not say in what capacity.
    THIRD_PARTY = "third_party", "Third party (capacity not stated)"


class RecordSource(models.TextChoices):
    """Where a record comes from: an agreement (its ``external_ids`` say), a party or a link (``origin``)."""

    ETHPRIO = "ethprio", "ETH/PRIO Civil Conflict Ceasefire Dataset"
    PAX = "pax", "PA-X Peace Agreements Database"
    EDITOR = "editor", "Entered by an editor"


class LinkKind(models.TextChoices):
    BUILDS_ON = "builds_on", "Builds on"
    IMPLEMENTS = "implements", "Implements"
    REFERENCES = "references", "References"
    SUPERSEDES = "supersedes", "Supersedes"
    REAFFIRMS = "reaffirms", "Reaffirms"
    # The same agreement as another dataset records it: an ETH/PRIO ceasefire and the PA-X entry of its text.
    TEXT = "text", "Has its text in"


class CommitmentCategory(models.TextChoices):
    CEASEFIRE = "ceasefire", "Ceasefire"
    POLITICAL_PROCESS = "political_process", "Political process"
    HUMANITARIAN = "humanitarian", "Humanitarian"
    MONITORING = "monitoring", "Monitoring"
    INSTITUTIONAL = "institutional", "Institutional"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    OTHER = "other", "Other"


class CommitmentStatus(models.TextChoices):
    """An editor's assessment. "Not assessed" is not "no progress"."""

    NOT_ASSESSED = "not_assessed", "Not yet assessed"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    PARTIALLY_MET = "partially_met", "Partially met"
    BREACHED = "breached", "Breached"
    WITHDRAWN = "withdrawn", "Withdrawn"

    @classmethod
    def needing_evidence(cls) -> frozenset[str]:
        """Statuses that assert an outcome, and so need a source."""
        return frozenset({cls.MET, cls.PARTIALLY_MET, cls.BREACHED})

    @classmethod
    def closing(cls) -> frozenset[str]:
        """Statuses under which a commitment can no longer be overdue."""
        return frozenset({cls.MET, cls.WITHDRAWN})


class DeadlinePrecision(models.TextChoices):
    INSTANT = "instant", "Instant (date and time)"
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNSPECIFIED = "unspecified", "Unspecified"


class DeadlineAnchor(models.TextChoices):
    """What an anchored deadline counts from (none: it is stated in the calendar)."""

    DEADLINE = "deadline", "Another deadline"
    SIGNED = "signed", "The agreement's signing"


class DeadlineState(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    PASSED = "passed", "Passed"
    MET = "met", "Met"
    CANCELLED = "cancelled", "Cancelled"


# States an editor may move a deadline to (``upcoming`` reopens a closed one).
DEADLINE_TARGET_STATES = [
    (DeadlineState.MET.value, DeadlineState.MET.label),
    (DeadlineState.CANCELLED.value, DeadlineState.CANCELLED.label),
    (DeadlineState.UPCOMING.value, "Upcoming (reopen)"),
]


class EventType(models.TextChoices):
    """What the timeline records and subscribers may hear of."""

    DEADLINE_APPROACHING = "deadline.approaching", "Deadline approaching"
    DEADLINE_PASSED = "deadline.passed", "Deadline passed"
    COMMITMENT_STATUS_CHANGED = "commitment.status_changed", "Commitment status changed"
    DEADLINE_MET = "deadline.met", "Deadline met"
    DEADLINE_CANCELLED = "deadline.cancelled", "Deadline cancelled"
    DEADLINE_RESCHEDULED = "deadline.rescheduled", "Deadline rescheduled"
    DEADLINE_REOPENED = "deadline.reopened", "Deadline reopened"
    # One per import run that wrote records (not one per record: history is not news).
    DATASET_IMPORTED = "dataset.imported", "Dataset imported"
    WEBHOOK_PING = "webhook.ping", "Webhook ping"


class PartialDatePrecision(models.TextChoices):
    """How much of a date a source gives, where a source may give none of it (ETH/PRIO writes -1).

    ``day``, ``month`` and ``year`` are ``DatePrecision``'s values, so a known
    date carries over to an agreement unchanged.
    """

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"
