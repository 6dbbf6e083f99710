"""The parties parser, scored against the hand-labelled gold sets (see gold/RULES.md).

The targets are the issue's: at least 90% precision and 75% recall of entities. They are
asserted on the dev set (parties.jsonl, every cell of which has been looked at while tuning).

Each later set was drawn from rows no earlier set touched, labelled by readers who never saw
the parser, committed, scored once as held out, and then tuned against (gold/RULES.md):

- fresh.jsonl: held out at precision 0.846, recall 0.733;
- blind.jsonl: held out at 0.892, 0.742;
- fourth.jsonl: held out at 0.848, 0.788;
- fifth.jsonl: held out at 0.791, 0.720;
- sixth.jsonl: held out at 0.853, 0.796;
- seventh.jsonl: held out at 0.868, 0.771;
- eighth.jsonl: held out at 0.834, 0.744;
- ninth.jsonl: held out at 0.843, 0.730;
- tenth.jsonl: held out at 0.883, 0.750;
- eleventh.jsonl: held out at 0.872, 0.801;
- twelfth.jsonl: held out at 0.879, 0.776;
- thirteenth.jsonl: held out at 0.904, 0.795 (the parser of the stop before: 0.896, 0.792);
- fourteenth.jsonl: held out at 0.879, 0.752 (282 of 321 found, of 375 labelled; the parser of the
  stop before: 0.873, 0.749);
- fifteenth.jsonl: held out at 0.861, 0.755 (278 of 323 found, of 368 labelled; the parser of two
  stops before: 0.858, 0.753);
- sixteenth.jsonl: held out at 0.808, 0.784 (257 of 318 found, of 328 labelled; the parser of the
  stop before gives the same: this stop's first rules changed none of its cells);
- seventeenth.jsonl: held out at 0.898, 0.711 (194 of 216 found, of 273 labelled);
- eighteenth.jsonl: held out at 0.913, 0.812 (293 of 321 found, of 361 labelled; 0.908, 0.802
  without its seven repeated cells; 0.886, 0.765 without its one list of 76 signers);
- nineteenth.jsonl: held out at 0.901, 0.791 (246 of 273 found, of 311 labelled; signatory
  cells only, none of the other column being left in untouched rows);
- twentieth.jsonl: held out at 0.881, 0.830 (274 of 311 found, of 330 labelled; signatory cells
  only; the parser of the stop before scores the same);
- twentyfirst.jsonl: held out at 0.895, 0.750 (162 of 181 found, of 216 labelled; the last 63
  signatory cells of untouched rows; the parser of the stop before scores the same).

Pooled, the twenty held-out measurements give precision 0.866 (5,051 of 5,833) and recall
0.768 (5,051 of 6,580): under the 0.90 target, over the 0.75 one. Each set's floor sits about
two entities under its level now, to catch regressions. The targets are asserted over every set
together, in sample (0.901, 0.803: 5,847 of 6,487 found, of 7,282 labelled), where they were a
strict expected failure until the stop that reached them; not on the newest set alone, since
single sets spread from 0.79 to 0.91 in precision and three (the thirteenth, the eighteenth and
the nineteenth) met the targets held out. The sets hold every short cell of the release, so no
held-out measurement of the parser that reached them exists. A second reader of the sixteenth
set agrees with the first at 0.976 / 0.976: the labels are not what holds the parser under its
targets.
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agreements.pax.parties import Party
from agreements.pax.parties_score import (
    GOLD_SETS,
    SECOND_READERS,
    GoldCell,
    Tally,
    load_gold,
    load_gold_sets,
    score,
    score_cell,
    score_release,
    second_reader,
)
from tests.agreements.pax.conftest import row, write_release

PRECISION, RECALL = 0.90, 0.75
# Each later set's floor: (labelled entities, precision, recall), about two entities under the
# level it stands at now.
FLOORS = {
    # After tuning against it (0.887, 0.813).
    "fresh": (300, 0.880, 0.806),
    # After the two rules drawn from its misses (0.900, 0.809); held out it scored 0.892, 0.742.
    "blind": (256, 0.893, 0.801),
    # After the fixes drawn from its false positives (0.881, 0.816); held out 0.848, 0.788.
    "fourth": (354, 0.874, 0.810),
    # After the rules drawn from it and the seventh (0.857, 0.744); held out 0.791, 0.720.
    "fifth": (347, 0.851, 0.738),
    # Held out at 0.853, 0.796; since, one rule ("M. Krajsnik") drawn from it (0.859, 0.802).
    "sixth": (328, 0.853, 0.796),
    # After the rules drawn from it (0.891, 0.797); held out 0.868, 0.771.
    "seventh": (349, 0.885, 0.791),
    # After the rules drawn from it (0.848, 0.756); held out 0.834, 0.744.
    "eighth": (250, 0.841, 0.748),
    # After the rules drawn from it (0.858, 0.763); held out 0.843, 0.730.
    "ninth": (389, 0.847, 0.728),
    # After the rules drawn from it (0.887, 0.755); held out 0.883, 0.750.
    "tenth": (364, 0.881, 0.750),
    # After the rule drawn from it (0.878, 0.806); held out 0.872, 0.801.
    "eleventh": (356, 0.871, 0.801),
    # Held out at 0.879, 0.776; since, two rules read off it ('AUC' in Colombia, 'Gobierno Nacional-ELN').
    "twelfth": (442, 0.885, 0.778),
    # Held out at 0.904, 0.795; since, one rule read off it ('USAID/Observer').
    "thirteenth": (283, 0.898, 0.790),
    # Held out at 0.879, 0.752; since, one rule (an acronym and its signer in one name): 0.882, 0.755.
    "fourteenth": (375, 0.873, 0.746),
    # Held out at 0.861, 0.755; since, not tuned on, the next stop's rules gained it three matches.
    "fifteenth": (368, 0.861, 0.758),
    # Held out at 0.808, 0.784; since, the rules read off it, and its Dinka and Rizegat signers
    # read as their two communities (0.877, 0.805).
    "sixteenth": (328, 0.870, 0.799),
    # Held out at 0.898, 0.711 (the parser of the stop before, 61bd1df); since, one match lost (472).
    "seventeenth": (273, 0.889, 0.703),
    # Held out at 0.913, 0.812 (293 of 321 found, of 361 labelled); a review's fixes, 0.913, 0.814.
    "eighteenth": (361, 0.907, 0.809),
    # Held out at 0.901, 0.791 (246 of 273 found, of 311 labelled); since, 0.912, 0.797.
    "nineteenth": (311, 0.901, 0.787),
    # Held out at 0.881, 0.830 (274 of 311 found, of 330 labelled).
    "twentieth": (330, 0.875, 0.824),
    # Held out at 0.895, 0.750 (162 of 181 found, of 216 labelled).
    "twentyfirst": (216, 0.884, 0.741),
}
# Every later set holds 60 Part cells of 100, but the last four: the eighteenth's draw took the
# last 26 ThrdPart cells of untouched rows, and 74 Part; the nineteenth's and twentieth's, 100 Part;
# the twenty-first's, the last 63 Part cells, and nothing else.
PART_CELLS = {"eighteenth": 74, "nineteenth": 100, "twentieth": 100, "twentyfirst": 63}
CELLS = {"twentyfirst": 63}


@cache
def tally(split: str) -> Tally:
    """One gold set, parsed and scored once per test run."""
    return score(load_gold(GOLD_SETS[split], split)).tally(split)


def test_the_parser_meets_its_targets_on_the_dev_set():
    dev = tally("dev")
    assert dev.gold == 702
    assert dev.precision >= PRECISION, f"precision {dev.precision:.3f}"
    assert dev.recall >= RECALL, f"recall {dev.recall:.3f}"


@pytest.mark.parametrize("split", FLOORS)
def test_each_later_set_keeps_its_level(split):
    gold, precision, recall = FLOORS[split]
    measured = tally(split)
    assert measured.gold == gold
    assert measured.precision >= precision, f"precision {measured.precision:.3f}"
    assert measured.recall >= recall, f"recall {measured.recall:.3f}"


def test_the_targets_hold_over_every_set_together():
    # Over every cell of every set (2,131, the whole population of short cells): in sample, since
    # every set has been tuned against; the held-out figure is the pooled one in the docstring.
    together = Tally(*(sum(getattr(tally(split), f.name) for split in GOLD_SETS) for f in fields(Tally)))
    assert together.gold == 7282
    assert together.precision >= PRECISION, f"precision {together.precision:.3f}"
    assert together.recall >= RECALL, f"recall {together.recall:.3f}"


def test_each_later_set_is_drawn_from_rows_no_earlier_set_touched():
    cells = load_gold_sets()
    sets = list(GOLD_SETS)
    assert sets == ["dev", *FLOORS]
    rows = {split: {c.agt_id for c in cells if c.split == split} for split in sets}
    for split in FLOORS:
        drawn = [c for c in cells if c.split == split]
        assert len(drawn) == CELLS.get(split, 100)
        assert [c.column for c in drawn].count("Part") == PART_CELLS.get(split, 60)
        assert load_gold(GOLD_SETS[split], split) == drawn
    for position, split in enumerate(sets):
        assert not rows[split] & set().union(*(rows[earlier] for earlier in sets[:position]))


def _cell(*entities: dict) -> GoldCell:
    return GoldCell(agt_id="1", column="Part", con="Colombia", loc1iso="COL", cell="", entities=entities)


def test_a_match_is_by_name_or_also_name_and_each_gold_entity_matches_once():
    gold = _cell(
        {"name": "Kingdom of Norway", "also": ["Norway"], "kind": "state", "role": "guarantor", "country": "NO"},
        {"name": "Gobierno Nacional", "also": [], "kind": "government", "role": "signatory", "country": "CO"},
    )
    found = [
        Party("NORWAY", "witness", "state"),
        Party("Norway", "guarantor", "state"),
        Party("Government of Colombia", "signatory", "government"),
        Party("Government of Peru", "signatory", "government"),
    ]
    cell = score_cell(gold, found)
    assert [(p.name, e["name"]) for p, e in cell.matched] == [
        ("Norway", "Kingdom of Norway"),  # same role first; the other Norway then has nothing left
        ("Government of Colombia", "Gobierno Nacional"),  # the country-resolved government name
    ]
    assert [p.name for p in cell.false_positives] == ["NORWAY", "Government of Peru"]
    assert cell.missed == []


def test_the_command_prints_precision_and_recall_by_split_and_column(tmp_path):
    out = StringIO()
    call_command("pax_parties_score", "--split", "dev", stdout=out)
    lines = out.getvalue().splitlines()
    assert "precision" in lines[1]
    assert [line.split()[:2] for line in lines[2:]] == [["dev", "Part"], ["dev", "ThrdPart"], ["dev", "all"]]
    with pytest.raises(CommandError, match="No gold file"):
        call_command("pax_parties_score", "--gold", str(tmp_path / "missing.jsonl"))
    with pytest.raises(CommandError, match="No gold file"):
        call_command("pax_parties_score", "--split", "fresh", "--fresh-gold", str(tmp_path / "missing.jsonl"))
    with pytest.raises(CommandError, match="No gold file"):
        call_command("pax_parties_score", "--split", "blind", "--blind-gold", str(tmp_path / "missing.jsonl"))
    # "--split dev" never reads the held-out file: a missing one is no error.
    call_command("pax_parties_score", "--split", "dev", "--blind-gold", str(tmp_path / "missing.jsonl"), stdout=out)


def test_by_default_the_command_scores_every_set():
    out = StringIO()
    call_command("pax_parties_score", stdout=out)
    lines = out.getvalue().splitlines()[2:]
    assert [line.split()[0] for line in lines] == [name for name in ("dev", *FLOORS, "all") for _ in range(3)]
    # A set with no third-party cell says so, rather than scoring nothing as perfect.
    (empty,) = [line.split() for line in lines if line.split()[:2] == ["twentieth", "ThrdPart"]]
    assert empty[2:] == ["0", "0", "0", "0", "-", "-", "-", "-", "-"]


def test_two_readers_of_the_rules_agree_above_the_parser():
    # A second reader labelled the sixteenth set again from RULES.md and the earlier sets alone
    # (gold/RULES.md): against the first, precision and recall 0.976 (320 of 328 each way).
    first = load_gold(GOLD_SETS["sixteenth"], "sixteenth")
    agreement = score(first, second_reader(SECOND_READERS["sixteenth"])).tally("sixteenth")
    assert (agreement.gold, agreement.extracted) == (328, 328)
    assert agreement.precision >= 0.97
    assert agreement.recall >= 0.97
    # Above the parser on the same cells, in-sample as they now are, by both measures.
    parser = tally("sixteenth")
    assert agreement.precision > parser.precision
    assert agreement.recall > parser.recall


def test_a_second_reader_scored_against_itself_agrees_wholly():
    labels = load_gold(SECOND_READERS["sixteenth"], "sixteenth")
    itself = score(labels, second_reader(SECOND_READERS["sixteenth"])).tally("sixteenth")
    assert itself.precision == itself.recall == itself.role_accuracy == itself.kind_accuracy == 1.0


def test_the_command_scores_the_second_reader_on_request():
    out = StringIO()
    call_command("pax_parties_score", "--second-reader", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Second reader against first, sixteenth set:"
    assert [line.split()[:2] for line in lines[2:]] == [["sixteenth", c] for c in ("Part", "ThrdPart", "all")]
    assert lines[-1].split()[6:8] == ["0.976", "0.976"]
    with pytest.raises(CommandError, match="No second reader for dev"):
        call_command("pax_parties_score", "--second-reader", "--split", "dev")


def _gold_release(tmp_path, cells: list[GoldCell], *, rewrite: str = "") -> Path:
    """A small PA-X release holding ``cells`` word for word, but ``rewrite`` (an AgtId) changed."""
    rows = {}
    for cell in cells:
        text = cell.cell + (" (amended)" if cell.agt_id == rewrite else "")
        rows.setdefault(cell.agt_id, row(cell.agt_id, f"Agreement {cell.agt_id}"))[cell.column] = text
    return write_release(tmp_path / "pax.csv", list(rows.values()))


def test_a_release_is_scored_on_the_gold_cells_it_holds_unchanged(tmp_path):
    dev = load_gold(GOLD_SETS["dev"])[:6]
    path = _gold_release(tmp_path, dev, rewrite=dev[0].agt_id)
    result = score_release(path, {"dev": GOLD_SETS["dev"]})
    rewritten = sum(c.agt_id == dev[0].agt_id for c in dev)
    assert (result.labelled, result.held) == (168, 6 - rewritten)
    # The same count as scoring those cells directly: the release's text, read as the import reads it.
    held = [c for c in dev if c.agt_id != dev[0].agt_id]
    assert result.tally.matched == score(held).tally().matched
    assert score_release(write_release(tmp_path / "other.csv", [row(1, "One")])) is None


@pytest.mark.django_db
def test_the_import_reports_the_parsers_score_on_the_gold_cells_of_the_release(tmp_path):
    path = _gold_release(tmp_path, load_gold(GOLD_SETS["dev"])[:4])
    out = StringIO()
    call_command("import_pax", str(path), stdout=out)
    line = out.getvalue().splitlines()[-1]
    assert line.startswith("Parties, against the hand-labelled gold set (4 of the 2,131 gold cells")
    assert "precision " in line
    assert "targets 0.90 and 0.75" in line
    quiet = StringIO()
    call_command("import_pax", str(path), "--no-score", stdout=quiet)
    assert "gold set" not in quiet.getvalue()
