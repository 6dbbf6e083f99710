"""Serializers: what the API shows, and what it accepts — writes go to the services.

Reading and writing use the same serializer: a related object is shown in
brief (``"actor": {"id", "url", "name", …}``) and written by id
(``"actor_id": 3``). Each serializer runs its model's own validation before
calling a service, so a bad value comes back as a 400 naming the field as
the API names it, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.validators import UniqueValidator

from agreements.choices import (
    DEADLINE_TARGET_STATES,
    CommitmentStatus,
    DeadlineAnchor,
    DeadlinePrecision,
    SignatoryRole,
)
from agreements.countries import is_country_code
from agreements.due_at import MAX_YEAR, MIN_YEAR
from agreements.models import (
    Actor,
    Agreement,
    AgreementLink,
    Commitment,
    Deadline,
    DeadlineExtension,
    Event,
    Signatory,
    Source,
    StatusChange,
)
from agreements.services.actors import actor_create, actor_update
from agreements.services.agreements import LinkInput, SignatoryInput, agreement_create, agreement_update
from agreements.services.commitments import commitment_create, commitment_update
from agreements.services.deadlines import deadline_create, deadline_update
from agreements.services.sources import source_create, source_update
from utilities.api.compiled_representation import ApiUrlField, CompiledRepresentation, api_base
from utilities.api.schema import described
from utilities.api.strict import StrictTypes
from utilities.urls import api_url

from .descriptions import (
    ACTOR,
    AGREEMENT,
    COMMITMENT,
    DEADLINE,
    EVENT,
    EXTENSION,
    LINK,
    SIGNATORY,
    SOURCE,
    STATUS_CHANGE,
)

# --- shared ---------------------------------------------------------------


def _user(serializer: serializers.Serializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class ModelValidated(StrictTypes, serializers.ModelSerializer):
    """Writes through a service, which validates the row once with the model's own rules.

    The serializer checks what only it can — JSON types, choices, that related
    ids exist — and hands the values to the service; the service's
    ``ValidationError`` comes back as a 400 with a message per field, the model's
    field names renamed to the API's by ``api_names`` (``actor`` → ``actor_id``).
    DRF's own uniqueness validators are left out: each is a query the model's
    validation makes again.
    """

    api_names: Mapping[str, str] = {}

    def get_validators(self) -> list[Any]:
        return []

    def build_field(self, *args: Any, **kwargs: Any) -> tuple[type[serializers.Field], dict[str, Any]]:
        field_class, field_kwargs = super().build_field(*args, **kwargs)
        validators = [v for v in field_kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        if "validators" in field_kwargs:
            field_kwargs["validators"] = validators
        return field_class, field_kwargs

    def save(self, **kwargs: Any) -> Any:
        try:
            return super().save(**kwargs)
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            raise serializers.ValidationError(
                {("non_field_errors" if k == "__all__" else self.api_names.get(k, k)): v for k, v in errors.items()}
            ) from None


class CountriesField(serializers.ListField):
    """A list of ISO 3166-1 alpha-2 codes."""

    child = serializers.CharField(min_length=2, max_length=2)

    def to_internal_value(self, data: Any) -> list[str]:
        codes = [code.upper() for code in super().to_internal_value(data)]
        bad = [code for code in codes if not is_country_code(code)]
        if bad:
            raise serializers.ValidationError(f"Not ISO 3166-1 alpha-2 country codes: {', '.join(bad)}.")
        if len(set(codes)) != len(codes):
            raise serializers.ValidationError("A country is listed twice.")
        return codes


class OptionalUrlField(serializers.URLField):
    """A URL where one is known, null where none is (stored as ""): the same shape as events give it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, allow_blank=True, required=False, **kwargs)

    def run_validation(self, data: Any = empty) -> Any:
        return super().run_validation("" if data is None else data)

    def to_representation(self, value: Any) -> Any:  # str, or None where there is none
        return value or None


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
        "example": "00:00",
        "description": "Local wall-clock time in the deadline's time zone (no offset).",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time without an offset: the deadline's zone says where.

    "03:30+05:00" is refused, not read as 03:30 in the deadline's zone with its offset dropped.
    """

    def to_internal_value(self, value: Any) -> dt.time:
        # Django's parser would read the time and drop the offset: refuse one here.
        if isinstance(value, str) and re.search(r"(?:[+-]\d\d(?::?\d\d)?|[zZ])\s*$", value):
            raise serializers.ValidationError(
                "A local time of day without an offset (HH:MM[:SS]): `time_zone` says where it applies."
            )
        return super().to_internal_value(value)


LINK_HELP = "The document's URL, if the document gives one; null otherwise."

# --- brief forms, for nesting ---------------------------------------------


class ActorBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An actor in brief: who it is and where to read more."""

    url = ApiUrlField("actors")

    class Meta:
        model = Actor
        fields = ["id", "url", "slug", "name", "kind"]
        extra_kwargs = described(ACTOR)


class AgreementBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An agreement in brief: its title, kind and date."""

    url = ApiUrlField("agreements")

    class Meta:
        model = Agreement
        fields = ["id", "url", "slug", "title", "kind", "date", "date_precision"]
        extra_kwargs = described(AGREEMENT)


class SourceBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A source in brief: the document, without the quote (its `url` has it)."""

    url = ApiUrlField("sources")
    link = OptionalUrlField(max_length=1000, help_text=LINK_HELP)

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "author", "published_on", "link"]
        extra_kwargs = described(SOURCE)


class CommitmentBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A commitment in brief: its number, summary and status, and its agreement."""

    url = ApiUrlField("commitments")
    agreement = AgreementBriefSerializer(read_only=True, help_text="The agreement it belongs to, in brief.")

    class Meta:
        model = Commitment
        fields = ["id", "url", "number", "summary", "status", "overdue_since", "agreement"]
        extra_kwargs = described(COMMITMENT)


class DeadlineBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A deadline in brief: its wording, when it falls due (in UTC and as stated), and its state."""

    url = ApiUrlField("deadlines")
    display_due = serializers.CharField(source="due_display", read_only=True, help_text=DEADLINE["display_due"])

    class Meta:
        model = Deadline
        fields = [
            "id",
            "url",
            "wording",
            "precision",
            "time_zone",
            "due_at",
            "display_due",
            "review_on",
            "state",
            "passed_at",
        ]
        extra_kwargs = described(DEADLINE)


class StatusChangeSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One change of a commitment's status: from what to what, when, by whom, why, and on what sources.
    Changes are only ever added — a correction is a new change — so they are the commitment's public record."""

    commitment = ApiUrlField(
        "commitments", source="commitment_id", help_text="The URL of the commitment whose status changed."
    )
    changed_by = serializers.SlugRelatedField[Any](
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The username of the editor who recorded it; null when unknown (none recorded, or the account was "
        "deleted).",
    )
    sources = SourceBriefSerializer(many=True, read_only=True, help_text="The sources that support the change.")

    class Meta:
        model = StatusChange
        fields = ["id", "commitment", "from_status", "to_status", "changed_at", "changed_by", "note", "sources"]
        extra_kwargs = described(STATUS_CHANGE)


# --- actors and sources ---------------------------------------------------


class ActorSerializer(CompiledRepresentation, ModelValidated):
    """A state, government, armed group, organisation, coalition or person, with every spelling of its
    name that sources use: searching (`?q=`) finds it by any of them, whatever the case or accents."""

    url = ApiUrlField("actors")
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        help_text="Every other spelling seen in sources, e.g. `Hafter`, `Hifter` for Khalifa Haftar.",
    )
    represents = ActorBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="For a person: the actor they represent (e.g. the state whose president they are), in brief; "
        "null otherwise.",
    )
    represents_id = serializers.PrimaryKeyRelatedField(
        source="represents",
        queryset=Actor.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="For a person: the id of the actor they represent; null for none.",
    )
    external_ids = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text='Its ids in other datasets, e.g. `{"ucdp": "5802"}` (a UCDP actor id).',
    )
    api_names = {"represents": "represents_id"}

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "country",
            "aliases",
            "represents",
            "represents_id",
            "description",
            "external_ids",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(ACTOR, slug={"required": False})

    def create(self, validated_data: dict[str, Any]) -> Actor:
        return actor_create(user=_user(self), **validated_data)

    def update(self, instance: Actor, validated_data: dict[str, Any]) -> Actor:
        return actor_update(actor=instance, changes=validated_data, user=_user(self))


