"""The three set-up imports of a fresh clone, in either order: the same ceasefires, actors and links.

``load_seeds``, ``import_pax`` (PA-X v9) and ``import_ceasefires`` (ETH/PRIO):
2,203 ceasefires, one actor per UCDP id, 235 ceasefires linked to their PA-X
text (234 distinct agreements: AgtId 321 is the text of two; AgtId 1081 is not
in v9), the two Libyan ceasefires that took effect on 12 January 2020, the Libyan
National Army's ceasefires under the seeded actor, and a second run of either import changes nothing.
"""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from agreements.choices import LinkKind
from agreements.models import Actor, Agreement, AgreementLink, Deadline
from tests.agreements.ethprio.conftest import real_file
from tests.conftest import require

# A transaction of its own: the test empties the database half-way (flush), which PostgreSQL refuses
# inside the transaction a plain database test runs in.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _pax_file() -> Path:
    path = Path(os.environ.get("PAX_CSV", ""))
    require(path.is_file(), "set PAX_CSV to a PA-X release (such as ../shared/data/pax_v9.csv)")
    return path


def _ethprio_file() -> Path:
    path = real_file()
    require(path.is_file(), f"set ETHPRIO_CSV to the ETH/PRIO ceasefire dataset (no file at {path})")
    return path


def _run(command: str, path: Path) -> str:
    out = StringIO()
    # Not the parser's score against the gold set (10 s a run): tests/agreements/pax holds it.
    options = ["--no-score"] if command == "import_pax" else []
    call_command(command, str(path), *options, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, object]:
    """What the ceasefire import makes, in terms that do not depend on row ids or import order."""
    ceasefires = Agreement.objects.filter(external_ids__has_key="ethprio")
    return {
        "ceasefires": sorted(
            (a.external_ids["ethprio"], a.title, str(a.date), a.in_force_from_precision) for a in ceasefires
        ),
        # An actor is the same whichever import named it first; its canonical spelling may be either's.
        "ucdp": sorted(
            (a.external_ids["ucdp"], a.kind, a.country) for a in Actor.objects.filter(external_ids__has_key="ucdp")
        ),
        # Declaring parties by UCDP id; mediators (UCDP lists none) by role only: which spellings an
        # actor gathers as aliases can depend on the order the two datasets name it in.
        "parties": sorted(
            (a.external_ids["ethprio"], s.actor.external_ids.get("ucdp", ""), s.role)
            for a in ceasefires.prefetch_related("signatories__actor")
            for s in a.signatories.all()
        ),
        "texts": sorted(
            AgreementLink.objects.filter(kind=LinkKind.TEXT).values_list(
                "from_agreement__external_ids__ethprio", "to_agreement__external_ids__pax"
            )
        ),
        "deadlines": sorted(
            Deadline.objects.filter(commitment__agreement__external_ids__has_key="ethprio").values_list(
                "commitment__agreement__external_ids__ethprio", "wording", "due_at", "state"
            )
        ),
    }


def check_the_numbers() -> None:
    assert Agreement.objects.filter(external_ids__has_key="ethprio").count() == 2203
    assert Actor.objects.filter(external_ids__has_key="ucdp").count() == 468
    texts = AgreementLink.objects.filter(kind=LinkKind.TEXT)
    assert texts.count() == 235
    assert texts.values("to_agreement").distinct().count() == 234
    libya = Agreement.objects.filter(
        external_ids__has_key="ethprio", countries__has_item="LY", in_force_from="2020-01-12"
    )
    assert sorted(a.external_ids["ethprio"] for a in libya) == ["620077", "620078"]
    for agreement in libya:
        deadline = agreement.commitments.get().deadlines.get(anchor__isnull=True)
        assert (deadline.precision, deadline.time_zone) == ("day", "Africa/Tripoli")
    # UCDP's "Forces of the House of Representatives" is the seeded Libyan National Army (an alias):
    # its eleven ceasefires are the LNA's, not a stranger's.
    lna = Actor.objects.get(slug="libyan-national-army")
    assert lna.external_ids["ucdp"] == "5802"
    assert Agreement.objects.filter(external_ids__has_key="ethprio", signatories__actor=lna).distinct().count() == 11


def test_seeds_pax_and_ceasefires_give_the_same_data_in_either_order(seeded):
    pax, ethprio = _pax_file(), _ethprio_file()
    _run("import_pax", pax)
    report = _run("import_ceasefires", ethprio)
    assert "1081" in report  # the one AgtId v9 lacks, named in the report
    check_the_numbers()
    first = fingerprint()
    assert "Nothing changed" in _run("import_ceasefires", ethprio)
    assert "Nothing changed" in _run("import_pax", pax)

    call_command("flush", interactive=False, verbosity=0)
    call_command("load_seeds", verbosity=0, stdout=StringIO())
    _run("import_ceasefires", ethprio)
    _run("import_pax", pax)
    check_the_numbers()
    assert fingerprint() == first
