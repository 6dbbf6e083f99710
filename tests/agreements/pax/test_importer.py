"""import_pax: keyed by AgtId, idempotent, respectful of editors, all or nothing, exact on upgrade."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Actor, Agreement, AgreementLink, Commitment, Signatory, Source
from agreements.pax import importer, reader
from agreements.pax.importer import ImportRefused, OlderRelease, pax_import
from agreements.pax.reader import CsvFileError, NotAPaxRelease
from agreements.services.agreements import SignatoryInput, agreement_update
from tests.agreements.pax.conftest import row, write_release
from tests.factories import ActorFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

LIBYA = "Agreement for a Complete and Permanent Ceasefire in Libya"
MODELS = (Agreement, Actor, Signatory, Source, AgreementLink, Commitment)


def counts() -> list[int]:
    return [m.objects.count() for m in MODELS]


def release(tmp_path: Path, *rows: dict, name: str = "pax.csv") -> Path:
    return write_release(tmp_path / name, list(rows))


def parties(pax_id: str) -> set[tuple[str, str]]:
    agreement = Agreement.objects.get(external_ids__pax=pax_id)
    return {(s.actor.name, s.role) for s in agreement.signatories.select_related("actor")}


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
    before = counts()
    report = pax_import(path)
    assert not report.changed
    assert report.lines()[0] == "Nothing changed: this release is already imported."
    assert report.unchanged == 1
    assert counts() == before


# --- parties: known actors first, one government per country, who signed ------------------------


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


def test_an_acronym_finds_a_known_actor_only_in_its_own_country(tmp_path, seeded):
    pax_import(
        release(
            tmp_path,
            row(6, "In Libya", Part="GNA; Libyan National Army"),
            row(7, "In Ghana", Part="GNA; Ghana Police Service", Con="Ghana", Loc1ISO="GHA", PPName="Ghana process"),
        )
    )
    assert ("Government of National Accord", "signatory") in parties("6")
    assert ("Government of National Accord", "signatory") not in parties("7")


def test_ucdp_actors_are_known_by_their_aliases(tmp_path):
    taliban = ActorFactory(name="Taleban", aliases=["Taliban"], external_ids={"ucdp": "303"})
    Actor.objects.filter(pk=taliban.pk).update(imported={"source": "ethprio", "kind": "armed_group"})
    pax_import(release(tmp_path, row(8, "Doha talks", Part="For the Taliban: Mullah Baradar", Loc1ISO="AFG")))
    (part,) = Agreement.objects.get(external_ids__pax="8").signatories.select_related("signed_by")
    assert part.actor == taliban
    assert part.signed_by.name == "Mullah Baradar"
    assert not Actor.objects.filter(name="Taliban").exists()


def test_the_government_is_one_actor_per_country_however_it_is_written(tmp_path):
    ucdp = ActorFactory(name="Government of Colombia", kind="government", country="CO", external_ids={"ucdp": "17"})
    colombia = {"Con": "Colombia", "Loc1ISO": "COL", "PPName": "Colombia peace process"}
    pax_import(
        release(
            tmp_path,
            row(10, "Acuerdo", Part="Por el Gobierno Nacional: Humberto de la Calle; Por las FARC-EP: Iván Márquez",
                **colombia),
            row(11, "Joint statement", Part="For the Government: Sergio Jaramillo\nFor the ELN: Pablo Beltrán",
                **colombia),
            row(12, "Declaration", Part="Government of the Republic of Colombia; Ejército de Liberación Nacional",
                **colombia),
            row(13, "Philippine talks", Part="GRP; Moro Islamic Liberation Front (MILF)", Con="Philippines",
                Loc1ISO="PHL", PPName="Philippines - Mindanao process"),
        )
    )  # fmt: skip
    for pax_id in ("10", "11", "12"):
        assert ("Government of Colombia", "signatory") in parties(pax_id)
    assert Actor.objects.filter(kind="government", country="CO").get() == ucdp
    assert ("Government of the Philippines", "signatory") in parties("13")
    ucdp.refresh_from_db()
    assert "Gobierno Nacional" not in ucdp.aliases  # a wording that names every country's government
    assert "Government of the Republic of Colombia" in ucdp.aliases


def test_who_signed_is_a_person_who_represents_the_actor_and_known_people_are_reused(tmp_path, seeded, anon_client):
    pax_import(
        release(
            tmp_path,
            row(
                2138,
                "Political Statement on the Matter of Libya",
                Part="Fayez Al Sarraj - Government of National Unity\nKhalifa Haftar - Libyan National Army",
            ),
            row(2012, "Joint Declaration (Paris)", Part="Khalifa Haftar of the Libyan National Army"),
            row(2139, "Darfur talks", Part="For the Sudan Liberation Movement: Minni Minawi", Loc1ISO="SDN"),
        )
    )
    lna = Signatory.objects.select_related("actor", "signed_by").get(
        agreement__external_ids__pax="2138", actor__slug="libyan-national-army"
    )
    assert (lna.signed_by.slug, lna.origin) == ("khalifa-haftar", "pax")
    signed = {
        s.actor.name: s.signed_by
        for s in Signatory.objects.select_related("actor", "signed_by").filter(agreement__external_ids__pax="2138")
    }
    assert signed["Government of National Unity"].slug == "fayez-al-sarraj"  # al-Sarraj, as the seeds spell him
    minawi = Signatory.objects.select_related("signed_by").get(agreement__external_ids__pax="2139").signed_by
    assert (minawi.name, minawi.kind, minawi.represents.name) == ("Minni Minawi", "person", "Sudan Liberation Movement")
    assert parties("2012") == {("Libyan National Army", "signatory")}
    found = anon_client.get("/api/v1/actors/", {"q": "Haftar"}).json()
    assert [a["name"] for a in found["results"]] == ["Khalifa Haftar"]
    detail = anon_client.get(f"/api/v1/agreements/{lna.agreement_id}/").json()
    signatory = next(s for s in detail["signatories"] if s["actor"]["name"] == "Libyan National Army")
    assert (signatory["signed_by"]["name"], signatory["origin"]) == ("Khalifa Haftar", "pax")


def test_roles_come_from_the_parser_headings_observers_included(tmp_path):
    pax_import(
        release(
            tmp_path,
            row(
                14,
                "Ceasefire",
                Part="Government of Sudan; Sudan Liberation Movement",
                ThrdPart="Observers:\nEuropean Union\nWitnesses:\nAfrican Union",
            ),
        )
    )
    assert {("European Union", "observer"), ("African Union", "witness")} <= parties("14")


def test_a_cell_read_before_reads_the_same_until_the_parser_changes_or_a_reparse_is_asked(tmp_path, monkeypatch):
    path = release(tmp_path, row(16, "Accord", Part="Front for the Liberation of Somewhere"))
    pax_import(path)
    ucdp = ActorFactory(name="FLS", aliases=["Front for the Liberation of Somewhere"], external_ids={"ucdp": "9"})
    Actor.objects.filter(pk=ucdp.pk).update(imported={"source": "ethprio", "kind": "armed_group"})
    namesake = ActorFactory(name="Front for the Liberation of Somewhere", country="LY")  # an editor's
    assert not pax_import(path).changed  # what the database learnt since changes neither reading nor actor
    namesake.delete()
    call_command("import_pax", str(path), stdout=StringIO())
    assert parties("16") == {("Front for the Liberation of Somewhere", "signatory")}  # taken as read then
    out = StringIO()
    call_command("import_pax", str(path), "--reparse", stdout=out)  # the command's option, as the README says
    assert parties("16") == {("FLS", "signatory")}
    assert "Parties: 1 created, 1 removed" in out.getvalue()
    monkeypatch.setattr(reader, "parser_version", lambda: "another parser")
    again = pax_import(path)
    assert not again.changed  # read again by the new parser: the same parties
    assert Agreement.objects.get(external_ids__pax="16").imported["parties_read"]["key"] == reader.parties_key(
        {"Part": "Front for the Liberation of Somewhere", "Loc1ISO": "LBY", "Con": "Libya"}
    )


def test_the_report_lists_the_actors_it_creates(tmp_path):
    report = pax_import(release(tmp_path, row(15, "Accord", Part="Front for the Liberation of Somewhere")))
    assert report.actors_created == ["Front for the Liberation of Somewhere [armed_group, LY]"]
    assert any(line.startswith("Actor created: Front for the Liberation") for line in report.lines())


# --- updates: exact, respectful of editors ---------------------------------------------------------


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


def test_an_upgrade_is_exact_and_its_report_names_every_change(tmp_path, editor):
    parts = "Government of Sudan; Sudan Liberation Movement; Justice and Equality Movement"
    first = release(
        tmp_path,
        row(20, "Darfur ceasefire", Part=parts, description="A ceasefire."),
        row(21, "Other", Part="Government of Chad"),
    )
    pax_import(first)
    agreement = Agreement.objects.get(external_ids__pax="20")
    mine = ActorFactory(name="An editor's witness")
    kept = [
        SignatoryInput(s.actor, s.role, s.signed_by, s.signed_as, s.note)
        for s in agreement.signatories.select_related("actor", "signed_by")
    ]
    agreement_update(agreement=agreement, changes={}, signatories=[*kept, SignatoryInput(mine, "witness")], user=editor)

    later = release(
        tmp_path,
        row(
            20,
            "Darfur ceasefire agreement",
            Ver="2",
            Part="Government of Sudan; Sudan Liberation Movement",
            description="A ceasefire.",
        ),
        row(21, "Other", Part="Government of Chad"),
        name="later.csv",
    )
    report = pax_import(later)
    assert parties("20") == {
        ("Government of Sudan", "signatory"),
        ("Sudan Liberation Movement", "signatory"),
        ("An editor's witness", "witness"),  # an editor's party: never removed by an import
    }
    assert [c.line() for c in report.changes] == [
        "Agreement updated: AgtId 20 (title: 'Darfur ceasefire' → 'Darfur ceasefire agreement'; "
        'external_ids: \'{"pax": "20", "pax_version": "1", "ucdp_conflict": "11346"}\' → '
        '\'{"pax": "20", "pax_version": "2", "ucdp_conflict": "11346"}\')',
        "Party removed: AgtId 20: Justice and Equality Movement (signatory)",
    ]
    written = json.loads(report.report_file.read_text())
    assert written["summary"]["agreements_updated"] == written["summary"]["parties_removed"] == 1
    assert written["changes"][0]["fields"]["title"] == ["Darfur ceasefire", "Darfur ceasefire agreement"]
    assert report.report_file.parent == Path(str(tmp_path)) / "import-reports"

    # The earlier release over the later one: refused, unless forced.
    before = counts()
    with pytest.raises(OlderRelease, match=r"AgtId 20 \(line 2\) is version 1; version 2 is imported"):
        pax_import(first)
    assert counts() == before
    forced = pax_import(first, force=True)
    assert forced.forced
    assert ("Justice and Equality Movement", "signatory") in parties("20")
    assert Agreement.objects.get(external_ids__pax="20").title == "Darfur ceasefire"


def test_a_release_older_as_a_whole_is_refused(tmp_path):
    pax_import(release(tmp_path, row(30, "Early", date="2019-01-01"), row(31, "Late", date="2024-12-14")))
    older = release(tmp_path, row(30, "Early", date="2019-01-01"), name="older.csv")
    with pytest.raises(OlderRelease, match="newest agreement is of 2019-01-01, but 1 imported PA-X agreements"):
        pax_import(older)
    with pytest.raises(CommandError, match="use --force"):
        call_command("import_pax", str(older), stdout=StringIO())
    out = StringIO()
    call_command("import_pax", str(older), "--force", stdout=out)
    assert "Not in this release, left as they are: 1 AgtIds (31)." in out.getvalue()
    assert Agreement.objects.filter(external_ids__pax="31").exists()


def test_a_party_an_editor_removed_is_not_added_back(tmp_path, editor):
    path = release(tmp_path, row(40, "Accord", Part="Government of Sudan; Sudan Liberation Movement"))
    pax_import(path)
    agreement = Agreement.objects.get(external_ids__pax="40")
    government = Actor.objects.get(name="Government of Sudan")
    agreement_update(agreement=agreement, changes={}, signatories=[SignatoryInput(government, "signatory")])
    report = pax_import(path)
    assert parties("40") == {("Government of Sudan", "signatory")}
    assert any("removed by an editor" in line for line in report.kept_edits)


# --- all or nothing ---------------------------------------------------------------------------------


def test_an_unreadable_row_refuses_the_file_unless_told_to_skip_it(tmp_path):
    path = release(
        tmp_path, row(1, "Fine"), row(2, "Bad date", date="2020-02-30"), row(1, "Again"), row(3, "Also fine")
    )
    with pytest.raises(ImportRefused, match=r"2 row\(s\) cannot be read: line 3, column Dat") as refused:
        pax_import(path)
    assert [str(e) for e in refused.value.errors] == [
        "line 3, column Dat: '2020-02-30' is not a date (use 2020-10-23 or 23/10/2020)",
        "line 4, column AgtId: 1 appears again (first on line 2)",
    ]
    assert counts() == [0] * len(MODELS)
    with pytest.raises(CommandError, match="--skip-bad-rows"):
        call_command("import_pax", str(path), stdout=StringIO())
    report = pax_import(path, skip_bad_rows=True)
    assert report.created == 2
    assert len(report.skipped) == 2


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: data.index(b'"A\nB') + 3], "line 3: a quoted cell opens here and is never closed"),
        (lambda data: data[: data.index(b",Second") + 7] + b"\n", "line 3: the row has 7 fields but the header"),
        (lambda data: data.decode().replace("Ceasefire", "Cessez-le-feu é").encode("latin-1"), "line 2: byte 0xe9"),
    ],
    ids=["cut-in-a-quoted-cell", "cut-between-cells", "latin-1"],
)
def test_a_damaged_file_is_refused_naming_its_line_and_changes_nothing(tmp_path, damage, message):
    good = release(tmp_path, row(1, "First", Part="Government of Sudan"), row(2, "Second", description="A\nB"))
    pax_import(good)
    before = counts()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(damage(good.read_bytes()))
    with pytest.raises(CsvFileError, match=message):
        pax_import(bad)
    with pytest.raises(CommandError, match=f"bad.csv cannot be read, {message}.*Nothing was imported"):
        call_command("import_pax", str(bad), stdout=StringIO())
    assert counts() == before


@pytest.mark.parametrize(
    ("pack", "named"),
    [
        (lambda data: gzip.compress(data), "a gzip file"),
        (lambda data: _zip({"pax.csv": data}), "a zip file"),
        (lambda data: _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "an Excel workbook"),
    ],
    ids=["gzip", "zip", "xlsx"],
)
def test_packed_files_are_recognised_and_refused_by_name(tmp_path, pack, named):
    path = tmp_path / "pax.csv"
    path.write_bytes(pack(release(tmp_path, row(1, "One"), name="plain.csv").read_bytes()))
    with pytest.raises(NotAPaxRelease, match=f"is not a PA-X release: this is {named}"):
        pax_import(path)
    assert counts() == [0] * len(MODELS)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_failure_while_writing_leaves_nothing_half_done(tmp_path, monkeypatch):
    pax_import(release(tmp_path, row(1, "One", Part="Government of Sudan")))
    before = counts()

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer._Writer, "links", fail)
    with pytest.raises(RuntimeError):
        pax_import(release(tmp_path, row(1, "One", Part="Chad"), row(2, "Two", Part="Niger"), name="b.csv"))
    assert counts() == before


def test_a_file_that_is_not_pax_writes_nothing(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("name,email\nAlice,alice@example.org\n")
    with pytest.raises(NotAPaxRelease):
        pax_import(path)
    assert not Agreement.objects.exists()


# --- references ---------------------------------------------------------------------------------


def test_references_link_to_the_agreements_they_name(tmp_path):
    report = pax_import(
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
    assert link.origin == "pax"
    assert report.unresolved_references == [
        "AgtId 3 (line 4): Names the Agreement on the Cessation of Hostilities in the North (impossible: it is later)"
    ]


def test_a_link_pax_no_longer_gives_is_removed_and_an_editors_stays(tmp_path):
    first = release(
        tmp_path,
        row(1, "Agreement on the Cessation of Hostilities", date="2019-01-01"),
        row(2, "Protocol", date="2020-01-01", OthAgr="the Agreement on the Cessation of Hostilities"),
    )
    pax_import(first)
    one, two = (Agreement.objects.get(external_ids__pax=i) for i in ("1", "2"))
    AgreementLink.objects.create(from_agreement=two, to_agreement=one, kind="builds_on", note="An editor's.")
    report = pax_import(
        release(tmp_path, row(1, "Agreement on the Cessation of Hostilities", date="2019-01-01"),
                row(2, "Protocol", date="2020-01-01", Ver="2"), name="later.csv")
    )  # fmt: skip
    assert list(AgreementLink.objects.values_list("kind", flat=True)) == ["builds_on"]
    assert report.count("link", "removed") == 1


# --- speed and the command ----------------------------------------------------------------------


def test_it_works_in_bulk_not_per_row(tmp_path):
    rows = [row(n, f"Agreement number {n}", Part=f"Government of Place {n}; Front {n}") for n in range(1, 301)]
    with CaptureQueriesContext(connection) as queries:
        pax_import(write_release(tmp_path / "many.csv", rows))
    assert Agreement.objects.count() == 300
    assert len(queries.captured_queries) < 60
    rows[0]["Agt"] = "Renamed"
    with CaptureQueriesContext(connection) as queries:
        pax_import(write_release(tmp_path / "many.csv", rows))
    assert len(queries.captured_queries) < 40


def test_the_command_reports_and_stays_quiet_off_a_terminal(tmp_path, capsys):
    out = StringIO()
    call_command("import_pax", str(release(tmp_path, row(1, "One"))), stdout=out)
    assert "Read 1 rows" in out.getvalue()
    assert "Report file: " in out.getvalue()
    assert "rows\r" not in capsys.readouterr().err  # no progress bar when not a terminal
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_pax", str(tmp_path / "missing.csv"))
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="is not a PA-X release"):
        call_command("import_pax", str(tmp_path / "x.csv"))
