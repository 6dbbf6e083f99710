"""The API's viewsets: one per resource, reads open, writes through the services.

Every list and detail runs a fixed number of queries whatever its length:
related rows are fetched with ``select_related``/``prefetch_related`` once
per page, and the tests hold each view to its count.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from agreements.choices import DeadlineState, EventType
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
from agreements.services.actors import actor_delete
from agreements.services.agreements import agreement_delete
from agreements.services.commitments import commitment_delete, commitment_set_status
from agreements.services.deadlines import deadline_close, deadline_delete, deadline_extend, deadline_reopen
from agreements.services.sources import source_delete
from utilities.api.columns import columns, prefixed
from utilities.api.parameters import KnownQueryParameters
from utilities.api.shape import ShapedLists
from utilities.api.views import AtomicWrites

from . import filtersets, serializers
from .permissions import CanChangeDeadline, CanRecordStatus


class ServiceModelViewSet(KnownQueryParameters, ShapedLists, AtomicWrites, viewsets.ModelViewSet):
    """Create and update go through the serializer, which calls the services;
    each subclass's ``perform_destroy`` calls its delete service.

    A write fetches the row it changes from ``write_queryset`` (when set) rather
    than the read queryset with its nested prefetches: the service reads what it
    needs, and the reply is rendered from the changed row.
    """

    write_queryset: QuerySet | None = None

    def get_queryset(self) -> QuerySet:
        if self.write_queryset is not None and self.request.method not in permissions.SAFE_METHODS:
            return self.write_queryset.all()
        return self.get_read_queryset()

    def get_read_queryset(self) -> QuerySet:
        return super().get_queryset()


# What the nested, brief forms show: loading only that keeps a page of a hundred
# agreements (some three thousand rows) cheap to turn into objects.
def _brief(prefix: str, serializer: type[BaseSerializer]) -> list[str]:
    return prefixed(prefix, columns(serializer))


def _deadlines() -> Prefetch:
    return Prefetch(
        "deadlines",
        to_attr="prefetched_deadlines",
        # The model's order: dated first, those not yet computable last, on either database.
        queryset=Deadline.objects.only(*columns(serializers.DeadlineBriefSerializer, "commitment_id")),
    )


def _bound_actors() -> Prefetch:
    return Prefetch(
        "bound_actors",
        to_attr="prefetched_bound_actors",
        queryset=Actor.objects.only(*columns(serializers.ActorBriefSerializer)),
    )


def _commitments_with_deadlines() -> Prefetch:
    return Prefetch(
        "commitments",
        to_attr="prefetched_commitments",
        queryset=Commitment.objects.only(
            *columns(serializers.CommitmentInAgreementSerializer, "agreement_id", "position")
        )
        .order_by("position", "id")
        .prefetch_related(_bound_actors(), _deadlines()),
    )


# How a list may be shaped: said by every list's 200.
SHAPES = "— or each in brief with `brief=1`, or only the `fields` named."


def _id_or_slug(what: str, slug: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id_or_slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=f"The {what}'s id (`3`) or slug (`{slug}`)."
    )


ID_OR_SLUG = _id_or_slug("agreement", "2020-07-22-ankara-joint-statement-on-libya")
ACTOR_ID_OR_SLUG = _id_or_slug("actor", "khalifa-haftar")


class IdOrSlugLookup(GenericAPIView):
    """A record reachable by id (``/actors/12/``) and by slug (``/actors/khalifa-haftar/``)."""

    lookup_url_kwarg = "id_or_slug"
    lookup_value_regex = r"[^/]+"

    def get_object(self) -> Any:
        key = str(self.kwargs["id_or_slug"])
        # ASCII digits only: "²" and "٣" are digits to str.isdigit(), and int("²") is a ValueError (a 500).
        lookup: dict[str, int | str] = {"pk": int(key)} if key.isascii() and key.isdigit() else {"slug": key}
        found = get_object_or_404(self.get_queryset(), **lookup)
        self.check_object_permissions(self.request, found)
        return found


def _updated(serializer: type[BaseSerializer], what: str, **kwargs: Any) -> dict[str, Any]:
    """``update`` and ``partial_update`` answer alike."""
    return {
        action: extend_schema(responses={200: OpenApiResponse(serializer, description=what)}, **kwargs)
        for action in ("update", "partial_update")
    }


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.AgreementSerializer,
                description="A page of agreements, latest first unless `ordering` says otherwise, each with its "
                f"parties, commitments (with their deadlines), links and sources {SHAPES}",
            )
        }
    ),
    create=extend_schema(
        responses={
            201: OpenApiResponse(
                serializers.AgreementDetailSerializer,
                description="The agreement as recorded, in full (with its slug, made from the date and title if "
                "none was given).",
            )
        }
    ),
    retrieve=extend_schema(
        parameters=[ID_OR_SLUG],
        responses={
            200: OpenApiResponse(
                serializers.AgreementDetailSerializer,
                description="The agreement in full: its parties, commitments with their deadlines, links both "
                "ways, sources, and its full text where the tracker holds it.",
            )
        },
    ),
    **_updated(
        serializers.AgreementDetailSerializer, "The agreement as it now stands, in full.", parameters=[ID_OR_SLUG]
    ),
    destroy=extend_schema(
        parameters=[ID_OR_SLUG],
        responses={
            204: OpenApiResponse(
                description="Deleted, with its commitments and their deadlines; its entries in the timeline stay."
            )
        },
    ),
)
class AgreementViewSet(IdOrSlugLookup, ServiceModelViewSet):
    """Agreements with their parties, commitments, deadlines, links and sources.

    Reachable by id (`/agreements/12/`) and by slug (`/agreements/2020-07-22-ankara-joint-statement-on-libya/`).
    """

    queryset = Agreement.objects.all()
    brief_serializer_class = serializers.AgreementBriefSerializer
    filterset_class = filtersets.AgreementFilterSet
    ordering_fields = ["date", "title", "created_at", "updated_at"]
    ordering = ["-date", "id"]

    write_queryset = Agreement.objects.all()

    def get_read_queryset(self) -> QuerySet[Agreement]:
        shape = self.list_shape()
        if shape.brief:
            return Agreement.objects.only(*columns(serializers.AgreementBriefSerializer))
        related = {
            "signatories": Prefetch(
                "signatories",
                to_attr="prefetched_signatories",
                queryset=Signatory.objects.select_related("actor", "signed_by").only(
                    *columns(serializers.SignatorySerializer, "agreement_id", "actor_id", "signed_by_id", "position"),
                    *_brief("actor", serializers.ActorBriefSerializer),
                    *_brief("signed_by", serializers.ActorBriefSerializer),
                ),
            ),
            "commitments": _commitments_with_deadlines(),
            "links": Prefetch(
                "links_out",
                to_attr="prefetched_links_out",
                queryset=AgreementLink.objects.select_related("to_agreement").only(
                    *columns(serializers.LinkSerializer, "from_agreement_id", "to_agreement_id"),
                    *_brief("to_agreement", serializers.AgreementBriefSerializer),
                ),
            ),
            "sources": Prefetch(
                "sources",
                to_attr="prefetched_sources",
                queryset=Source.objects.only(*columns(serializers.SourceBriefSerializer)),
            ),
        }
        # Only what the page shows: ?fields=id,title reads no parties, commitments or links.
        queryset = Agreement.objects.defer("search_text", "imported").prefetch_related(
            *(prefetch for name, prefetch in related.items() if shape.wants(name))
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "links_in",
                    to_attr="prefetched_links_in",
                    queryset=AgreementLink.objects.select_related("from_agreement"),
                )
            )
        else:
            # The list shows neither the full text nor a dataset's coded values.
            queryset = queryset.defer("full_text", "coded")
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer]:
        return serializers.AgreementSerializer if self.action == "list" else serializers.AgreementDetailSerializer

    def perform_destroy(self, instance: Agreement) -> None:
        agreement_delete(agreement=instance, user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.ActorSerializer,
                description=f"A page of actors, by name unless `ordering` says otherwise {SHAPES}",
            )
        }
    ),
    create=extend_schema(
        responses={
            201: OpenApiResponse(
                serializers.ActorSerializer,
                description="The actor as recorded (with its slug, made from the name if none was given).",
            )
        }
    ),
    retrieve=extend_schema(
        parameters=[ACTOR_ID_OR_SLUG],
        responses={
            200: OpenApiResponse(
                serializers.ActorSerializer,
                description="The actor, with every spelling of its name and whom it represents.",
            )
        },
    ),
    **_updated(serializers.ActorSerializer, "The actor as it now stands.", parameters=[ACTOR_ID_OR_SLUG]),
    destroy=extend_schema(
        parameters=[ACTOR_ID_OR_SLUG],
        responses={
            204: OpenApiResponse(description="Deleted. An actor that takes part in an agreement is not: that is a 409.")
        },
    ),
)
class ActorViewSet(IdOrSlugLookup, ServiceModelViewSet):
    """States, governments, armed groups, organisations, coalitions and people, with every spelling.

    Reachable by id (`/actors/12/`) and by slug (`/actors/khalifa-haftar/`), as `?actor=` takes either.
    """

    queryset = Actor.objects.select_related("represents")
    serializer_class = serializers.ActorSerializer
    brief_serializer_class = serializers.ActorBriefSerializer
    filterset_class = filtersets.ActorFilterSet
    ordering_fields = ["name", "kind", "created_at"]
    ordering = ["name", "id"]

    def perform_destroy(self, instance: Actor) -> None:
        actor_delete(actor=instance, user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.SourceSerializer,
                description=f"A page of sources, latest published first unless `ordering` says otherwise {SHAPES}",
            )
        }
    ),
    create=extend_schema(
        responses={201: OpenApiResponse(serializers.SourceSerializer, description="The source as recorded.")}
    ),
    retrieve=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.SourceSerializer,
                description="The source: the document, and its exact words that back the record.",
            )
        }
    ),
    **_updated(serializers.SourceSerializer, "The source as it now stands."),
    destroy=extend_schema(
        responses={204: OpenApiResponse(description="Deleted; the records it backed keep their other sources.")}
    ),
)
class SourceViewSet(ServiceModelViewSet):
    """Documents, and the exact quotes from them that back the records."""

    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    brief_serializer_class = serializers.SourceBriefSerializer
    filterset_class = filtersets.SourceFilterSet
    ordering_fields = ["published_on", "title", "created_at"]
    ordering = ["-published_on", "id"]

    def perform_destroy(self, instance: Source) -> None:
        source_delete(source=instance, user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.CommitmentSerializer,
                description="A page of commitments, agreement by agreement in the text's order unless `ordering` "
                f"says otherwise, each with its agreement, bound actors, deadlines and status {SHAPES}",
            )
        }
    ),
    create=extend_schema(
        responses={
            201: OpenApiResponse(
                serializers.CommitmentSerializer,
                description="The commitment as recorded, its status `not_assessed`.",
            )
        }
    ),
    retrieve=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.CommitmentDetailSerializer,
                description="The commitment in full, with every change of its status, newest first.",
            )
        }
    ),
    **_updated(
        serializers.CommitmentSerializer,
        "The commitment as it now stands (its status changes only through `POST …/status/`).",
    ),
    destroy=extend_schema(
        responses={
            204: OpenApiResponse(
                description="Deleted, with its deadlines and status history; its entries in the timeline stay."
            )
        }
    ),
)
class CommitmentViewSet(ServiceModelViewSet):
    """Commitments with their deadlines, status and, in detail, their status history."""

    filterset_class = filtersets.CommitmentFilterSet
    brief_serializer_class = serializers.CommitmentBriefSerializer
    ordering_fields = ["overdue_since", "status_changed_at", "created_at", "position"]
    ordering = ["agreement_id", "position", "id"]

    write_queryset = Commitment.objects.select_related("agreement")

    def get_read_queryset(self) -> QuerySet[Commitment]:
        if self.list_shape().brief:
            return Commitment.objects.select_related("agreement").only(
                *columns(serializers.CommitmentBriefSerializer, "agreement_id"),
                *_brief("agreement", serializers.AgreementBriefSerializer),
            )
        queryset = (
            Commitment.objects.defer("search_text")
            .select_related("agreement", "wording_source")
            .defer("agreement__search_text", "agreement__full_text", "agreement__imported", "agreement__summary")
            .prefetch_related(_bound_actors(), _deadlines())
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "status_changes",
                    to_attr="prefetched_status_changes",
                    queryset=StatusChange.objects.select_related("changed_by", "commitment").prefetch_related(
                        "sources"
                    ),
                )
            )
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return serializers.CommitmentDetailSerializer
        if self.action == "status":
            return serializers.StatusChangeInputSerializer
        return serializers.CommitmentSerializer

    def perform_destroy(self, instance: Commitment) -> None:
        commitment_delete(commitment=instance, user=self.request.user)

    @extend_schema(
        request=serializers.StatusChangeInputSerializer,
        responses={
            201: OpenApiResponse(
                serializers.StatusChangeSerializer,
                description="The change as recorded, with its sources: the commitment now has the new status, "
                "and subscribers hear of it (`commitment.status_changed`).",
            )
        },
        summary="Record a status change",
        description=(
            "Record what became of the commitment, with the sources that show it. A change to `met`, "
            "`partially_met` or `breached` needs at least one source (`source_ids`, or new `sources`). "
            "Needs the `agreements.add_statuschange` permission (editors have it)."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[CanRecordStatus])
    def status(self, request: Request, pk: str | None = None) -> Response:
        commitment = self.get_object()
        data = serializers.StatusChangeInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        change = commitment_set_status(
            commitment=commitment,
            status=data.validated_data["status"],
            sources=data.validated_data.get("source_ids", []),
            new_sources=data.validated_data.get("sources", []),
            note=data.validated_data["note"],
            user=request.user,
        )
        output = serializers.StatusChangeSerializer(change, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.DeadlineSerializer,
                description="A page of deadlines, by `due_at` unless `ordering` says otherwise, each with its "
                f"commitment and agreement, as stated and in UTC {SHAPES}",
            )
        }
    ),
    create=extend_schema(
        responses={
            201: OpenApiResponse(
                serializers.DeadlineSerializer,
                description="The deadline as recorded, with `due_at` and `display_due` worked out from what was "
                "stated.",
            )
        }
    ),
    retrieve=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.DeadlineDetailSerializer,
                description="The deadline in full, with its extensions and the deadlines that count from it.",
            )
        }
    ),
    **_updated(
        serializers.DeadlineSerializer,
        "The deadline as it now stands, `due_at` worked out afresh. If it moved, subscribers hear of it "
        "(`deadline.rescheduled`), and so do the deadlines counting from it, which move too.",
    ),
    destroy=extend_schema(
        responses={
            204: OpenApiResponse(
                description="Deleted. A deadline others count from is not: that is a 409 (re-anchor or delete "
                "them first)."
            )
        }
    ),
)
class DeadlineViewSet(ServiceModelViewSet):
    """Deadlines as stated — in the calendar, or counted from an anchor — with ``due_at`` derived in UTC.
    Also as a calendar: ``/api/v1/deadlines.ics``."""

    queryset = Deadline.objects.select_related("commitment__agreement", "source", "anchor")
    brief_serializer_class = serializers.DeadlineBriefSerializer
    write_queryset = Deadline.objects.select_related("commitment__agreement", "anchor")
    filterset_class = filtersets.DeadlineFilterSet
    ordering_fields = ["due_at", "passed_at", "created_at"]
    ordering = ["due_at", "id"]
    model_field_names = {"anchor": "anchor_id", "source": "source_id", "commitment": "commitment_id"}

    def get_read_queryset(self) -> QuerySet[Deadline]:
        if self.list_shape().brief:
            return Deadline.objects.only(*columns(serializers.DeadlineBriefSerializer))
        queryset = super().get_read_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("source", "extended_by")),
                Prefetch("dependents", queryset=Deadline.objects.all()),
            )
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "state":
            return serializers.DeadlineStateInputSerializer
        if self.action == "extend":
            return serializers.DeadlineExtendInputSerializer
        if self.action == "retrieve":
            return serializers.DeadlineDetailSerializer
        return serializers.DeadlineSerializer

    def perform_destroy(self, instance: Deadline) -> None:
        deadline_delete(deadline=instance, user=self.request.user)

    def _reply(self, deadline: Deadline) -> Response:
        fresh = self.get_read_queryset().prefetch_related("extensions", "dependents").get(pk=deadline.pk)
        return Response(serializers.DeadlineDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request=serializers.DeadlineStateInputSerializer,
        responses={
            200: OpenApiResponse(
                serializers.DeadlineDetailSerializer,
                description="The deadline in full as it now stands; subscribers hear of it (`deadline.met`, "
                "`deadline.cancelled` or `deadline.reopened`).",
            )
        },
        summary="Mark a deadline met or cancelled, or reopen it",
        description=(
            "`met` or `cancelled` closes an upcoming or passed deadline; `upcoming` reopens a closed one. "
            "With `met`, `met_at` records when it happened: deadlines counting from this one then count from "
            "that moment (and move, each with a `deadline.rescheduled` event)."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChangeDeadline])
    def state(self, request: Request, pk: str | None = None) -> Response:
        deadline = self.get_object()
        data = serializers.DeadlineStateInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        target, note = data.validated_data["state"], data.validated_data["note"]
        if target == DeadlineState.UPCOMING:
            if data.validated_data.get("met_at") is not None:
                raise ValidationError({"met_at": ["Only a deadline marked met has a moment it was met at."]})
            deadline = deadline_reopen(deadline=deadline, note=note, user=request.user)
        else:
            deadline = deadline_close(
                deadline=deadline,
                state=target,
                note=note,
                sources=data.validated_data.get("source_ids", []),
                met_at=data.validated_data.get("met_at"),
                user=request.user,
            )
        return self._reply(deadline)

    @extend_schema(
        request=serializers.DeadlineExtendInputSerializer,
        responses={
            200: OpenApiResponse(
                serializers.DeadlineDetailSerializer,
                description="The deadline in full as it now stands: the extension last in `extensions`, `due_at` "
                "moved.",
            )
        },
        summary="Extend a deadline",
        description=(
            'By a duration (`{"by": "PT72H"}`) or to a date (`{"precision": "day", "year": 2025, '
            '"month": 6, "day": 30}`), with the source\'s wording and the source. The statement stays as '
            "written; the extension is kept in order in `extensions`, `due_at` moves, a passed deadline now "
            "ahead reopens, and every deadline counting from this one moves too, each with a "
            "`deadline.rescheduled` event."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChangeDeadline])
    def extend(self, request: Request, pk: str | None = None) -> Response:
        deadline = self.get_object()
        data = serializers.DeadlineExtendInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = data.validated_data
        parts = {name: values[name] for name in ("precision", "year", "month", "day", "time") if name in values}
        deadline = deadline_extend(
            deadline=deadline,
            by=values.get("by", ""),
            to=parts or None,
            wording=values["wording"],
            note=values["note"],
            source=values.get("source_id"),
            user=request.user,
        )
        return self._reply(deadline)


@extend_schema_view(
    list=extend_schema(
        responses={
            200: OpenApiResponse(
                serializers.EventSerializer,
                description="A page of the timeline, newest recorded first unless `ordering` says otherwise "
                "(`-happened_at` reads it as history), each entry with the same `type` and `data` a webhook "
                f"delivers {SHAPES}",
            )
        }
    ),
    retrieve=extend_schema(
        responses={200: OpenApiResponse(serializers.EventSerializer, description="One entry of the timeline.")}
    ),
)
class EventViewSet(
    KnownQueryParameters, ShapedLists, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The timeline, newest first: deadlines approaching, passed, met, cancelled or rescheduled, and
    status changes — each with the same `type` and `data` a webhook delivers."""

    # Pings are private to one subscriber; they are not part of the public timeline.
    queryset = Event.objects.exclude(type=EventType.WEBHOOK_PING).select_related("agreement")
    serializer_class = serializers.EventSerializer
    brief_serializer_class = serializers.EventBriefSerializer
    permission_classes = [permissions.AllowAny]  # read-only: there is nothing to write
    filterset_class = filtersets.EventFilterSet
    # Newest recorded first (a feed); ?ordering=-happened_at reads it as history.
    ordering_fields = ["occurred_at", "happened_at", "id"]
    ordering = ["-occurred_at", "-id"]
