"""Serializers: what the API shows, and what it accepts — writes go to the services.

Reading and writing use the same serializer: a related object is shown in
brief (``"actor": {"id", "url", "name", …}``) and written by id
(``"actor_id": 3``). Each serializer runs its model's own validation before
calling a service, so a bad value comes back as a 400 naming the field as
the API names it, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from agreements.choices import (
    DEADLINE_TARGET_STATES,
    CommitmentStatus,
    DeadlineAnchor,
    DeadlinePrecision,
    SignatoryRole,
)
from agreements.countries import is_country_code
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
from utilities.api.strict import StrictTypes
from utilities.urls import api_url

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


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
        "example": "00:00",
        "description": "Local wall-clock time in the deadline's time zone (no offset).",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time without an offset: the deadline's zone says where."""


# --- brief forms, for nesting ---------------------------------------------


class ActorBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("actors")

    class Meta:
        model = Actor
        fields = ["id", "url", "slug", "name", "kind"]


class AgreementBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("agreements")

    class Meta:
        model = Agreement
        fields = ["id", "url", "slug", "title", "kind", "date", "date_precision"]


class SourceBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("sources")

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "author", "published_on", "link"]


class CommitmentBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("commitments")
    agreement = AgreementBriefSerializer(read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "url", "number", "summary", "status", "overdue_since", "agreement"]


class DeadlineBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("deadlines")
    display_due = serializers.CharField(
        source="due_display", read_only=True, help_text="As stated, in its own time zone."
    )

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


class StatusChangeSerializer(CompiledRepresentation, serializers.ModelSerializer):
    commitment = ApiUrlField("commitments", source="commitment_id")
    changed_by = serializers.SlugRelatedField[Any](slug_field="username", read_only=True, allow_null=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = StatusChange
        fields = ["id", "commitment", "from_status", "to_status", "changed_at", "changed_by", "note", "sources"]


# --- actors and sources ---------------------------------------------------


class ActorSerializer(CompiledRepresentation, ModelValidated):
    url = ApiUrlField("actors")
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, help_text="Every other spelling seen in sources."
    )
    represents = ActorBriefSerializer(read_only=True, allow_null=True)
    represents_id = serializers.PrimaryKeyRelatedField(
        source="represents", queryset=Actor.objects.all(), write_only=True, required=False, allow_null=True
    )
    external_ids = serializers.DictField(
        child=serializers.CharField(max_length=100), required=False, help_text='e.g. {"ucdp": "5802"} (UCDP actor id)'
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
        extra_kwargs = {"slug": {"required": False}}

    def create(self, validated_data: dict[str, Any]) -> Actor:
        return actor_create(user=_user(self), **validated_data)

    def update(self, instance: Actor, validated_data: dict[str, Any]) -> Actor:
        return actor_update(actor=instance, changes=validated_data, user=_user(self))


class SourceSerializer(CompiledRepresentation, ModelValidated):
    url = ApiUrlField("sources")

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

    def create(self, validated_data: dict[str, Any]) -> Source:
        return source_create(user=_user(self), **validated_data)

    def update(self, instance: Source, validated_data: dict[str, Any]) -> Source:
        return source_update(source=instance, changes=validated_data, user=_user(self))


class SourceInputSerializer(StrictTypes, serializers.ModelSerializer):
    """A new source given inline with a status change."""

    class Meta:
        model = Source
        fields = ["title", "publisher", "author", "published_on", "link", "quote", "note"]
        extra_kwargs = {"quote": {"required": True, "allow_blank": False}}


# --- agreements -----------------------------------------------------------


class SignatorySerializer(CompiledRepresentation, serializers.ModelSerializer):
    actor = ActorBriefSerializer(read_only=True)
    actor_id = serializers.PrimaryKeyRelatedField(source="actor", queryset=Actor.objects.all(), write_only=True)
    role = serializers.ChoiceField(choices=SignatoryRole.choices)
    signed_by = ActorBriefSerializer(read_only=True, allow_null=True)
    signed_by_id = serializers.PrimaryKeyRelatedField(
        source="signed_by", queryset=Actor.objects.all(), write_only=True, required=False, allow_null=True
    )

    class Meta:
        model = Signatory
        # origin: who stated the part (pax, ethprio, editor), read-only; an editor's change makes it "editor".
        fields = ["actor", "actor_id", "role", "signed_by", "signed_by_id", "signed_as", "note", "origin"]


class LinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    to = AgreementBriefSerializer(source="to_agreement", read_only=True)
    to_id = serializers.PrimaryKeyRelatedField(source="to_agreement", queryset=Agreement.objects.all(), write_only=True)

    class Meta:
        model = AgreementLink
        fields = ["kind", "to", "to_id", "note", "origin"]


class BacklinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """A link from another agreement to this one."""

    from_agreement = AgreementBriefSerializer(read_only=True)

    class Meta:
        model = AgreementLink
        fields = ["kind", "from_agreement", "note"]


class CommitmentInAgreementSerializer(CompiledRepresentation, serializers.ModelSerializer):
    url = ApiUrlField("commitments")
    is_overdue = serializers.BooleanField(read_only=True)
    bound_actors = ActorBriefSerializer(many=True, read_only=True)
    deadlines = DeadlineBriefSerializer(many=True, read_only=True)

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
        reads = {"is_overdue": ("overdue_since",)}


class AgreementSerializer(CompiledRepresentation, ModelValidated):
    """An agreement with its parties, commitments (with deadlines), links and sources."""

    url = ApiUrlField("agreements")
    countries = CountriesField(required=False, help_text="ISO 3166-1 alpha-2 codes.")
    display_date = serializers.CharField(read_only=True, help_text="The date as precisely as it is known.")
    external_ids = serializers.DictField(
        child=serializers.CharField(max_length=100), required=False, help_text='e.g. {"pax": "2320"}'
    )
    signatories = SignatorySerializer(many=True, required=False)
    commitments = CommitmentInAgreementSerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, required=False, source="links_out")
    sources = SourceBriefSerializer(many=True, read_only=True)
    source_ids = serializers.PrimaryKeyRelatedField(
        source="sources", queryset=Source.objects.all(), many=True, write_only=True, required=False
    )

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
        extra_kwargs = {"slug": {"required": False}}

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
    """The detail view adds the full text, the agreements that link here, and a dataset's coded values."""

    referenced_by = BacklinkSerializer(many=True, read_only=True, source="links_in")
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


