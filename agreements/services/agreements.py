"""Writes to agreements with their parties, links and sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements.choices import DeadlineAnchor, RecordSource
from agreements.models import Actor, Agreement, AgreementLink, Commitment, Deadline, Signatory, Source
from agreements.services.schedules import lock_commitments, reschedule
from agreements.services.sweep import deadlines_hold_from_sweep
from utilities.models import unique_slug
from utilities.services import UserLike, apply_changes, attribute, delete, editable_fields, validated_save

AGREEMENT_FIELDS = editable_fields(Agreement)


@dataclass(frozen=True)
class SignatoryInput:
    """An actor's part in an agreement, as an editor enters it."""

    actor: Actor
    role: str
    signed_by: Actor | None = None
    signed_as: str = ""
    note: str = ""


@dataclass(frozen=True)
class LinkInput:
    """A link from the agreement being written to another one."""

    to_agreement: Agreement
    kind: str
    note: str = ""


def _set_signatories(agreement: Agreement, parts: Sequence[SignatoryInput], user: UserLike) -> None:
    """Make the agreement's parties these; a party an editor changes becomes the editor's.

    (An import removes the parties it made once its dataset no longer lists them; one an
    editor has changed is no longer the import's to remove.)
    """
    keys = [(p.actor.pk, p.role) for p in parts]
    if len(set(keys)) != len(keys):
        raise ValidationError({"signatories": "An actor is listed twice in the same role."})
    existing = {(s.actor_id, s.role): s for s in agreement.signatories.all()}
    for key, stale in existing.items():
        if key not in keys:
            attribute(stale, user)
            stale.delete()
    for position, part in enumerate(parts):
        signatory = existing.get((part.actor.pk, part.role)) or Signatory(agreement=agreement, actor=part.actor)
        changed = apply_changes(
            signatory,
            {
                "role": part.role,
                "signed_by": part.signed_by,
                "signed_as": part.signed_as,
                "note": part.note,
                "position": position,
            },
            allowed=("role", "signed_by", "signed_as", "note", "position"),
        )
        if set(changed) - {"position"}:
            signatory.origin = RecordSource.EDITOR
        if changed or signatory.pk is None:
            validated_save(signatory, user=user)


def _set_links(agreement: Agreement, links: Sequence[LinkInput], user: UserLike) -> None:
    keys = [(link.to_agreement.pk, link.kind) for link in links]
    if len(set(keys)) != len(keys):
        raise ValidationError({"links": "The same link is listed twice."})
    if any(link.to_agreement.pk == agreement.pk for link in links):
        raise ValidationError({"links": "An agreement cannot link to itself."})
    existing = {(link.to_agreement_id, link.kind): link for link in agreement.links_out.all()}
    for key, stale in existing.items():
        if key not in keys:
            attribute(stale, user)
            stale.delete()
    for link in links:
        row = existing.get((link.to_agreement.pk, link.kind)) or AgreementLink(
            from_agreement=agreement, to_agreement=link.to_agreement, kind=link.kind
        )
        if row.pk is None or row.note != link.note:
            row.note = link.note
            row.origin = RecordSource.EDITOR
            validated_save(row, user=user)


@transaction.atomic
def agreement_create(
    *,
    user: UserLike = None,
    signatories: Sequence[SignatoryInput] = (),
    links: Sequence[LinkInput] = (),
    sources: Sequence[Source] = (),
    **fields: Any,
) -> Agreement:
    """Record an agreement with its parties, links and sources, all or nothing."""
    agreement = Agreement()
    apply_changes(agreement, fields, allowed=AGREEMENT_FIELDS)
    if not agreement.slug:
        dated = f"{agreement.date:%Y-%m-%d} " if agreement.date else ""
        agreement.slug = unique_slug(Agreement, f"{dated}{agreement.title}")
    validated_save(agreement, user=user)
    _set_signatories(agreement, signatories, user)
    _set_links(agreement, links, user)
    agreement.sources.set(sources)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    changes: Mapping[str, Any],
    signatories: Sequence[SignatoryInput] | None = None,
    links: Sequence[LinkInput] | None = None,
    sources: Sequence[Source] | None = None,
    user: UserLike = None,
) -> Agreement:
    """Change an agreement; parties, links and sources are replaced when given.

    A new date of signing moves the deadlines counted from it, and theirs.
    """
    changed = apply_changes(agreement, changes, allowed=AGREEMENT_FIELDS)
    if changed:
        validated_save(agreement, user=user)
    if {"date", "date_precision"} & set(changed):
        # The commitments first, then their deadlines: the order every editor's change takes.
        lock_commitments(Commitment.objects.filter(agreement=agreement).values_list("pk", flat=True))
        counted = list(
            Deadline.objects.select_for_update(of=("self",))
            .filter(commitment__agreement=agreement, anchor_kind=DeadlineAnchor.SIGNED)
            .select_related("commitment")
            .prefetch_related("extensions")
        )
        for deadline in counted:
            deadline.commitment.agreement = agreement
        reschedule(
            counted,
            reason=f"The agreement's date of signing changed to {agreement.display_date}.",
            now=timezone.now(),
            user=user,
            include_roots=True,
        )
    if signatories is not None:
        _set_signatories(agreement, signatories, user)
    if links is not None:
        _set_links(agreement, links, user)
    if sources is not None:
        attribute(agreement, user)
        agreement.sources.set(sources)
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, user: UserLike = None) -> None:
    """Delete an agreement with its commitments; its events stay in the timeline."""
    deadlines_hold_from_sweep(Commitment.objects.filter(agreement=agreement))
    delete(agreement, user=user)
