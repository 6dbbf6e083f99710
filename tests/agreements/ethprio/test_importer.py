"""import_ceasefires: ceasefires as live records — actors by UCDP id, deadlines, links — and history not news."""

from __future__ import annotations

import datetime as dt
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from agreements.choices import LinkKind
from agreements.ethprio.importer import ImportRefused, ceasefires_import
from agreements.ethprio.reader import NotAnEthPrioFile
from agreements.models import Actor, Agreement, AgreementLink, Commitment, Deadline, Event, Signatory
from agreements.pax.importer import pax_import
from agreements.payloads import deadline_event_data
from agreements.services.agreements import agreement_update
from agreements.services.sweep import sweep_run
from tests.agreements.ethprio.conftest import real_file, row, write_file
from tests.agreements.pax.conftest import row as pax_row
from tests.agreements.pax.conftest import write_release
from tests.conftest import require
from utilities.csvfile import CsvFileError
from webhooks.models import WebhookDelivery
from webhooks.services.endpoints import endpoint_create
from webhooks.services.fanout import fanout_pending

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
LIBYA_GOVERNMENT = {"uniq_id": 620078, "actor": "Government of Libya", "ucdp_actor_id": 111, "id": 1841}


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Agreement, Actor, Signatory, Commitment, Deadline, Event, AgreementLink))


def libya_file(tmp_path: Path, *extra: dict) -> Path:
    return write_file(tmp_path / "ethprio.csv", [row(), row(**LIBYA_GOVERNMENT), *extra])


def test_each_ceasefire_becomes_an_agreement_with_its_actors_commitment_and_deadline(tmp_path):
    report = ceasefires_import(libya_file(tmp_path), now=NOW)
    assert (report.created, report.rows, report.skipped) == (2, 2, [])
    agreement = Agreement.objects.get(external_ids__ethprio="620078")
    assert agreement.kind == "ceasefire_agreement"
    assert agreement.title == "Ceasefire: Government of Libya (Libya, 12 January 2020)"
    assert (agreement.date, agreement.date_precision, agreement.countries) == (dt.date(2020, 1, 12), "day", ["LY"])
    assert (agreement.in_force_from, agreement.in_force_from_precision, agreement.ended_on) == (
        dt.date(2020, 1, 12),
        "day",
        None,
    )
    assert [s.title for s in agreement.sources.all()] == ["ETH/PRIO Civil Conflict Ceasefire Dataset"]
    (party,) = agreement.signatories.select_related("actor")
    assert (party.role, party.actor.name, party.actor.kind, party.actor.country) == (
        "signatory",
        "Government of Libya",
        "government",
        "LY",
    )
    assert party.actor.external_ids == {"ucdp": "111"}
    (commitment,) = agreement.commitments.all()
    assert (commitment.wording, commitment.category) == ("Cease hostilities.", "ceasefire")
    assert list(commitment.bound_actors.all()) == [party.actor]
    (deadline,) = commitment.deadlines.all()
    assert (deadline.precision, deadline.time_zone, deadline.due_at) == (
        "day",
        "Africa/Tripoli",
        dt.datetime(2020, 1, 12, 22, tzinfo=dt.UTC),
    )
    rows = agreement.coded["rows"]
    assert rows[0]["columns"]["cf_pp"] == "Ceasefire declared before permanent ceasefire talks in Moscow"
    assert rows[0]["ucdp_actor_id"] == 111


def test_the_events_of_deadlines_passed_before_the_import_say_what_the_sweep_s_would(tmp_path):
    ceasefires_import(libya_file(tmp_path), now=NOW)
    events = Event.objects.filter(type="deadline.passed").select_related("deadline__commitment__agreement")
    assert events.count() == 2
    for event in events:
        # Built by the database; the same document as the Python snapshot, plus the import's note.
        assert event.data == deadline_event_data(
            event.deadline,
            recorded_at_import=True,
            note="Passed before the ETH/PRIO dataset was imported; recorded as passed at import, "
            "and no subscriber was sent it.",
        )
        assert (event.happened_at, event.occurred_at, event.fanned_out_at) == (event.deadline.due_at, NOW, NOW)
        assert event.dedupe_key == f"deadline.passed:{event.deadline_id}:{event.deadline.schedule_revision}"
        assert (event.commitment_id, event.agreement_id) == (
            event.deadline.commitment_id,
            event.deadline.commitment.agreement_id,
        )


