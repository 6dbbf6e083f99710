"""Actor: aliases and the folded text search uses."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Actor
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_search_text_holds_every_spelling_folded():
    actor = ActorFactory(name="Khalifa Haftar", aliases=["Hafter", "Hifter"])
    assert actor.search_text == "khalifa haftar hafter hifter"


def test_accent_variants_are_kept_as_aliases():
    actor = ActorFactory(name="Recep Tayyip Erdoğan", aliases=["Erdoğan", "Erdogan"])
    assert actor.all_names == ["Recep Tayyip Erdoğan", "Erdoğan", "Erdogan"]


@pytest.mark.parametrize("aliases", [["Hafter", "Hafter"], ["Khalifa Haftar"], ["  "], "Hafter", [3]])
def test_bad_aliases_are_refused(aliases):
    actor = Actor(name="Khalifa Haftar", slug="khalifa-haftar", kind="person", aliases=aliases)
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "aliases" in error.value.message_dict


def test_country_must_be_an_iso_code():
    actor = Actor(name="X", slug="x", kind="state", country="XX")
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "country" in error.value.message_dict
