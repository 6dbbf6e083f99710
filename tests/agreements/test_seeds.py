"""load_seeds: the Libya records exactly as the documents state them; idempotent; all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Actor, Agreement, Commitment, Deadline, Source
from agreements.search import search
from agreements.seeds import SEEDS_DIR, SeedError, seeds_load
from agreements.services.actors import actor_update
from tests.conftest import require

pytestmark = pytest.mark.django_db

ISTANBUL = "2020-01-08-istanbul-joint-statement-on-libya"
ANKARA = "2020-07-22-ankara-joint-statement-on-libya"
BERLIN = "2020-01-19-berlin-conference-on-libya"
DOCUMENTS = Path(os.environ.get("SEED_DOCUMENTS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))


def load(*paths: Path) -> str:
    out = StringIO()
    call_command("load_seeds", *map(str, paths), stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Source, Actor, Agreement, Commitment, Deadline))


def test_the_istanbul_call_falls_due_at_midnight_libyan_time(seeded):
    istanbul = Agreement.objects.get(slug=ISTANBUL)
    assert (istanbul.date, istanbul.kind, istanbul.place) == (dt.date(2020, 1, 8), "joint_statement", "Istanbul")
    deadline = Deadline.objects.get(commitment__agreement=istanbul, precision="instant")
    assert deadline.wording == "as of 00.00 hours on 12 January"
    assert deadline.time_zone == "Africa/Tripoli"
    assert (deadline.year, deadline.month, deadline.day, deadline.time) == (2020, 1, 12, dt.time(0, 0))
    assert deadline.due_at == dt.datetime(2020, 1, 11, 22, 0, tzinfo=dt.UTC)
    assert "stop hostilities" in deadline.commitment.wording


def test_the_istanbul_statement_names_its_signatories_mediators_and_addressed_parties(seeded):
    parts = {
        (s.actor.slug, s.role, s.signed_by.slug if s.signed_by else None)
        for s in Agreement.objects.get(slug=ISTANBUL).signatories.select_related("actor", "signed_by")
    }
    assert ("turkey", "signatory", "recep-tayyip-erdogan") in parts
    assert ("russia", "signatory", "vladimir-putin") in parts
    assert {("turkey", "mediator", None), ("russia", "mediator", None)} <= parts
    assert {
        ("government-of-national-accord", "addressed_party", None),
        ("libyan-national-army", "addressed_party", None),
    } <= parts


def test_the_ankara_statement_has_its_four_points_as_written(seeded):
    points = Commitment.objects.filter(agreement__slug=ANKARA).order_by("position")
    assert [p.number for p in points] == ["1", "2", "3", "4"]
    assert points[0].wording.startswith("Continue joint efforts, including encouraging the Libyan parties")
    assert "conclusions of the Berlin Conference on Libya (19 January 2020)" in points[1].wording
    assert points[2].category == "humanitarian"
    near_future = points[3].deadlines.get()
    assert (near_future.wording, near_future.precision, near_future.due_at) == (
        "in the near future",
        "unspecified",
        None,
    )
    assert all(p.status == "not_assessed" for p in points)


def test_the_links_between_the_statements(seeded):
    ankara = Agreement.objects.get(slug=ANKARA)
    links = {(link.kind, link.to_agreement.slug) for link in ankara.links_out.all()}
    assert links == {("builds_on", ISTANBUL), ("references", BERLIN)}
    berlin = Agreement.objects.get(slug=BERLIN)
    assert (berlin.kind, berlin.date) == ("conference_conclusions", dt.date(2020, 1, 19))


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("Hafter", "khalifa-haftar"),
        ("Hifter", "khalifa-haftar"),
        ("Sarraj", "fayez-al-sarraj"),
        ("al-Serraj", "fayez-al-sarraj"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("Mevlut Cavusoglu", "mevlut-cavusoglu"),
    ],
)
def test_every_spelling_finds_its_actor(seeded, spelling, slug):
    assert slug in set(search(Actor.objects.all(), spelling).values_list("slug", flat=True))


def test_the_five_documents_back_the_records(seeded):
    notes = " ".join(Source.objects.values_list("note", flat=True))
    assert len(set(re.findall(r"\b00[0-4]_[0-9a-f]{16}\b", notes))) == 5
    for agreement in Agreement.objects.all():
        assert agreement.sources.exists(), agreement
    assert all(c.wording_source_id for c in Commitment.objects.all())


def test_quotes_and_wording_are_the_documents_own_words(seeded):
    require(DOCUMENTS.is_dir(), f"the source documents are not at {DOCUMENTS} (set SEED_DOCUMENTS)")
    texts = {path.stem: " ".join(path.read_text(encoding="utf-8").split()) for path in DOCUMENTS.glob("*.txt")}

    def appears(words: str) -> bool:
        words = " ".join(words.split())
        return any(words in text for text in texts.values())

    for source in Source.objects.exclude(quote=""):
        assert appears(source.quote), source.key
    for commitment in Commitment.objects.all():
        assert appears(commitment.wording), commitment
    for deadline in Deadline.objects.all():
        assert appears(deadline.wording), deadline


def test_a_second_load_changes_nothing_and_says_so(seeded):
    before = counts()
    output = load()
    assert "nothing changed" in output
    assert counts() == before


def test_a_second_load_keeps_the_aliases_an_import_or_an_editor_gave_a_seeded_actor(seeded):
    russia = Actor.objects.get(slug="russia")
    seeded_aliases = list(russia.aliases)
    actor_update(actor=russia, changes={"aliases": [*seeded_aliases, "Republic of RUSSIA"]})
    assert "nothing changed" in load()
    russia.refresh_from_db()
    assert russia.aliases == [*seeded_aliases, "Republic of RUSSIA"]


def test_an_edited_seed_updates_only_what_changed(seeded, tmp_path):
    text = (SEEDS_DIR / "libya-2020.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "libya-2020.yaml"
    edited.write_text(text.replace('aliases: ["Putin"]', 'aliases: ["Putin", "V. V. Putin"]'), encoding="utf-8")
    report = seeds_load([edited])
    assert report.updated["actors"] == 1
    assert sum(report.created.values()) == 0
    assert Actor.objects.get(slug="vladimir-putin").aliases == ["Putin", "V. V. Putin"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_yaml_is_refused_naming_the_line(db, tmp_path):
    path = write(tmp_path, "actors:\n  - slug: x\n    name: [unclosed\n")
    with pytest.raises(CommandError, match=r"bad.yaml: line \d+, column \d+ is not valid YAML"):
        load(path)
    assert counts() == (0, 0, 0, 0, 0)


def test_a_schema_error_names_the_record_and_field(db, tmp_path):
    path = write(tmp_path, "actors:\n  - {slug: turkey, name: Turkey, kind: empire}\n")
    with pytest.raises(SeedError, match=r"actors\[0\]\.kind: 'empire' is not one of"):
        seeds_load([path])


def test_a_bad_time_zone_names_file_record_and_field_and_loads_nothing(db, tmp_path):
    text = (SEEDS_DIR / "libya-2020.yaml").read_text(encoding="utf-8").replace("Europe/Moscow", "Moscow/Kremlin")
    path = write(tmp_path, text)
    with pytest.raises(SeedError) as error:
        seeds_load([path])
    message = str(error.value)
    assert (
        "bad.yaml: agreements[2] (2020-07-22-ankara-joint-statement-on-libya).commitments[3] (4).deadlines[0]"
        in message
    )
    assert "time_zone: 'Moscow/Kremlin' is not an IANA time zone name" in message
    assert counts() == (0, 0, 0, 0, 0)


def test_an_unknown_reference_is_named(db, tmp_path):
    path = write(tmp_path, "agreements:\n  - {slug: a, title: A, kind: other, sources: [nowhere]}\n")
    with pytest.raises(SeedError, match=r"agreements\[0\] \(a\): sources: no source 'nowhere'"):
        seeds_load([path])
    assert counts() == (0, 0, 0, 0, 0)


ANCHORED = """
agreements:
  - slug: 2015-02-12-minsk-package-of-measures
    title: Package of Measures for the Implementation of the Minsk Agreements
    kind: ceasefire_agreement
    date: 2015-02-12
    date_precision: day
    commitments:
      - number: "1"
        category: ceasefire
        wording: Immediate and comprehensive ceasefire.
        deadlines:
          - key: minsk-ceasefire
            wording: from 00:00 (Kyiv time) on 15 February 2015
            time_zone: Europe/Kyiv
            precision: instant
            year: 2015
            month: 2
            day: 15
            time: "00:00"
      - number: "2"
        category: withdrawal
        wording: Withdrawal of all heavy weapons.
        deadlines:
          - key: withdrawal-starts
            wording: no later than the second day after the start of the ceasefire
            time_zone: Europe/Kyiv
            anchor: minsk-ceasefire
            offset: P2D
          - wording: completed within 14 days
            time_zone: Europe/Kyiv
            anchor: withdrawal-starts
            offset: P14D
          - wording: within three months of signing
            time_zone: Europe/Kyiv
            anchor: signed
            offset: P3M