def test_history_is_not_news(tmp_path, receiver):
    owner = User.objects.create_user("newsroom")
    endpoint, _ = endpoint_create(
        owner=owner,
        url=receiver.url(),
        event_types=["deadline.passed", "deadline.approaching", "dataset.imported"],
    )
    report = ceasefires_import(libya_file(tmp_path), now=NOW)
    assert report.passed_at_import == 2
    deadlines = Deadline.objects.all()
    assert {(d.state, d.passed_at) for d in deadlines} == {("passed", NOW)}
    assert all(c.overdue_since is not None for c in Commitment.objects.all())
    timeline = Event.objects.filter(type="deadline.passed")
    assert timeline.count() == 2
    assert all(e.data["recorded_at_import"] and e.fanned_out_at == NOW for e in timeline)
    assert sweep_run(now=NOW).flagged == 0  # nothing left for the sweep to announce
    fanout_pending()
    assert [d.event.type for d in WebhookDelivery.objects.filter(endpoint=endpoint)] == ["dataset.imported"]
    summary = Event.objects.get(type="dataset.imported")
    assert summary.data["report"]["created"] == 2


def test_a_second_run_changes_nothing_and_says_so(tmp_path):
    path = libya_file(tmp_path)
    ceasefires_import(path, now=NOW)
    before = counts()
    report = ceasefires_import(path, now=NOW)
    assert counts() == before
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert report.lines()[0] == "Nothing changed: this file is already imported."
    assert Event.objects.filter(type="dataset.imported").count() == 1


def test_an_editors_change_is_kept_and_reported(tmp_path):
    path = libya_file(tmp_path)
    ceasefires_import(path, now=NOW)
    agreement = Agreement.objects.get(external_ids__ethprio="620077")
    agreement_update(agreement=agreement, changes={"title": "Haftar's forces accept the Istanbul call"})
    edited = write_file(tmp_path / "newer.csv", [row(location="Libya", cf_dec_day=13), row(**LIBYA_GOVERNMENT)])
    report = ceasefires_import(edited, now=NOW)
    agreement.refresh_from_db()
    assert agreement.title == "Haftar's forces accept the Istanbul call"
    assert agreement.date == dt.date(2020, 1, 13)  # the dataset's own change is taken
    assert report.updated == 1
    assert any("620077" in line and "title" in line for line in report.kept_edits)


def test_actors_are_one_per_ucdp_id_and_other_spellings_are_aliases(tmp_path):
    path = write_file(
        tmp_path / "e.csv",
        [
            row(),
            row(uniq_id=620079, actor="HoR forces", id=1842),  # same UCDP id 5802, another spelling
            row(uniq_id=620080, actor="Government of Libya", ucdp_actor_id=111, id=1843),
        ],
    )
    ceasefires_import(path, now=NOW)
    haftar = Actor.objects.get(external_ids__ucdp="5802")
    assert (haftar.name, haftar.aliases, haftar.kind) == (
        "Forces of the House of Representatives",
        ["HoR forces"],
        "armed_group",
    )
    assert Actor.objects.filter(external_ids__has_key="ucdp").count() == 2
    assert Signatory.objects.filter(actor=haftar).count() == 2


def test_an_existing_actor_is_reused_only_on_its_id_or_an_exact_name(tmp_path, seeded):
    seeded_government = Actor.objects.create(name="Government of Libya", slug="gol", kind="government")
    ceasefires_import(libya_file(tmp_path), now=NOW)
    seeded_government.refresh_from_db()
    assert seeded_government.external_ids == {"ucdp": "111"}  # found by its exact name, and given the id
    assert (
        not Actor.objects.filter(name="Forces of the House of Representatives")
        .exclude(external_ids={})
        .filter(slug__in=list(Actor.objects.filter(external_ids={}).values_list("slug", flat=True)))
    )


