"""/api/v1/actors/: every spelling, searchable; refused deletes of actors in use."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from agreements.models import Actor, Agreement
from tests.agreements.api.conftest import results
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/actors/"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("hafter", "Khalifa Haftar"),
        ("Turkiye", "Turkey"),
        ("SERRAJ", "Fayez al-Sarraj"),
    ],
)
def test_search_finds_an_actor_by_any_spelling(anon_client, seeded, query, name):
    assert name in [row["name"] for row in results(anon_client.get(URL, {"q": query}))]


def test_filters_by_kind_country_and_agreement(anon_client, seeded):
    assert {r["slug"] for r in results(anon_client.get(URL, {"kind": "state"}))} == {"turkey", "russia"}
    assert "turkey" not in {r["slug"] for r in results(anon_client.get(URL, {"country": "LY"}))}
    parties = {
        r["slug"] for r in results(anon_client.get(URL, {"agreement": "2020-07-22-ankara-joint-statement-on-libya"}))
    }
    assert parties == {"turkey", "russia", "government-of-national-accord", "libyan-national-army"}


def test_a_person_shows_whom_they_represent(anon_client, seeded):
    haftar = Actor.objects.get(slug="khalifa-haftar")
    body = anon_client.get(f"{URL}{haftar.pk}/").json()
    assert body["represents"]["slug"] == "libyan-national-army"
    assert body["aliases"] == ["Khalifa Hafter", "Haftar", "Hafter", "Hifter"]


def test_an_editor_creates_and_corrects_an_actor(editor_client):
    response = editor_client.post(
        URL,
        {"name": "Libyan Arab Armed Forces", "kind": "armed_group", "country": "LY", "aliases": ["LAAF"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "libyan-arab-armed-forces"
    actor_id = response.json()["id"]
    patched = editor_client.patch(f"{URL}{actor_id}/", {"aliases": ["LAAF", "Haftar's forces"]}, format="json")
    assert patched.json()["aliases"] == ["LAAF", "Haftar's forces"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "X", "kind": "empire"}, "kind"),
        ({"name": "X", "kind": "state", "country": "XX"}, "country"),
        ({"name": "X", "kind": "state", "aliases": ["Y", "Y"]}, "aliases"),
        ({"name": "X", "kind": "state", "aliases": "Y"}, "aliases"),
        ({"name": "X", "kind": "person", "represents_id": 999999}, "represents_id"),
    ],
)
def test_bad_actors_are_refused_by_field(editor_client, payload, field):
    response = editor_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Actor.objects.exists()


def test_an_actor_still_party_to_an_agreement_cannot_be_deleted(editor_client, seeded):
    turkey = Actor.objects.get(slug="turkey")
    response = editor_client.delete(f"{URL}{turkey.pk}/")
    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Actor.objects.filter(pk=turkey.pk).exists()
    unused = ActorFactory()
    assert editor_client.delete(f"{URL}{unused.pk}/").status_code == 204


def test_writes_need_the_permission(anon_client, reader_client):
    assert anon_client.post(URL, {"name": "X", "kind": "state"}, format="json").status_code == 401
    assert reader_client.post(URL, {"name": "X", "kind": "state"}, format="json").status_code == 403


def test_an_actor_is_reachable_by_slug_as_by_id(anon_client, editor_client, seeded):
    haftar = Actor.objects.get(slug="khalifa-haftar")
    assert anon_client.get(f"{URL}khalifa-haftar/").json() == anon_client.get(f"{URL}{haftar.pk}/").json()
    assert anon_client.get(f"{URL}no-such-actor/").status_code == 404
    response = editor_client.patch(f"{URL}khalifa-haftar/", {"description": "Commander of the LNA."}, format="json")
    assert response.status_code == 200, response.json()
    haftar.refresh_from_db()
    assert haftar.description == "Commander of the LNA."


# Digits that str.isdigit() takes for digits and int() may or may not read: superscript, Arabic-Indic.
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize("resource", ["actors", "agreements"])
@pytest.mark.parametrize("digits", [SUPERSCRIPT, ARABIC_INDIC, None])
def test_a_key_neither_id_nor_slug_is_a_404(anon_client, seeded, resource, digits):
    model = Actor if resource == "actors" else Agreement
    pk = model.objects.order_by("pk").first().pk  # ids differ from one database to another
    assert anon_client.get(f"/api/v1/{resource}/{pk}/").status_code == 200
    key = quote(str(pk).translate(digits)) if digits else "99999999999999999999999"  # or past bigint
    assert anon_client.get(f"/api/v1/{resource}/{key}/").status_code == 404  # not the record with id {pk}