"""


def test_seeds_state_anchored_deadlines_and_load_them_twice_the_same(db, tmp_path):
    path = write(tmp_path, ANCHORED)
    seeds_load([path])
    due = dict(Deadline.objects.values_list("wording", "due_at"))
    assert due["no later than the second day after the start of the ceasefire"] == dt.datetime(
        2015, 2, 16, 22, tzinfo=dt.UTC
    )
    assert due["completed within 14 days"] == dt.datetime(2015, 3, 2, 22, tzinfo=dt.UTC)
    assert due["within three months of signing"] == dt.datetime(2015, 5, 12, 21, tzinfo=dt.UTC)
    report = seeds_load([path])
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0


@pytest.mark.parametrize(
    ("replace", "by", "says"),
    [
        ("anchor: minsk-ceasefire", "anchor: nowhere", "anchor: no deadline 'nowhere'"),
        ("offset: P2D", "offset: P-2D", "offset"),
        ("            anchor: signed\n            offset: P3M", "            anchor: signed", "deadlines"),
        ("            anchor: signed", "            anchor: signed\n            year: 2015", "deadlines"),
    ],
)
def test_a_bad_anchored_deadline_in_the_seeds_loads_nothing(db, tmp_path, replace, by, says):
    assert replace in ANCHORED
    path = write(tmp_path, ANCHORED.replace(replace, by))
    with pytest.raises(SeedError, match=says):
        seeds_load([path])
    assert Deadline.objects.count() == 0