def test_a_government_is_of_the_country_its_name_names(tmp_path):
    iran = row(uniq_id=652001, actor="Government of Iran", ucdp_actor_id=114, cc=652, cf_id=1, location="Syria", id=9)
    ceasefires_import(write_file(tmp_path / "e.csv", [iran]), now=NOW)
    assert Actor.objects.values_list("name", "kind", "country").get(external_ids__ucdp="114") == (
        "Government of Iran",
        "government",
        "IR",
    )


DRC = {"cc": 490, "cf_id": 1, "location": "DR Congo (Zaire)", "ucdp_actor_id": 89, "id": 7}
DRC_PAX = {"Con": "Democratic Republic of Congo", "Loc1ISO": "COD", "PPName": "DRC: Inter-Congolese process"}


def test_a_countrys_government_is_one_actor_whichever_dataset_names_it_first(tmp_path):
    ethprio = write_file(tmp_path / "e.csv", [row(uniq_id=490001, actor="Government of DR Congo (Zaire)", **DRC)])
    pax = write_release(tmp_path / "p.csv", [pax_row(1, "Accord", Part="The Government; RCD-Goma", **DRC_PAX)])
    pax_import(pax)
    made = Actor.objects.get(name="Government of the Democratic Republic of the Congo")
    ceasefires_import(ethprio, now=NOW)
    made.refresh_from_db()
    assert (made.external_ids, made.kind, made.country) == ({"ucdp": "89"}, "government", "CD")
    assert Actor.objects.filter(kind="government", country="CD").count() == 1

    Agreement.objects.all().delete()
    Actor.objects.all().delete()
    ceasefires_import(ethprio, now=NOW)
    pax_import(pax)
    (government,) = Actor.objects.filter(kind="government", country="CD")
    assert (government.name, government.external_ids) == ("Government of DR Congo (Zaire)", {"ucdp": "89"})
    assert Signatory.objects.filter(actor=government, agreement__external_ids__pax="1").exists()


def test_mediators_named_in_the_row_become_mediator_parties(tmp_path):
    ceasefires_import(libya_file(tmp_path, row(uniq_id=620081, id=1850, mediator_send="Russia, Turkey")), now=NOW)
    agreement = Agreement.objects.get(external_ids__ethprio="620081")
    mediators = sorted(agreement.signatories.filter(role="mediator").values_list("actor__name", "actor__kind"))
    assert mediators == [("Russia", "state"), ("Turkey", "state")]


def test_a_fixed_duration_gets_an_expiry_counted_from_the_effect(tmp_path):
    ceasefires_import(libya_file(tmp_path, row(uniq_id=620082, id=1851, fixed=1, fixed_time=30)), now=NOW)
    commitment = Commitment.objects.get(agreement__external_ids__ethprio="620082")
    effect, expiry = commitment.deadlines.order_by("id")
    assert (expiry.anchor_id, expiry.offset, expiry.due_at) == (
        effect.pk,
        "P30D",
        dt.datetime(2020, 2, 11, 22, tzinfo=dt.UTC),
    )
    assert expiry.state == "passed"


def test_dates_keep_the_precision_their_known_parts_give(tmp_path):
    path = write_file(
        tmp_path / "e.csv",
        [
            row(cf_dec_day=-1, cf_effect_day=-1),
            row(
                **{
                    **LIBYA_GOVERNMENT,
                    "cf_effect_month": -1,
                    "cf_effect_day": -1,
                    "end_yr": 2021,
                    "end_month": 2,
                    "end_day": -1,
                }
            ),
            row(uniq_id=620083, id=1852, cf_effect_yr=-1, cf_effect_month=-1, cf_effect_day=-1),
        ],
    )
    ceasefires_import(path, now=NOW)
    month = Agreement.objects.get(external_ids__ethprio="620077")
    assert (month.date, month.date_precision, month.in_force_from_precision) == (dt.date(2020, 1, 1), "month", "month")
    assert month.commitments.get().deadlines.get().due_at == dt.datetime(2020, 1, 31, 22, tzinfo=dt.UTC)
    year = Agreement.objects.get(external_ids__ethprio="620078")
    assert (year.in_force_from, year.in_force_from_precision) == (dt.date(2020, 1, 1), "year")
    assert (year.ended_on, year.ended_on_precision) == (dt.date(2021, 2, 1), "month")
    unknown = Agreement.objects.get(external_ids__ethprio="620083").commitments.get().deadlines.get()
    assert (unknown.precision, unknown.due_at, unknown.state) == ("unspecified", None, "upcoming")