class SourceSerializer(CompiledRepresentation, ModelValidated):
    """A document that backs a record, and its exact words that do. The same document backing several
    records with different quotes is a source for each quote. Only what the document itself gives is
    recorded: no guessed publishers, dates or URLs."""

    url = ApiUrlField("sources")
    link = OptionalUrlField(max_length=1000, help_text=LINK_HELP)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "key",
            "title",
            "publisher",
            "author",
            "published_on",
            "link",
            "quote",
            "note",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(SOURCE)

    def create(self, validated_data: dict[str, Any]) -> Source:
        return source_create(user=_user(self), **validated_data)

    def update(self, instance: Source, validated_data: dict[str, Any]) -> Source:
        return source_update(source=instance, changes=validated_data, user=_user(self))


class SourceInputSerializer(StrictTypes, serializers.ModelSerializer):
    """A new source given with a status change: the document, and its exact words that support the change."""

    link = OptionalUrlField(max_length=1000, help_text=LINK_HELP)

    class Meta:
        model = Source
        fields = ["title", "publisher", "author", "published_on", "link", "quote", "note"]
        extra_kwargs = described(SOURCE, quote={"required": True, "allow_blank": False})


# --- agreements -----------------------------------------------------------


class SignatorySerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An actor's part in an agreement, and who signed or spoke for it."""

    actor = ActorBriefSerializer(read_only=True, help_text="The actor taking part, in brief.")
    actor_id = serializers.PrimaryKeyRelatedField(
        source="actor", queryset=Actor.objects.all(), write_only=True, help_text="The id of the actor taking part."
    )
    role = serializers.ChoiceField(choices=SignatoryRole.choices, help_text=SIGNATORY["role"])
    signed_by = ActorBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The person who signed or spoke for the actor, in brief; null where the record does not say.",
    )
    signed_by_id = serializers.PrimaryKeyRelatedField(
        source="signed_by",
        queryset=Actor.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The id of the person who signed or spoke for the actor; null for none.",
    )

    class Meta:
        model = Signatory
        fields = ["actor", "actor_id", "role", "signed_by", "signed_by_id", "signed_as", "note", "origin"]
        extra_kwargs = described(SIGNATORY)


class LinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A link from this agreement to another: it builds on, implements, references, supersedes or reaffirms it."""

    to = AgreementBriefSerializer(source="to_agreement", read_only=True, help_text="The agreement linked to, in brief.")
    to_id = serializers.PrimaryKeyRelatedField(
        source="to_agreement",
        queryset=Agreement.objects.all(),
        write_only=True,
        help_text="The id of the agreement linked to.",
    )

    class Meta:
        model = AgreementLink
        fields = ["kind", "to", "to_id", "note", "origin"]
        extra_kwargs = described(LINK)


class BacklinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A link from another agreement to this one."""

    from_agreement = AgreementBriefSerializer(read_only=True, help_text="The agreement that links here, in brief.")

    class Meta:
        model = AgreementLink
        fields = ["kind", "from_agreement", "note"]
        extra_kwargs = described(LINK, kind={"help_text": "How the other agreement relates to this one (see `links`)."})


class CommitmentInAgreementSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One undertaking of the agreement, as the agreement shows it: its wording, status and deadlines."""

    url = ApiUrlField("commitments")
    is_overdue = serializers.BooleanField(read_only=True, help_text=COMMITMENT["is_overdue"])
    bound_actors = ActorBriefSerializer(many=True, read_only=True, help_text=COMMITMENT["bound_actors"])
    deadlines = DeadlineBriefSerializer(many=True, read_only=True, help_text=COMMITMENT["deadlines"])

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "number",
            "wording",
            "summary",
            "category",
            "status",
            "status_changed_at",
            "overdue_since",
            "is_overdue",
            "bound_actors",
            "deadlines",
        ]
        extra_kwargs = described(COMMITMENT)
        reads = {"is_overdue": ("overdue_since",)}


class AgreementSerializer(CompiledRepresentation, ModelValidated):
    """A ceasefire or peace agreement, joint statement, declaration or conference conclusions: who took part
    and how, what was undertaken (each commitment with its deadlines), how it relates to other agreements,
    and the sources behind the record."""

    url = ApiUrlField("agreements")
    countries = CountriesField(
        required=False, help_text='ISO 3166-1 alpha-2 codes of the countries it concerns, e.g. `["LY"]`.'
    )
    display_date = serializers.CharField(
        read_only=True,
        help_text="The date in words, as precisely as it is known: `22 July 2020`, `March 2021`, `2021`, or "
        "`date unknown`.",
    )
    external_ids = serializers.DictField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text="Its ids in datasets: `pax` (a PA-X AgtId), `ethprio` (an ETH/PRIO ceasefire id), e.g. "
        '`{"pax": "2320"}`.',
    )
    signatories = SignatorySerializer(
        many=True,
        required=False,
        help_text="Every actor's part in it: who signed, mediated, guaranteed or witnessed it, and who it "
        "called upon without their signing. Sent in a write, it replaces the whole list.",
    )
    commitments = CommitmentInAgreementSerializer(
        many=True,
        read_only=True,
        help_text="What it undertakes, in the text's order, each with its deadlines. Written at "
        "`/api/v1/commitments/`.",
    )
    links = LinkSerializer(
        many=True,
        required=False,
        source="links_out",
        help_text="How it relates to other agreements. Sent in a write, it replaces the whole list.",
    )
    sources = SourceBriefSerializer(many=True, read_only=True, help_text="The documents behind this record, in brief.")
    source_ids = serializers.PrimaryKeyRelatedField(
        source="sources",
        queryset=Source.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="The ids of the sources behind this record; sent, it replaces the whole list.",
    )
    read_only_hints = {"commitments": "add or change them at /api/v1/commitments/ (with agreement_id)."}

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "kind",
            "date",
            "date_precision",
            "display_date",
            "place",
            "countries",
            "conflict",
            "peace_process",
            "region",
            "agreement_type",
            "stage",
            "summary",
            "info_url",
            "document_url",
            "external_ids",
            "in_force_from",
            "in_force_from_precision",
            "ended_on",
            "ended_on_precision",
            "signatories",
            "commitments",
            "links",
            "sources",
            "source_ids",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(AGREEMENT, slug={"required": False})

    @staticmethod
    def _parts(data: list[dict[str, Any]]) -> list[SignatoryInput]:
        return [SignatoryInput(**part) for part in data]

    @staticmethod
    def _links(data: list[dict[str, Any]]) -> list[LinkInput]:
        return [LinkInput(**link) for link in data]

    def create(self, validated_data: dict[str, Any]) -> Agreement:
        return agreement_create(
            user=_user(self),
            signatories=self._parts(validated_data.pop("signatories", [])),
            links=self._links(validated_data.pop("links_out", [])),
            sources=validated_data.pop("sources", []),
            **validated_data,
        )

    def update(self, instance: Agreement, validated_data: dict[str, Any]) -> Agreement:
        parts = validated_data.pop("signatories", None)
        links = validated_data.pop("links_out", None)
        sources = validated_data.pop("sources", None)
        return agreement_update(
            agreement=instance,
            changes=validated_data,
            signatories=self._parts(parts) if parts is not None else None,
            links=self._links(links) if links is not None else None,
            sources=sources,
            user=_user(self),
        )


class AgreementDetailSerializer(AgreementSerializer):
    """An agreement in full: with its full text where the tracker holds it, the agreements that link to
    it, and a dataset's coded values."""

    referenced_by = BacklinkSerializer(
        many=True, read_only=True, source="links_in", help_text="Links from other agreements to this one."
    )
    coded = serializers.JSONField(
        read_only=True,
        help_text="A dataset's coded values, verbatim under their column names, where the record comes from one "
        "(ETH/PRIO: each row's cells, by column, with the dataset's own ids).",
    )

    class Meta(AgreementSerializer.Meta):
        fields = [
            *AgreementSerializer.Meta.fields[:-2],
            "full_text",
            "referenced_by",
            "coded",
            "created_at",
            "updated_at",
        ]


# --- commitments and deadlines ---------------------------------------------