class CommitmentSerializer(CompiledRepresentation, ModelValidated):
    url = ApiUrlField("commitments")
    agreement = AgreementBriefSerializer(read_only=True)
    agreement_id = serializers.PrimaryKeyRelatedField(
        source="agreement", queryset=Agreement.objects.all(), write_only=True
    )
    wording_source = SourceBriefSerializer(read_only=True, allow_null=True)
    wording_source_id = serializers.PrimaryKeyRelatedField(
        source="wording_source", queryset=Source.objects.all(), write_only=True, required=False, allow_null=True
    )
    bound_actors = ActorBriefSerializer(many=True, read_only=True)
    bound_actor_ids = serializers.PrimaryKeyRelatedField(
        source="bound_actors", queryset=Actor.objects.all(), many=True, write_only=True, required=False
    )
    deadlines = DeadlineBriefSerializer(many=True, read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    api_names = {"agreement": "agreement_id", "wording_source": "wording_source_id"}

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
        extra_kwargs = {"position": {"required": False}}

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
    status_history = StatusChangeSerializer(many=True, read_only=True, source="status_changes")

    class Meta(CommitmentSerializer.Meta):
        fields = [*CommitmentSerializer.Meta.fields, "status_history"]


class DeadlineLinkSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """Another deadline, as one that counts from it (or that it counts from) shows it."""

    url = ApiUrlField("deadlines")
    display_due = serializers.CharField(source="due_display", read_only=True)

    class Meta:
        model = Deadline
        fields = ["id", "url", "wording", "due_at", "display_due", "state", "met_at"]


class DeadlineExtensionSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One extension, in the order they were made."""

    number = serializers.SerializerMethodField()
    extended = serializers.SerializerMethodField(help_text="In words: 'by 72 hours', 'to end of 30 June 2025 (UTC)'.")
    source = SourceBriefSerializer(read_only=True, allow_null=True)  # type: ignore[assignment]
    extended_by = serializers.SlugRelatedField[Any](slug_field="username", read_only=True, allow_null=True)

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

    def get_number(self, extension: DeadlineExtension) -> int:
        return extension.position + 1

    def get_extended(self, extension: DeadlineExtension) -> str:
        return extension.describe()


class DeadlineSerializer(CompiledRepresentation, ModelValidated):
    """A deadline as stated — in the calendar (local date parts, precision, IANA zone) or as
    an ``offset`` from an anchor (another deadline, or the agreement's signing) — and
    ``due_at``, the UTC instant derived from it."""

    url = ApiUrlField("deadlines")
    commitment = CommitmentBriefSerializer(read_only=True)
    commitment_id = serializers.PrimaryKeyRelatedField(
        source="commitment", queryset=Commitment.objects.select_related("agreement"), write_only=True
    )
    # A declared field, not Field.source: DRF's metaclass takes it out of the class namespace.
    source = SourceBriefSerializer(read_only=True, allow_null=True)  # type: ignore[assignment]
    source_id = serializers.PrimaryKeyRelatedField(
        source="source", queryset=Source.objects.all(), write_only=True, required=False, allow_null=True
    )
    time_zone = serializers.CharField(max_length=64, help_text="IANA time zone, e.g. Africa/Tripoli.")
    anchor_kind = serializers.ChoiceField(
        choices=DeadlineAnchor.choices,
        required=False,
        allow_blank=True,
        help_text="Empty: stated in the calendar. `deadline`: counts from `anchor_id` (set by giving "
        "`anchor_id`). `signed`: counts from the agreement's date of signing.",
    )
    anchor = DeadlineLinkSerializer(read_only=True, allow_null=True)
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
        help_text="Stated in the calendar: required. Anchored: derived from the anchor and the offset.",
    )
    year = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=9999)
    month = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99)
    day = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99)
    time = LocalTimeField(required=False, allow_null=True, help_text="Local time, HH:MM[:SS].")
    display_due = serializers.CharField(
        source="due_display", read_only=True, help_text="As stated, in its own time zone."
    )
    api_names = {"commitment": "commitment_id", "source": "source_id", "anchor": "anchor_id"}

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
        extra_kwargs = {
            "due_precision": {"help_text": "The precision of due_at: the stated one, or the last extension's."},
            "waiting_for": {"help_text": "Anchored and not yet dated: what it waits for. Empty otherwise."},
            "met_at": {"help_text": "When it was met, as recorded (its dependents count from it)."},
            "extended_times": {"help_text": "How many times it was extended (see the detail's extensions)."},
        }

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
    """The detail adds the extensions, in order, and the deadlines that count from this one."""

    extensions = DeadlineExtensionSerializer(many=True, read_only=True)
    dependents = DeadlineLinkSerializer(many=True, read_only=True)

    class Meta(DeadlineSerializer.Meta):
        fields = [*DeadlineSerializer.Meta.fields, "extensions", "dependents"]


# --- actions ---------------------------------------------------------------


class StatusChangeInputSerializer(StrictTypes):
    """Record what became of a commitment. A change to met, partially_met or
    breached needs at least one source: existing ones by id, or new ones."""

    status = serializers.ChoiceField(choices=CommitmentStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    source_ids = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), many=True, required=False)
    sources = SourceInputSerializer(many=True, required=False, help_text="New sources to record with the change.")


class DeadlineStateInputSerializer(StrictTypes):
    """Mark a deadline met or cancelled, or reopen it (``upcoming``)."""

    state = serializers.ChoiceField(choices=DEADLINE_TARGET_STATES)
    met_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="With `met`: when it happened, where a source says (ISO 8601; UTC if no offset). The "
        "deadlines counting from this one count from then. Again on a met deadline: a correction.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    source_ids = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), many=True, required=False)


class DeadlineExtendInputSerializer(StrictTypes):
    """Extend a deadline by a duration (``by``), or to a date (``precision`` and its parts)."""

    by = serializers.CharField(required=False, max_length=40, help_text="An ISO 8601 duration: PT72H, P7D, P1M.")
    precision = serializers.ChoiceField(
        choices=[c for c in DeadlinePrecision.choices if c[0] != DeadlinePrecision.UNSPECIFIED],
        required=False,
        help_text="Extend to a date: its precision, then its parts in the deadline's time zone.",
    )
    year = serializers.IntegerField(required=False, min_value=1, max_value=9999)
    month = serializers.IntegerField(required=False, min_value=1, max_value=99)
    day = serializers.IntegerField(required=False, min_value=1, max_value=99)
    time = LocalTimeField(required=False, help_text="Local time, HH:MM[:SS].")
    wording = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, default="", help_text="As the source words it."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    source_id = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), required=False, allow_null=True)


# --- events ------------------------------------------------------------------


class LinkOnlySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()


class EventBriefSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """An entry of the timeline without its payload: what happened, when, to which agreement."""

    url = ApiUrlField("events")
    agreement = AgreementBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "url", "type", "occurred_at", "agreement"]


class EventSerializer(CompiledRepresentation, serializers.ModelSerializer):
    """One entry of the timeline — the same ``type`` and ``data`` a webhook delivers."""

    url = ApiUrlField("events")
    agreement = AgreementBriefSerializer(read_only=True, allow_null=True)
    commitment = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    # A declared field, not Serializer.data: DRF's metaclass takes it out of the class namespace.
    data = serializers.JSONField(read_only=True)  # type: ignore[assignment]

    class Meta:
        model = Event
        fields = ["id", "url", "type", "occurred_at", "agreement", "commitment", "deadline", "data"]

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