def test_links_between_ceasefires_and_what_cannot_be_linked(tmp_path):
    path = write_file(
        tmp_path / "e.csv",
        [row(), row(**LIBYA_GOVERNMENT, link_id1=77, link_id2=78, link_id3=99)],
    )
    report = ceasefires_import(path, now=NOW)
    (link,) = AgreementLink.objects.all()
    assert (link.from_agreement.external_ids, link.to_agreement.external_ids, link.kind) == (
        {"ethprio": "620078"},
        {"ethprio": "620077"},
        "references",
    )
    assert any("links to itself" in line for line in report.ceasefire_links_unresolved)
    assert any("620099" in line for line in report.ceasefire_links_unresolved)


def test_the_pax_text_is_linked_in_either_order(tmp_path):
    ethprio = libya_file(tmp_path, row(uniq_id=620084, id=1853, pax_id=2320))
    pax = write_release(
        tmp_path / "pax.csv", [pax_row(2320, "Agreement for a Complete and Permanent Ceasefire in Libya")]
    )
    ceasefires_import(ethprio, now=NOW)
    assert not AgreementLink.objects.filter(kind=LinkKind.TEXT).exists()
    report = pax_import(pax)
    assert report.texts.added == 1
    (link,) = AgreementLink.objects.filter(kind=LinkKind.TEXT)
    assert (link.from_agreement.external_ids["ethprio"], link.to_agreement.external_ids["pax"]) == ("620084", "2320")


def test_the_pax_text_imported_first_is_linked_by_the_ceasefire_import(tmp_path):
    pax_import(
        write_release(
            tmp_path / "pax.csv", [pax_row(2320, "Agreement for a Complete and Permanent Ceasefire in Libya")]
        )
    )
    report = ceasefires_import(libya_file(tmp_path, row(uniq_id=620084, id=1853, pax_id=2320)), now=NOW)
    assert (report.texts.added, report.texts.linked) == (1, 1)


# --- refused whole, changing nothing ---------------------------------------------------------


def test_a_file_that_is_not_this_dataset_changes_nothing(tmp_path):
    before = counts()
    pax = write_release(tmp_path / "pax.csv", [pax_row(1, "An agreement")])
    with pytest.raises(NotAnEthPrioFile, match="no column"):
        ceasefires_import(pax, now=NOW)
    gz = tmp_path / "e.csv.gz"
    gz.write_bytes(gzip.compress(libya_file(tmp_path).read_bytes()))
    with pytest.raises(CsvFileError, match="gzip"):
        ceasefires_import(gz, now=NOW)
    assert counts() == before


def test_an_unreadable_row_refuses_the_file_unless_told_to_skip_it(tmp_path):
    bad = libya_file(tmp_path, row(uniq_id=620085, id=1854, pax_id="two"))
    before = counts()
    with pytest.raises(ImportRefused, match="line 4, column pax_id") as refused:
        ceasefires_import(bad, now=NOW)
    assert len(refused.value.errors) == 1
    assert counts() == before
    report = ceasefires_import(bad, now=NOW, skip_bad_rows=True)
    assert report.created == 2
    assert report.skipped == ["line 4, column pax_id: 'two' is not a whole number"]


def test_a_truncated_file_is_refused_naming_its_line(tmp_path):
    path = libya_file(tmp_path)
    text = path.read_bytes()
    path.write_bytes(text[: len(text) - 40] + b'"unclosed')
    before = counts()
    with pytest.raises(CsvFileError, match="line 3"):
        ceasefires_import(path, now=NOW)
    assert counts() == before