# What changes a read-only field instead, as a refused write says it ({id}: the record's id).
def date_part(low: int, high: int, **kwargs: Any) -> serializers.IntegerField:
    """A deadline's year, month or day, bounded as the deadline itself bounds it (so the schema says so too),
    in the words the deadline uses."""
    message = f"must be between {low} and {high}."
    errors: dict[str, Any] = {"min_value": message, "max_value": message}
    return serializers.IntegerField(min_value=low, max_value=high, error_messages=errors, **kwargs)


STATUS_ACTION = (
    "record a status change with POST /api/v1/commitments/{id}/status/ "
    '({"status": "met", "note": "…", "source_ids": […]}); each change is kept in status_history.'
)
OVERDUE = (
    "set when one of its deadlines passes while the status is neither met nor withdrawn; a status change "
    "to met or withdrawn (POST /api/v1/commitments/{id}/status/) clears it."
)
STATE_ACTION = (
    'use POST /api/v1/deadlines/{id}/state/ with {"state": "met"} (and met_at, when it happened), '
    '{"state": "cancelled"}, or {"state": "upcoming"} to reopen.'
)
DERIVED_DUE = (
    "derived from precision, year, month, day, time and time_zone (or anchor_id and offset); to extend "
    "the deadline, use POST /api/v1/deadlines/{id}/extend/."
)
EXTEND_ACTION = 'counts the extensions: use POST /api/v1/deadlines/{id}/extend/ ({"by": "PT72H"} or a new date).'


class CommitmentSerializer(CompiledRepresentation, ModelValidated):
    """One undertaking of an agreement: its wording as written, who is bound by it, when it falls due,
    and what became of it. It is overdue when a deadline has passed and its status is neither `met` nor
    `withdrawn`."""

    url = ApiUrlField("commitments")
    agreement = AgreementBriefSerializer(read_only=True, help_text="The agreement it belongs to, in brief.")
    agreement_id = serializers.PrimaryKeyRelatedField(
        source="agreement",
        queryset=Agreement.objects.all(),
        write_only=True,
        help_text="The id of the agreement it belongs to; it cannot move to another later.",
    )
    wording_source = SourceBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The source the wording is quoted from, in brief; null when none is given.",
    )
    wording_source_id = serializers.PrimaryKeyRelatedField(
        source="wording_source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The id of the source the wording is quoted from.",
    )
    bound_actors = ActorBriefSerializer(many=True, read_only=True, help_text=COMMITMENT["bound_actors"])
    bound_actor_ids = serializers.PrimaryKeyRelatedField(
        source="bound_actors",
        queryset=Actor.objects.all(),
        many=True,
        write_only=True,
        required=False,
        help_text="The ids of the actors bound by it; sent, it replaces the whole list.",
    )
    deadlines = DeadlineBriefSerializer(many=True, read_only=True, help_text=COMMITMENT["deadlines"])
    is_overdue = serializers.BooleanField(read_only=True, help_text=COMMITMENT["is_overdue"])
    api_names = {"agreement": "agreement_id", "wording_source": "wording_source_id"}
    read_only_hints = {
        "status": STATUS_ACTION,
        "status_changed_at": STATUS_ACTION,
        "overdue_since": OVERDUE,
        "is_overdue": OVERDUE,
        "deadlines": "add or change them at /api/v1/deadlines/ (with commitment_id).",
    }

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "agreement",
            "agreement_id",
            "number",
            "position",
            "wording",
            "wording_source",
            "wording_source_id",
            "summary",
            "category",
            "bound_actors",
            "bound_actor_ids",
            "status",
            "status_changed_at",
            "overdue_since",
            "is_overdue",
            "deadlines",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(COMMITMENT, position={"required": False})

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and "agreement" in attrs and attrs["agreement"] != self.instance.agreement:
            raise serializers.ValidationError({"agreement_id": ["A commitment cannot move to another agreement."]})
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> Commitment:
        return commitment_create(
            bound_actors=validated_data.pop("bound_actors", []), user=_user(self), **validated_data
        )

    def update(self, instance: Commitment, validated_data: dict[str, Any]) -> Commitment:
        validated_data.pop("agreement", None)
        return commitment_update(
            commitment=instance,
            changes=validated_data,
            bound_actors=validated_data.pop("bound_actors", None),
            user=_user(self),
        )


