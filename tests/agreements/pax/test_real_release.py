"""The real PA-X release (PAX_CSV, e.g. ../shared/data/pax_v9.csv): parties, links, damaged copies, upgrades.

One full import (slow) carries most assertions; the others use copies of a few real rows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from agreements.models import Actor, Agreement, AgreementLink, Signatory
from agreements.pax.actors import names_government
from agreements.pax.gazetteer import government_name
from agreements.pax.importer import OlderRelease, pax_import
from tests.agreements.pax.conftest import real_release, real_rows, row, write_release

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def table_counts() -> dict[str, int]:
    """The number of rows of every table (history and join tables included)."""
    return {m._meta.db_table: m.objects.count() for m in apps.get_models(include_auto_created=True)}


def damaged_copies(folder: Path) -> list[tuple[Path, str]]:
    """A copy cut off in the middle of a row, and one re-encoded as Latin-1: each with the line it must name."""
    data = real_release().read_bytes()
    cut = folder / "cut.csv"
    # Two thirds in, halfway through the physical line there.
    middle = len(data) * 2 // 3
    end = data.index(b"\n", middle)
    cut.write_bytes(data[: (data.rindex(b"\n", 0, middle) + end) // 2])
    latin = folder / "latin1.csv"
    text = data.decode("utf-8")
    latin.write_bytes(text.encode("latin-1", errors="replace"))
    first_accent = next(i for i, char in enumerate(text) if ord(char) > 127)
    return [(cut, r"line \d+: "), (latin, f"line {text[:first_accent].count(chr(10)) + 1}: byte 0x")]


def refuse_all(folder: Path) -> None:
    for path, message in damaged_copies(folder):
        with pytest.raises(CommandError, match=f"{path.name} cannot be read, {message}.*Nothing was imported"):
            call_command("import_pax", str(path), stdout=StringIO())


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_damaged_copies_are_refused_over_an_empty_database_and_change_nothing(tmp_path):
    before = table_counts()
    refuse_all(tmp_path)
    assert table_counts() == before


@pytest.mark.slow
def test_the_real_release(tmp_path, seeded, anon_client):
    path = real_release()
    report = pax_import(path)
    assert Agreement.objects.filter(external_ids__has_key="pax").count() == report.created == 2144
    assert report.skipped == []

    # Parties: known actors first, one government per country, who signed, roles.
    libya = {(s.actor.name, s.role) for s in Signatory.objects.filter(agreement__external_ids__pax="2320")}
    assert ("United Nations Support Mission in Libya", "witness") in libya
    afghanistan = Signatory.objects.filter(agreement__external_ids__pax="2660").select_related("actor")
    assert ("Taliban", "signatory") in {(s.actor.name, s.role) for s in afghanistan}
    assert {s.role for s in afghanistan if s.actor.name == "Qatar"} == {"third_party"}
    haftars = anon_client.get("/api/v1/actors/", {"q": "Haftar"}).json()["results"]
    assert "Khalifa Haftar" in [a["name"] for a in haftars]
    assert Actor.objects.filter(kind="person", search_text__contains="haftar").count() == 1
    for country in ("CO", "PH", "SD", "AF", "LY"):
        governments = Actor.objects.filter(kind="government", country=country)
        assert [a.name for a in governments if names_government(a.name, country) == country] == [
            government_name(country)
        ]
    assert not Actor.objects.filter(name__in=["The Government", "Gobierno Nacional", "GRP", "Government"]).exists()
    # No actor is named like a heading, a fragment, a signature note or scanning debris (an audit
    # of every actor name of the release found these shapes).
    junk = re.compile(
        r"\s(?:of|the|and|de|du|des|la|le|et|by|with|for)$|^(?:of|and|the|by|with)\s|^[dl]['’]\w+\s|;|:|"
        r"^\d+\.|^[!+'\"]|(?i:\bsignatures?\b|\bsigned\b)|^(?:Mr|Mrs|Dr|Hon|H\.\s?E)\.[A-Z]"
    )
    assert [name for name in Actor.objects.values_list("name", flat=True) if junk.search(name)] == []
    assert not Actor.objects.filter(
        name__in=["Endorsed by", "Initialed by", "Third Parties", "CONTRACTING PARTIES", "TOGETHER WITH", "d'Etat"]
    ).exists()
    assert Signatory.objects.filter(origin="pax", signed_by__kind="person").count() > 4000
    assert set(Signatory.objects.values_list("role", flat=True)) >= {"signatory", "witness", "observer", "mediator"}

    # The report names every actor it made, and is written whole to its file.
    made = Actor.objects.exclude(slug__in=["turkey", "russia"]).filter(imported__source="pax").count()
    assert len(report.actors_created) == made
    written = json.loads(report.report_file.read_text())
    assert written["summary"]["agreements_created"] == 2144
    assert written["summary"]["actors_created"] == made

    # Links by title and by date; what names nothing is listed.
    links = AgreementLink.objects.filter(origin="pax")
    assert links.count() >= 700
    assert report.links_by["date"] >= 450
    assert 600 <= len(report.unresolved_references) <= 660

    # Damaged copies over a full database: refused, nothing changed.
    before = table_counts()
    refuse_all(tmp_path)
    assert table_counts() == before

    # A second run changes nothing.
    again = pax_import(path)
    assert not again.changed
    assert again.unchanged == 2144
    assert table_counts() == before


def test_in_agtid_2660_the_taliban_sign_and_qatar_is_a_third_party(tmp_path):
    header, rows = real_rows(2660)
    pax_import(write_rows(tmp_path / "2660.csv", header, rows))
    parts = {
        (s.actor.name, s.actor.kind, s.role)
        for s in Signatory.objects.filter(agreement__external_ids__pax="2660").select_related("actor")
    }
    assert ("Taliban", "armed_group", "signatory") in parts
    assert ("Qatar", "state", "third_party") in parts
    assert not any(name == "Qatar" and role == "signatory" for name, _, role in parts)
    signed = Signatory.objects.select_related("signed_by").get(
        agreement__external_ids__pax="2660", actor__name="Government of Afghanistan"
    )
    assert (signed.signed_by.name, signed.signed_by.kind) == ("Ashraf Ghani", "person")
    assert signed.signed_as.startswith("President of Afghanistan")


def test_an_upgrade_of_a_real_copy_is_exact_and_the_older_copy_is_refused_unless_forced(tmp_path):
    header, rows = real_rows(*range(2300, 2330))
    original = write_rows(tmp_path / "v9.csv", header, rows)
    pax_import(original)
    target = next(r for r in rows if r["AgtId"] == "2320")
    before = {(s.actor.name, s.role) for s in Signatory.objects.filter(agreement__external_ids__pax="2320")}
    assert ("United Nations Support Mission in Libya", "witness") in before

    later_rows = [dict(r) for r in rows]
    changed = next(r for r in later_rows if r["AgtId"] == "2320")
    changed["Ver"] = str(int(target["Ver"] or 1) + 1)
    changed["Agt"] = target["Agt"] + " (corrected)"
    changed["ThrdPart"] = ""  # PA-X no longer lists the witness
    report = pax_import(write_rows(tmp_path / "v10.csv", header, later_rows))
    lines = [c.line() for c in report.changes]
    assert lines[0].startswith(f"Agreement updated: AgtId 2320 (title: {target['Agt']!r} → ")
    # (Each with the person who signed for it, as the parser reads the cell.)
    assert any(
        line.startswith("Party removed: AgtId 2320: United Nations Support Mission in Libya (witness)")
        for line in lines
    )
    assert all(re.match(r"(Agreement updated|Party removed|Link removed): AgtId 2320\b", line) for line in lines)
    assert report.unchanged == len(rows) - 1

    with pytest.raises(OlderRelease, match=r"AgtId 2320 \(line \d+\) is version"):
        pax_import(original)
    forced = pax_import(original, force=True)
    assert forced.forced
    after = {(s.actor.name, s.role) for s in Signatory.objects.filter(agreement__external_ids__pax="2320")}
    assert after == before


def test_the_command_exits_non_zero_on_a_damaged_file(tmp_path):
    # A real process: the exit status a shell script sees. The file is refused before the database is read.
    bad = tmp_path / "cut.csv"
    bad.write_bytes(write_release(tmp_path / "one.csv", [row(1, "One", description="A\nB")]).read_bytes()[:-10])
    done = subprocess.run(
        [sys.executable, "manage.py", "import_pax", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"SECRET_KEY": "test-only", "VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert "cut.csv cannot be read, line 3: the file ends in the middle of this line" in done.stderr
    assert "Traceback" not in done.stderr