def test_the_command_reports_and_refuses_by_exit_status(tmp_path):
    out = StringIO()
    call_command("import_ceasefires", str(libya_file(tmp_path)), stdout=out)
    assert "2 ceasefires created" in out.getvalue()
    with pytest.raises(CommandError, match="not the ETH/PRIO"):
        call_command("import_ceasefires", str(write_release(tmp_path / "pax.csv", [pax_row(1, "An agreement")])))
    with pytest.raises(CommandError, match="No file"):
        call_command("import_ceasefires", str(tmp_path / "nowhere.csv"))


def test_the_command_lists_at_most_25_of_each_unless_verbose(tmp_path):
    rows = [row(620000 + n, actor=f"Armed Group {n}", ucdp_actor_id=9000 + n, id=n + 1) for n in range(30)]
    out = StringIO()
    call_command("import_ceasefires", str(write_file(tmp_path / "e.csv", rows)), stdout=out)
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("New actor: ") for line in lines) == 25
    assert "… and 5 more new actors (-v 2 lists them all)." in lines
    Agreement.objects.all().delete()
    Actor.objects.all().delete()
    out = StringIO()
    call_command("import_ceasefires", str(tmp_path / "e.csv"), verbosity=2, stdout=out)
    assert sum(line.startswith("New actor: ") for line in out.getvalue().splitlines()) == 30


# --- the real release ---------------------------------------------------------------------------


@pytest.fixture
def real() -> Path:
    path = real_file()
    require(path.is_file(), f"set ETHPRIO_CSV to the ETH/PRIO ceasefire dataset (no file at {path})")
    return path


def table_counts() -> dict[str, int]:
    return {m._meta.db_table: m.objects.count() for m in apps.get_models(include_auto_created=True)}


def refuse_damaged_copies(real: Path, folder: Path) -> None:
    """A copy cut off mid-row and one re-encoded as Latin-1: refused by the command, naming the line."""
    data = real.read_bytes()
    middle = len(data) // 2
    cut = folder / "cut.csv"
    cut.write_bytes(data[: (data.rindex(b"\n", 0, middle) + data.index(b"\n", middle)) // 2])
    # The release's only characters beyond ASCII are U+FFFD, where its source lost one ("Ex-S\ufffdl\ufffdka"),
    # which Latin-1 cannot hold: the copy has them mended ("Séléka"), as a spreadsheet user would, then saved.
    text = data.decode("utf-8-sig").replace("\ufffd", "é")
    latin = folder / "latin1.csv"
    latin.write_bytes(text.encode("latin-1"))
    first = next(i for i, char in enumerate(text) if ord(char) > 127)
    for path, line in ((cut, r"\d+"), (latin, str(text[:first].count("\n") + 1))):
        with pytest.raises(CommandError, match=f"{path.name} cannot be read, line {line}: .*Nothing was imported"):
            call_command("import_ceasefires", str(path), stdout=StringIO())


def test_damaged_copies_of_the_real_release_change_nothing_in_an_empty_database(real, tmp_path):
    before = table_counts()
    refuse_damaged_copies(real, tmp_path)
    assert table_counts() == before


def test_the_real_release(real, seeded, tmp_path):
    report = ceasefires_import(real)
    assert (report.created, report.skipped, len(report.warnings)) == (2203, [], 5)
    assert Agreement.objects.filter(external_ids__has_key="ethprio").count() == 2203
    # One actor per UCDP id: 468 ids (the file's 469 distinct values include -1, "not in UCDP").
    assert Actor.objects.filter(external_ids__has_key="ucdp").count() == 468
    libya = Agreement.objects.filter(countries__has_item="LY", in_force_from=dt.date(2020, 1, 12))
    assert sorted(a.external_ids["ethprio"] for a in libya) == ["620077", "620078"]
    for agreement in libya:
        deadline = agreement.commitments.get().deadlines.get(anchor__isnull=True)
        assert (deadline.precision, deadline.time_zone) == ("day", "Africa/Tripoli")
    assert report.texts.missing == set(report.texts.missing)  # before PA-X: every AgtId is still missing
    assert ceasefires_import(real).changed is False
    before = table_counts()
    refuse_damaged_copies(real, tmp_path)  # over a full database
    assert table_counts() == before