class CommitmentDetailSerializer(CommitmentSerializer):
    """A commitment in full, with every change of its status, newest first."""

    status_history = StatusChangeSerializer(
        many=True,
        read_only=True,
        source="status_changes",
        help_text="Every change of its status, newest first: from what to what, when, by whom, why and on "
        "what sources.",
    )

    class Meta(CommitmentSerializer.Meta):
        fields = [*CommitmentSerializer.Meta.fields, "status_history"]


class DeadlineLinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """Another deadline, as one that counts from it (or that it counts from) shows it."""

    url = ApiUrlField("deadlines")
    display_due = serializers.CharField(source="due_display", read_only=True, help_text=DEADLINE["display_due"])

    class Meta:
        model = Deadline
        fields = ["id", "url", "wording", "due_at", "display_due", "state", "met_at"]
        extra_kwargs = described(DEADLINE)


class DeadlineExtensionSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One extension, in the order they were made."""

    number = serializers.SerializerMethodField(help_text="1 for the first extension, 2 for the second, and so on.")
    extended = serializers.SerializerMethodField(help_text="In words: 'by 72 hours', 'to end of 30 June 2025 (UTC)'.")
    source = SourceBriefSerializer(  # type: ignore[assignment]
        read_only=True, allow_null=True, help_text="The source that announces the extension, in brief; null if none."
    )
    extended_by = serializers.SlugRelatedField[Any](
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The username of the editor who recorded it; null when unknown (none recorded, or the account was "
        "deleted).",
    )

    class Meta:
        model = DeadlineExtension
        fields = [
            "number",
            "extended",
            "by",
            "to_precision",
            "to_year",
            "to_month",
            "to_day",
            "to_time",
            "wording",
            "note",
            "source",
            "previous_due_at",
            "due_at",
            "extended_at",
            "extended_by",
        ]
        extra_kwargs = described(EXTENSION)

    def get_number(self, extension: DeadlineExtension) -> int:
        return extension.position + 1

    def get_extended(self, extension: DeadlineExtension) -> str:
        return extension.describe()


class DeadlineSerializer(CompiledRepresentation, ModelValidated):
    """When a commitment falls due, as the document states it — in the calendar (local date parts to a
    precision, in the IANA time zone of the place it applies to) or as an `offset` from an anchor (another
    deadline, or the agreement's signing) — and `due_at`, the UTC instant at which it passes, derived from
    that. A deadline without a date (`unspecified`) is never flagged."""

    url = ApiUrlField("deadlines")
    commitment = CommitmentBriefSerializer(
        read_only=True, help_text="The commitment that falls due, in brief (with its agreement)."
    )
    commitment_id = serializers.PrimaryKeyRelatedField(
        source="commitment",
        queryset=Commitment.objects.select_related("agreement"),
        write_only=True,
        help_text="The id of the commitment that falls due; it cannot move to another later.",
    )
    # A declared field, not Field.source: DRF's metaclass takes it out of the class namespace.
    source = SourceBriefSerializer(  # type: ignore[assignment]
        read_only=True, allow_null=True, help_text="The source of the wording, in brief; null when none is given."
    )
    source_id = serializers.PrimaryKeyRelatedField(
        source="source",
        queryset=Source.objects.all(),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The id of the source of the wording.",
    )
    time_zone = serializers.CharField(
        max_length=64,
        help_text=DEADLINE["time_zone"],
    )
    anchor_kind = serializers.ChoiceField(
        choices=DeadlineAnchor.choices,
        required=False,
        allow_blank=True,
        help_text="Empty: stated in the calendar. `deadline`: counts from `anchor_id` (set by giving "
        "`anchor_id`). `signed`: counts from the agreement's date of signing.",
    )
    anchor = DeadlineLinkSerializer(
        read_only=True,
        allow_null=True,
        help_text="The deadline this one counts from, in brief; null unless `anchor_kind` is `deadline`.",
    )
    anchor_id = serializers.PrimaryKeyRelatedField(
        source="anchor",
        queryset=Deadline.objects.select_related("commitment"),
        write_only=True,
        required=False,
        allow_null=True,
        help_text="The deadline this one counts from: of the same agreement or of one linked to it.",
    )
    offset = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="How long after the anchor: an ISO 8601 duration (P3M, P14D, PT72H, P1DT12H). Date parts "
        "are calendar arithmetic in `time_zone`; time parts are elapsed time.",
    )
    precision = serializers.ChoiceField(
        choices=DeadlinePrecision.choices,
        required=False,
        help_text=f"{DEADLINE['precision']} Stated in the calendar: required. Anchored: derived from the anchor "
        "and the offset.",
    )
    year = date_part(MIN_YEAR, MAX_YEAR, required=False, allow_null=True, help_text=DEADLINE["year"])
    month = date_part(1, 12, required=False, allow_null=True, help_text=DEADLINE["month"])
    day = date_part(1, 31, required=False, allow_null=True, help_text=DEADLINE["day"])
    time = LocalTimeField(
        required=False,
        allow_null=True,
        help_text="The stated local time, HH:MM[:SS] with no offset (`time_zone` says where); with precision "
        "`instant`, else null. Derived for an anchored deadline.",
    )
    display_due = serializers.CharField(source="due_display", read_only=True, help_text=DEADLINE["display_due"])
    api_names = {"commitment": "commitment_id", "source": "source_id", "anchor": "anchor_id"}
    read_only_hints = {
        **dict.fromkeys(("state", "passed_at", "met_at"), STATE_ACTION),
        **dict.fromkeys(("due_at", "due_precision", "display_due", "waiting_for"), DERIVED_DUE),
        "extended_times": EXTEND_ACTION,
    }

    class Meta:
        model = Deadline
        fields = [
            "id",
            "url",
            "commitment",
            "commitment_id",
            "wording",
            "source",
            "source_id",
            "anchor_kind",
            "anchor",
            "anchor_id",
            "offset",
            "precision",
            "time_zone",
            "year",
            "month",
            "day",
            "time",
            "due_at",
            "due_precision",
            "display_due",
            "waiting_for",
            "review_on",
            "state",
            "passed_at",
            "met_at",
            "extended_times",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = described(DEADLINE)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and "commitment" in attrs and attrs["commitment"] != self.instance.commitment:
            raise serializers.ValidationError({"commitment_id": ["A deadline cannot move to another commitment."]})
        return super().validate(attrs)

    def create(self, validated_data: dict[str, Any]) -> Deadline:
        return deadline_create(user=_user(self), **validated_data)

    def update(self, instance: Deadline, validated_data: dict[str, Any]) -> Deadline:
        validated_data.pop("commitment", None)
        return deadline_update(deadline=instance, changes=validated_data, user=_user(self))


class DeadlineDetailSerializer(DeadlineSerializer):
    """A deadline in full, with its extensions in the order they were made and the deadlines that count
    from it."""

    extensions = DeadlineExtensionSerializer(
        many=True, read_only=True, help_text="Its extensions, in the order they were made; empty if never extended."
    )
    dependents = DeadlineLinkSerializer(
        many=True, read_only=True, help_text="The deadlines that count from this one, in brief, earliest first."
    )

    class Meta(DeadlineSerializer.Meta):
        fields = [*DeadlineSerializer.Meta.fields, "extensions", "dependents"]


# --- actions ---------------------------------------------------------------


class StatusChangeInputSerializer(StrictTypes):
    """What became of a commitment, and the sources that show it. A change to `met`, `partially_met` or
    `breached` needs at least one source: existing ones by id, new ones in full, or both."""

    status = serializers.ChoiceField(
        choices=CommitmentStatus.choices,
        help_text="The new status; it must differ from the current one (see the commitment's `status`).",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text="Why, in your words: what the sources show. Shown in the commitment's history.",
    )
    source_ids = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        many=True,
        required=False,
        help_text="The ids of existing sources that support the change.",
    )
    sources = SourceInputSerializer(
        many=True, required=False, help_text="New sources to record with the change, each with its quote."
    )


class DeadlineStateInputSerializer(StrictTypes):
    """Mark a deadline met or cancelled, or reopen it (`upcoming`)."""

    state = serializers.ChoiceField(
        choices=DEADLINE_TARGET_STATES,
        help_text="`met` or `cancelled` closes an upcoming or passed deadline; `upcoming` reopens a closed one.",
    )
    met_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="With `met`: when it happened, where a source says (ISO 8601; UTC if no offset). The "
        "deadlines counting from this one count from then. Again on a met deadline: a correction.",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default="", help_text="Why, in your words."
    )
    source_ids = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        many=True,
        required=False,
        help_text="The ids of the sources that show it (kept with the `deadline.met` or `deadline.cancelled` event).",
    )


class DeadlineExtendInputSerializer(StrictTypes):
    """Extend a deadline by a duration (`by`), or to a date (`precision` and its parts, local to the
    deadline's time zone)."""

    by = serializers.CharField(required=False, max_length=40, help_text="An ISO 8601 duration: PT72H, P7D, P1M.")
    precision = serializers.ChoiceField(
        choices=[c for c in DeadlinePrecision.choices if c[0] != DeadlinePrecision.UNSPECIFIED],
        required=False,
        help_text="Extend to a date: its precision, then its parts in the deadline's time zone.",
    )
    year = date_part(MIN_YEAR, MAX_YEAR, required=False, help_text="Extending to a date: its year.")
    month = date_part(1, 12, required=False, help_text="Extending to a date: its month (1–12), from `month`.")
    day = date_part(1, 31, required=False, help_text="Extending to a date: its day, from `day` precision.")
    time = LocalTimeField(
        required=False, help_text="Extending to an instant: the local time, HH:MM[:SS], in the deadline's time zone."
    )
    wording = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default="", help_text="As the source words it."
    )
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default="", help_text="The editor's note."
    )
    source_id = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of the source that announces the extension.",
    )


