"""/api/v1/agreements/: read by anyone, written by editors, searched and filtered."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.choices import DeadlinePrecision
from agreements.models import Actor, Agreement, Signatory
from agreements.services.sweep import sweep_run
from tests.agreements.api.conftest import ids, results
from tests.factories import (
    ActorFactory,
    AgreementFactory,
    CommitmentFactory,
    DeadlineFactory,
    SourceFactory,
    deadline_due,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/agreements/"
ANKARA = "2020-07-22-ankara-joint-statement-on-libya"
ISTANBUL = "2020-01-08-istanbul-joint-statement-on-libya"


def test_anyone_reads_the_list_with_everything_nested(anon_client, seeded):
    rows = results(anon_client.get(URL))
    ankara = next(row for row in rows if row["slug"] == ANKARA)
    assert ankara["url"].endswith(f"/api/v1/agreements/{ankara['id']}/")
    assert [c["number"] for c in ankara["commitments"]] == ["1", "2", "3", "4"]
    assert ankara["commitments"][3]["deadlines"][0]["precision"] == "unspecified"
    assert {(s["actor"]["slug"], s["role"]) for s in ankara["signatories"]} >= {
        ("turkey", "signatory"),
        ("libyan-national-army", "addressed_party"),
    }
    assert {(link["kind"], link["to"]["slug"]) for link in ankara["links"]} == {
        ("builds_on", ISTANBUL),
        ("references", "2020-01-19-berlin-conference-on-libya"),
    }
    assert ankara["sources"][0]["title"].startswith("No: 156")


def test_an_agreement_is_reachable_by_id_and_by_slug(anon_client, seeded):
    agreement = Agreement.objects.get(slug=ISTANBUL)
    by_id = anon_client.get(f"{URL}{agreement.pk}/").json()
    by_slug = anon_client.get(f"{URL}{ISTANBUL}/").json()
    assert by_id == by_slug
    assert by_id["referenced_by"][0]["from_agreement"]["slug"] == ANKARA
    deadline = by_id["commitments"][0]["deadlines"][0]
    assert deadline["due_at"] == "2020-01-11T22:00:00Z"
    assert deadline["time_zone"] == "Africa/Tripoli"
    assert anon_client.get(f"{URL}no-such-agreement/").status_code == 404
    assert anon_client.get(f"{URL}999999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Erdogan", ISTANBUL),
        ("Hafter", ANKARA),
        ("Sarraj", ISTANBUL),
        ("turkiye ankara", ANKARA),
        ("humanitarian access", ANKARA),
    ],
)
def test_search_matches_titles_wording_and_aliases(anon_client, seeded, query, slug):
    assert slug in [row["slug"] for row in results(anon_client.get(URL, {"q": query}))]


def test_search_requires_every_word(anon_client, seeded):
    assert results(anon_client.get(URL, {"q": "Erdogan Moscow-nothing"})) == []


def test_filters(anon_client, seeded):
    sweep_run()
    assert len(results(anon_client.get(URL, {"country": "ly"}))) == 3
    assert results(anon_client.get(URL, {"country": "SY"})) == []
    assert [r["slug"] for r in results(anon_client.get(URL, {"kind": "conference_conclusions"}))] == [
        "2020-01-19-berlin-conference-on-libya"
    ]
    assert {r["slug"] for r in results(anon_client.get(URL, {"actor": "turkey", "role": "mediator"}))} == {ISTANBUL}
    assert {r["slug"] for r in results(anon_client.get(URL, {"actor": "libyan-national-army"}))} == {ISTANBUL, ANKARA}
    assert {r["slug"] for r in results(anon_client.get(URL, {"role": "addressed_party"}))} == {ISTANBUL, ANKARA}
    assert {r["slug"] for r in results(anon_client.get(URL, {"signed_after": "2020-01-10"}))} == {
        ANKARA,
        "2020-01-19-berlin-conference-on-libya",
    }
    assert {r["slug"] for r in results(anon_client.get(URL, {"signed_before": "2020-01-10"}))} == {ISTANBUL}
    assert {r["slug"] for r in results(anon_client.get(URL, {"has_overdue": "true"}))} == {ISTANBUL}
    assert ISTANBUL not in {r["slug"] for r in results(anon_client.get(URL, {"has_overdue": "false"}))}


def slugs(client, **params) -> set[str]:
    return {row["slug"] for row in results(client.get(URL, params))}


@pytest.mark.parametrize("actor", ["khalifa-haftar", "Haftar", "hafter", "KHALIFA HAFTER", "Khalifa Haftar"])
def test_an_actor_is_found_by_slug_name_or_alias_and_stands_for_whom_they_represent(anon_client, seeded, actor):
    # Haftar is a party to neither statement: the Libyan National Army he commands is addressed by both.
    assert slugs(anon_client, actor=actor) == slugs(anon_client, q="Haftar") == {ISTANBUL, ANKARA}


def test_an_actor_by_id_with_a_role(anon_client, seeded):
    erdogan = Actor.objects.get(slug="recep-tayyip-erdogan")
    assert slugs(anon_client, actor=erdogan.pk, role="mediator") == {ISTANBUL}
    assert slugs(anon_client, actor="Erdogan", role="addressed_party") == set()


def test_a_spelling_several_actors_share_means_any_of_them(anon_client, seeded):
    other = ActorFactory(name="Hafter (PA-X)", aliases=["Haftar"])
    agreement = AgreementFactory()
    Signatory.objects.create(agreement=agreement, actor=other, role="signatory")
    assert slugs(anon_client, actor="Haftar") == {ISTANBUL, ANKARA, agreement.slug}
    assert slugs(anon_client, actor="khalifa-haftar") == {ISTANBUL, ANKARA}


def test_an_actor_nobody_is_called_is_a_400(anon_client, seeded):
    response = anon_client.get(URL, {"actor": "Hafta"})
    assert response.status_code == 400
    assert response.json() == {
        "actor": ["No actor with id, slug, name or alias 'Hafta' (/api/v1/actors/?q= searches them)."]
    }


def test_pax_id_filter(anon_client):
    agreement = AgreementFactory(external_ids={"pax": "2320"})
    AgreementFactory(external_ids={"pax": "99"})
    assert ids(anon_client.get(URL, {"pax_id": "2320"})) == [agreement.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "treaty"}, "kind"),
        ({"country": "Libya"}, "country"),
        ({"actor": "nobody"}, "actor"),
        ({"role": "spectator"}, "role"),
        ({"signed_after": "2020-13-01"}, "signed_after"),
        ({"has_overdue": "maybe"}, "has_overdue"),
        ({"ordering": "secret"}, "ordering"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_it(anon_client, params, field):
    response = anon_client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_ordering_and_pagination(anon_client):
    for year in (2001, 2003, 2002):
        AgreementFactory(date=dt.date(year, 1, 1))
    assert [r["date"] for r in results(anon_client.get(URL, {"ordering": "date"}))] == [
        "2001-01-01",
        "2002-01-01",
        "2003-01-01",
    ]
    page = anon_client.get(URL, {"page_size": 2, "ordering": "-date"}).json()
    assert page["count"] == 3
    assert page["next"] is not None
    assert len(page["results"]) == 2
    assert len(results(anon_client.get(URL, {"page_size": 500}))) == 3  # capped at 200, not refused
    missing = anon_client.get(URL, {"page": 9})
    assert missing.status_code == 404
    assert "Invalid page" in missing.json()["detail"]


def test_the_list_is_a_fixed_number_of_queries(anon_client, django_assert_num_queries):
    def make(n: int) -> None:
        for _ in range(n):
            commitment = CommitmentFactory(agreement=AgreementFactory(sources=[SourceFactory()]))
            deadline_due(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), commitment=commitment)
            commitment.bound_actors.add(ActorFactory())
            Signatory.objects.create(agreement=commitment.agreement, actor=ActorFactory(), role="signatory")

    make(2)
    with django_assert_num_queries(8) as small:
        anon_client.get(URL)
    make(10)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(results(anon_client.get(URL))) == 12
    first = Agreement.objects.first()
    with django_assert_num_queries(8):  # one row, six prefetches, and the links from elsewhere
        anon_client.get(f"{URL}{first.pk}/")


def test_anonymous_and_unprivileged_users_cannot_write(anon_client, reader_client, seeded):
    payload = {"title": "New", "kind": "other"}
    assert anon_client.post(URL, payload, format="json").status_code == 401
    assert reader_client.post(URL, payload, format="json").status_code == 403
    assert anon_client.delete(f"{URL}{ANKARA}/").status_code == 401
    assert reader_client.patch(f"{URL}{ANKARA}/", {"title": "x"}, format="json").status_code == 403
    assert Agreement.objects.count() == 3


def test_an_editor_creates_an_agreement_with_its_parts(editor_client, editor):
    turkey, lna = ActorFactory(name="Turkey", kind="state"), ActorFactory(name="LNA")
    earlier, source = AgreementFactory(), SourceFactory()
    response = editor_client.post(
        URL,
        {
            "title": "Joint statement",
            "kind": "joint_statement",
            "date": "2020-07-22",
            "countries": ["ly"],
            "signatories": [
                {"actor_id": turkey.pk, "role": "signatory", "signed_as": "Delegation"},
                {"actor_id": lna.pk, "role": "addressed_party"},
            ],
            "links": [{"to_id": earlier.pk, "kind": "builds_on"}],
            "source_ids": [source.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "2020-07-22-joint-statement"
    assert body["countries"] == ["LY"]
    assert [s["actor"]["name"] for s in body["signatories"]] == ["Turkey", "LNA"]
    assert body["links"][0]["to"]["id"] == earlier.pk
    agreement = Agreement.objects.get(pk=body["id"])
    assert agreement.history.first().history_user == editor


def test_an_editor_updates_and_deletes(editor_client):
    agreement = AgreementFactory()
    response = editor_client.patch(f"{URL}{agreement.slug}/", {"summary": "Now summarised."}, format="json")
    assert response.status_code == 200
    assert Agreement.objects.get(pk=agreement.pk).summary == "Now summarised."
    assert editor_client.delete(f"{URL}{agreement.pk}/").status_code == 204
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "other"}, "title"),
        ({"title": "x", "kind": "treaty"}, "kind"),
        ({"title": "x", "kind": "other", "date": "2020-02-30"}, "date"),
        ({"title": "x", "kind": "other", "countries": ["XX"]}, "countries"),
        ({"title": "x", "kind": "other", "countries": "LY"}, "countries"),
        ({"title": "x", "kind": "other", "date": "2021-03-05", "date_precision": "month"}, "date"),
        ({"title": "x", "kind": "other", "signatories": [{"actor_id": 999999, "role": "signatory"}]}, "signatories"),
        ({"title": "x", "kind": "other", "links": [{"to_id": 1, "kind": "likes"}]}, "links"),
        ({"title": "x", "kind": "other", "info_url": "javascript:alert(1)"}, "info_url"),
        ({"title": "x" * 501, "kind": "other"}, "title"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(editor_client, payload, field):
    response = editor_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Agreement.objects.exists()


def test_malformed_json_is_a_400(editor_client):
    response = editor_client.generic("POST", URL, '{"title": "x",', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize("param", ["actor", "country"])
def test_a_percent_sign_in_a_filter_value_is_a_400_not_a_500(anon_client, param):
    # Found by schemathesis: the value was formatted into the message.
    response = anon_client.get(URL, {param: "%s%(x)s%"})
    assert response.status_code == 400
    assert "%s%(x)s%" in response.json()[param][0].replace("%S%(X)S%", "%s%(x)s%")


def test_nested_deadlines_not_yet_computable_come_last_on_either_database(anon_client):
    commitment = CommitmentFactory()
    unspecified = DeadlineFactory(
        commitment=commitment, precision=DeadlinePrecision.UNSPECIFIED, year=None, month=None, day=None, time=None
    )
    dated = DeadlineFactory(commitment=commitment, year=2020, month=1, day=12)
    for url in (f"/api/v1/agreements/{commitment.agreement_id}/", "/api/v1/agreements/"):
        body = anon_client.get(url).json()
        agreement = body if "commitments" in body else body["results"][0]
        deadlines = agreement["commitments"][0]["deadlines"]
        assert [d["id"] for d in deadlines] == [dated.pk, unspecified.pk], url
