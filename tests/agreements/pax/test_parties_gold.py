"""The parties parser, scored against the hand-labelled gold set (see gold/RULES.md).

The targets are the issue's: at least 90% precision and 75% recall of entities, on the
whole set and on the held-out half that was not looked at while developing the parser.
The whole set meets them; the held-out half does not yet (precision 0.830, recall 0.668 when
last measured), so its target is an expected failure that turns into a failure the day it
passes, and a floor below the measured numbers catches regressions meanwhile.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.pax.parties import Party
from agreements.pax.parties_score import GoldCell, load_gold, score, score_cell

PRECISION, RECALL = 0.90, 0.75
# The held-out half as last measured, less a margin of about two entities either way.
HELD_OUT_FLOOR = (0.82, 0.66)


@pytest.fixture(scope="module")
def result():
    return score(load_gold())


def test_the_parser_meets_its_targets_on_the_whole_gold_set(result):
    overall = result.tally("all")
    assert overall.gold == 702
    assert overall.precision >= PRECISION, f"precision {overall.precision:.3f}"
    assert overall.recall >= RECALL, f"recall {overall.recall:.3f}"


def test_the_held_out_half_does_not_fall_below_its_measured_level(result):
    held_out = result.tally("test")
    assert held_out.precision >= HELD_OUT_FLOOR[0], f"precision {held_out.precision:.3f}"
    assert held_out.recall >= HELD_OUT_FLOOR[1], f"recall {held_out.recall:.3f}"


@pytest.mark.xfail(strict=True, reason="held-out half at precision 0.830 and recall 0.668: below the targets")
def test_the_targets_hold_on_the_held_out_half(result):
    held_out = result.tally("test")
    assert held_out.precision >= PRECISION, f"precision {held_out.precision:.3f}"
    assert held_out.recall >= RECALL, f"recall {held_out.recall:.3f}"


def test_the_halves_are_fixed_by_the_cells_alone():
    cells = load_gold()
    splits = [cell.split for cell in cells]
    assert splits == [cell.split for cell in load_gold()]
    assert 60 <= splits.count("test") <= 108
    assert {cell.split for cell in cells if cell.agt_id == "1154"} == {"dev"}


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