# --- events ------------------------------------------------------------------


@extend_schema_field({"$ref": "#/components/schemas/EventData"})
class EventDataField(serializers.JSONField):
    """An event's ``data``, as :mod:`agreements.api.event_schema` documents it."""


class LinkOnlySerializer(serializers.Serializer):
    """Another record, by its id and URL."""

    id = serializers.IntegerField(help_text="Its id.")
    url = serializers.URLField(help_text="Its URL in the API.")


class EventBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An entry of the timeline without its payload: what happened, when, to which agreement."""

    url = ApiUrlField("events")
    agreement = AgreementBriefSerializer(read_only=True, allow_null=True, help_text=EVENT["agreement"])

    class Meta:
        model = Event
        fields = ["id", "url", "type", "occurred_at", "happened_at", "agreement"]
        extra_kwargs = described(EVENT)


class EventSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One entry of the timeline — the same `type` and `data` a webhook delivers."""

    url = ApiUrlField("events")
    agreement = AgreementBriefSerializer(read_only=True, allow_null=True, help_text=EVENT["agreement"])
    commitment = serializers.SerializerMethodField(
        help_text="The commitment it concerns, by id and URL; null when none (or it was deleted since)."
    )
    deadline = serializers.SerializerMethodField(
        help_text="The deadline it concerns, by id and URL; null when none (or it was deleted since)."
    )
    # A declared field, not Serializer.data: DRF's metaclass takes it out of the class namespace.
    data = EventDataField(  # type: ignore[assignment]
        read_only=True,
        help_text="What it says: a snapshot of the deadline, commitment and agreement taken when it happened, "
        "so later edits do not rewrite it — the same `data` a webhook delivers.",
    )

    class Meta:
        model = Event
        fields = ["id", "url", "type", "occurred_at", "happened_at", "agreement", "commitment", "deadline", "data"]
        extra_kwargs = described(EVENT)

    def _link(self, pk: int | None, resource: str) -> dict[str, Any] | None:
        if pk is None:
            return None
        return {"id": pk, "url": api_url(resource, pk, root=api_base(self.context))}

    @extend_schema_field(LinkOnlySerializer(allow_null=True))
    def get_commitment(self, event: Event) -> dict[str, Any] | None:
        return self._link(event.commitment_id, "commitments")

    @extend_schema_field(LinkOnlySerializer(allow_null=True))
    def get_deadline(self, event: Event) -> dict[str, Any] | None:
        return self._link(event.deadline_id, "deadlines")
