"""import_pax: keyed by AgtId, idempotent, respectful of editors, fast in bulk."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Actor, Agreement, AgreementLink, Commitment, Signatory, Source
from agreements.pax.importer import pax_import
from agreements.pax.reader import NotAPaxRelease
from agreements.services.agreements import agreement_update
from tests.agreements.pax.conftest import row, write_release
from tests.conftest import require
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

LIBYA = "Agreement for a Complete and Permanent Ceasefire in Libya"


def release(tmp_path: Path, *rows: dict, name: str = "pax.csv") -> Path:
    return write_release(tmp_path / name, list(rows))


def test_it_creates_agreements_with_their_pax_ids_and_sources(tmp_path):
    report = pax_import(release(tmp_path, row(2320, LIBYA), row(2321, "Second")))
    assert (report.read, report.created) == (2, 2)
    libya = Agreement.objects.get(external_ids__pax="2320")
    assert (libya.title, str(libya.date), libya.kind, libya.countries) == (
        LIBYA,
        "2020-10-23",
        "ceasefire_agreement",
        ["LY"],
    )
    assert libya.info_url == "https://www.peaceagreements.org/agreements/2320/"
    source = libya.sources.get()
    assert source.publisher.startswith("PeaceRep")
    assert source.link == libya.info_url


def test_a_second_import_changes_nothing_and_says_so(tmp_path):
    path = release(tmp_path, row(1, "One", Part="Government of Sudan; Sudan People's Liberation Movement (SPLM)"))
    pax_import(path)
    counts = [m.objects.count() for m in (Agreement, Actor, Signatory, Source, AgreementLink)]
    report = pax_import(path)
    assert not report.changed
    assert report.lines()[0] == "Nothing changed: this release is already imported."
    assert report.unchanged == 1
    assert [m.objects.count() for m in (Agreement, Actor, Signatory, Source, AgreementLink)] == counts


def test_parties_reuse_existing_actors_by_name_and_alias(tmp_path, seeded):
    before = Actor.objects.count()
    pax_import(
        release(
            tmp_path,
            row(
                5,
                "Libyan talks",
                Part="Government of National Accord; LNA",
                ThrdPart="Witnessed by: Türkiye; Russian Federation",
            ),
        )
    )
    agreement = Agreement.objects.get(external_ids__pax="5")
    parts = {(s.actor.slug, s.role) for s in agreement.signatories.select_related("actor")}
    assert parts == {
        ("government-of-national-accord", "signatory"),
        ("libyan-national-army", "signatory"),
        ("turkey", "witness"),
        ("russia", "witness"),
    }
    assert Actor.objects.count() == before


def test_a_newer_release_updates_what_changed_and_keeps_editors_work(tmp_path, editor):
    pax_import(release(tmp_path, row(7, "Old title", description="Old summary", Con="Libya")))
    agreement = Agreement.objects.get(external_ids__pax="7")
    commitment = CommitmentFactory(agreement=agreement)
    agreement_update(agreement=agreement, changes={"summary": "An editor's better summary."}, user=editor)

    newer = write_release(
        tmp_path / "v10.csv",
        [row(7, "New title", Ver="2", description="PA-X's new summary", Con="Libya/Chad"), row(8, "Brand new")],
    )
    report = pax_import(newer)
    agreement.refresh_from_db()
    assert (report.created, report.updated) == (1, 1)
    assert agreement.title == "New title"
    assert agreement.conflict == "Libya/Chad"
    assert agreement.summary == "An editor's better summary."
    assert any("summary: kept" in line for line in report.kept_edits)
    assert Commitment.objects.filter(pk=commitment.pk, agreement=agreement).exists()
    assert agreement.external_ids["pax_version"] == "2"


def test_an_older_version_is_left_alone(tmp_path):
    pax_import(release(tmp_path, row(9, "Current", Ver="3")))
    report = pax_import(release(tmp_path, row(9, "Stale", Ver="2"), name="old.csv"))
    assert Agreement.objects.get(external_ids__pax="9").title == "Current"
    assert "version 2 is older than the imported version 3" in report.skipped[0]


def test_unreadable_rows_are_reported_and_the_rest_imported(tmp_path):
    path = release(
        tmp_path, row(1, "Fine"), row(2, "Bad date", date="2020-02-30"), row(1, "Again"), row(3, "Also fine")
    )
    report = pax_import(path)
    assert report.created == 2
    assert report.skipped == [
        "line 3, column Dat: '2020-02-30' is not a date (use 2020-10-23 or 23/10/2020)",
        "line 4, column AgtId: 1 appears again (first on line 2)",
    ]


def test_a_file_that_is_not_pax_writes_nothing(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("name,email\nAlice,alice@example.org\n")
    with pytest.raises(NotAPaxRelease):
        pax_import(path)
    assert not Agreement.objects.exists()


def test_references_link_to_the_agreements_they_name(tmp_path):
    pax_import(
        release(
            tmp_path,
            row(1, "Agreement on the Cessation of Hostilities in the North", date="2019-01-01"),
            row(
                2,
                "Implementation Protocol",
                date="2020-01-01",
                OthAgr="Page 1, Recalling the Agreement on the Cessation of Hostilities in the North signed in 2019",
            ),
            row(
                3,
                "Earlier text",
                date="2018-01-01",
                OthAgr="Names the Agreement on the Cessation of Hostilities in the North (impossible: it is later)",
            ),
        )
    )
    (link,) = AgreementLink.objects.all()
    assert (link.from_agreement.external_ids["pax"], link.to_agreement.external_ids["pax"], link.kind) == (
        "2",
        "1",
        "references",
    )


def test_it_works_in_bulk_not_per_row(tmp_path):
    rows = [row(n, f"Agreement number {n}", Part=f"Government of Place {n}; Front {n}") for n in range(1, 301)]
    with CaptureQueriesContext(connection) as queries:
        pax_import(write_release(tmp_path / "many.csv", rows))
    assert Agreement.objects.count() == 300
    assert len(queries.captured_queries) < 60


def test_the_command_reports_and_stays_quiet_off_a_terminal(tmp_path, capsys):
    out = StringIO()
    call_command("import_pax", str(release(tmp_path, row(1, "One"))), stdout=out)
    assert "Read 1 rows" in out.getvalue()
    assert "rows\r" not in capsys.readouterr().err  # no progress bar when not a terminal
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_pax", str(tmp_path / "missing.csv"))
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="is not a PA-X release"):
        call_command("import_pax", str(tmp_path / "x.csv"))


def test_the_real_v9_release(anon_client):
    path = Path(os.environ.get("PAX_CSV", ""))
    require(path.is_file(), "set PAX_CSV to a PA-X release (such as ../shared/data/pax_v9.csv) to run this test")
    report = pax_import(path)
    assert Agreement.objects.filter(external_ids__has_key="pax").count() == report.created == 2144
    assert report.skipped == []
    found = anon_client.get("/api/v1/agreements/", {"q": "Complete and Permanent Ceasefire in Libya"}).json()
    libya = next(r for r in found["results"] if r["external_ids"]["pax"] == "2320")
    assert (libya["title"], libya["date"]) == (LIBYA, "2020-10-23")
    parties = {(s["actor"]["name"], s["role"]) for s in libya["signatories"]}
    assert ("Libyan Army", "signatory") in parties
    assert ("United Nations Support Mission in Libya", "witness") in parties
    again = pax_import(path)
    assert not again.changed
    assert again.unchanged == 2144
