"""agreement_create/update: an agreement with its parts, all or nothing, attributed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement, AgreementLink, Signatory
from agreements.services.agreements import LinkInput, SignatoryInput, agreement_create, agreement_update
from tests.factories import ActorFactory, AgreementFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_it_creates_an_agreement_with_its_parts(editor):
    turkey, gna = ActorFactory(name="Turkey", kind="state"), ActorFactory(name="GNA")
    earlier, source = AgreementFactory(), SourceFactory()
    agreement = agreement_create(
        title="Joint statement",
        kind="joint_statement",
        signatories=[SignatoryInput(turkey, "signatory"), SignatoryInput(gna, "addressed_party")],
        links=[LinkInput(earlier, "builds_on")],
        sources=[source],
        user=editor,
    )
    assert agreement.slug == "joint-statement"
    assert [(s.actor, s.role) for s in agreement.signatories.all()] == [
        (turkey, "signatory"),
        (gna, "addressed_party"),
    ]
    assert agreement.links_out.get().to_agreement == earlier
    assert list(agreement.sources.all()) == [source]
    assert {h.history_user for h in agreement.history.all()} == {editor}


def test_a_bad_part_writes_nothing():
    actor = ActorFactory()
    with pytest.raises(ValidationError):
        agreement_create(
            title="x",
            kind="joint_statement",
            signatories=[SignatoryInput(actor, "signatory"), SignatoryInput(actor, "signatory")],
        )
    assert not Agreement.objects.exists()
    assert not Signatory.objects.exists()


def test_slugs_stay_unique():
    assert AgreementFactory(title="Same", date=None).slug == "same"
    assert AgreementFactory(title="Same", date=None).slug == "same-2"


def test_update_replaces_parties_and_links_only_when_given():
    a, b = ActorFactory(), ActorFactory()
    target = AgreementFactory()
    agreement = agreement_create(title="x", kind="other", signatories=[SignatoryInput(a, "signatory")])
    agreement_update(agreement=agreement, changes={"summary": "New summary"})
    assert agreement.signatories.count() == 1
    agreement_update(
        agreement=agreement,
        changes={},
        signatories=[SignatoryInput(b, "mediator")],
        links=[LinkInput(target, "references")],
    )
    assert [(s.actor, s.role) for s in agreement.signatories.all()] == [(b, "mediator")]
    assert AgreementLink.objects.get().to_agreement == target
    with pytest.raises(ValidationError):
        agreement_update(agreement=agreement, changes={}, links=[LinkInput(agreement, "references")])


def test_a_party_or_link_an_editor_changes_becomes_the_editors():
    a, b = ActorFactory(), ActorFactory()
    target = AgreementFactory()
    agreement = AgreementFactory()
    Signatory.objects.create(agreement=agreement, actor=a, role="signatory", origin="pax")
    Signatory.objects.create(agreement=agreement, actor=b, role="witness", origin="pax")
    AgreementLink.objects.create(from_agreement=agreement, to_agreement=target, kind="references", origin="pax")
    agreement_update(
        agreement=agreement,
        changes={},
        # b moves up (only its position changes): still the import's; a gets a signer's office: the editor's.
        signatories=[SignatoryInput(b, "witness"), SignatoryInput(a, "signatory", signed_as="President")],
        links=[LinkInput(target, "references", note="Checked against the text.")],
    )
    assert {s.actor: s.origin for s in agreement.signatories.all()} == {a: "editor", b: "pax"}
    assert AgreementLink.objects.get().origin == "editor"
