"""The parties parser, scored against the hand-labelled gold sets (see gold/RULES.md).

The targets are the issue's: at least 90% precision and 75% recall of entities. They are
asserted on the dev set (parties.jsonl, every cell of which has been looked at while tuning).

The fresh set (fresh.jsonl: 100 cells drawn and labelled blind after tuning on dev began) was
scored once, at the end of that tuning: precision 0.846 (220 of 260) and recall 0.733 (220 of
300), below the targets. Its floor sits just under those numbers, about two entities either
way, to catch regressions; the target is a strict expected failure that turns into a failure
the day it passes. Tuning against the fresh set's details would spend it: draw a new one.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.pax.parties import Party
from agreements.pax.parties_score import FRESH_PATH, GoldCell, load_gold, load_gold_sets, score, score_cell

PRECISION, RECALL = 0.90, 0.75
# The fresh set as measured (0.846, 0.733), less about two entities either way.
FRESH_FLOOR = (0.838, 0.725)


@pytest.fixture(scope="module")
def dev():
    return score(load_gold()).tally("dev")


@pytest.fixture(scope="module")
def fresh():
    return score(load_gold(FRESH_PATH, "fresh")).tally("fresh")


def test_the_parser_meets_its_targets_on_the_dev_set(dev):
    assert dev.gold == 702
    assert dev.precision >= PRECISION, f"precision {dev.precision:.3f}"
    assert dev.recall >= RECALL, f"recall {dev.recall:.3f}"


def test_the_fresh_set_does_not_fall_below_its_measured_level(fresh):
    assert fresh.gold == 300
    assert fresh.precision >= FRESH_FLOOR[0], f"precision {fresh.precision:.3f}"
    assert fresh.recall >= FRESH_FLOOR[1], f"recall {fresh.recall:.3f}"


@pytest.mark.xfail(strict=True, reason="fresh set at precision 0.846 and recall 0.733: below the targets")
def test_the_targets_hold_on_the_fresh_set(fresh):
    assert fresh.precision >= PRECISION, f"precision {fresh.precision:.3f}"
    assert fresh.recall >= RECALL, f"recall {fresh.recall:.3f}"


def test_the_fresh_set_is_held_out_from_rows_the_dev_set_never_touched():
    cells = load_gold_sets()
    dev_rows = {c.agt_id for c in cells if c.split == "dev"}
    fresh = [c for c in cells if c.split == "fresh"]
    assert len(fresh) == 100
    assert [c.column for c in fresh].count("Part") == 60
    assert not dev_rows & {c.agt_id for c in fresh}
    assert load_gold(FRESH_PATH, "fresh") == fresh


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
