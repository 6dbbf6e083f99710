"""The parties parser, scored against the hand-labelled gold sets (see gold/RULES.md).

The targets are the issue's: at least 90% precision and 75% recall of entities. They are
asserted on the dev set (parties.jsonl, every cell of which has been looked at while tuning).

Each later set was drawn from rows no earlier set touched, labelled by readers who never saw
the parser, committed, scored once as held out, and then tuned against (gold/RULES.md):

- fresh.jsonl: held out at precision 0.846, recall 0.733;
- blind.jsonl: held out at 0.892, 0.742;
- fourth.jsonl: held out at 0.848, 0.788;
- fifth.jsonl: held out at 0.791, 0.720;
- sixth.jsonl: held out at 0.853, 0.796 (261 of 306 found, of 328 labelled), not tuned on.

Pooled, the five held-out measurements give precision 0.843 (1,200 of 1,424) and recall 0.757
(1,200 of 1,585): under the 0.90 target, over the 0.75 one. Each set's floor sits about two
entities under its level now, to catch regressions; the targets are a strict expected failure
on the newest set, which turns into a failure the day they pass.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.pax.parties import Party
from agreements.pax.parties_score import (
    BLIND_PATH,
    FIFTH_PATH,
    FOURTH_PATH,
    FRESH_PATH,
    SIXTH_PATH,
    GoldCell,
    load_gold,
    load_gold_sets,
    score,
    score_cell,
)

PRECISION, RECALL = 0.90, 0.75
# The fresh set after tuning against it (0.887, 0.813), less about two entities either way.
FRESH_FLOOR = (0.880, 0.806)
# The blind set after the two rules drawn from its misses (0.900, 0.809), less about two
# entities either way; as held out it scored 0.892 and 0.742.
BLIND_FLOOR = (0.893, 0.801)
# The fourth set after the fixes drawn from its false positives (0.881, 0.816), less about two
# entities either way; as held out it scored 0.848 and 0.788.
FOURTH_FLOOR = (0.874, 0.810)
# The fifth set after the rules drawn from it (0.850, 0.735), less about two entities either
# way; as held out it scored 0.791 and 0.720.
FIFTH_FLOOR = (0.843, 0.729)
# The sixth set as held out (0.853, 0.796), less about two entities either way.
SIXTH_FLOOR = (0.847, 0.790)


@pytest.fixture(scope="module")
def dev():
    return score(load_gold()).tally("dev")


@pytest.fixture(scope="module")
def fresh():
    return score(load_gold(FRESH_PATH, "fresh")).tally("fresh")


@pytest.fixture(scope="module")
def blind():
    return score(load_gold(BLIND_PATH, "blind")).tally("blind")


@pytest.fixture(scope="module")
def fourth():
    return score(load_gold(FOURTH_PATH, "fourth")).tally("fourth")


@pytest.fixture(scope="module")
def fifth():
    return score(load_gold(FIFTH_PATH, "fifth")).tally("fifth")


@pytest.fixture(scope="module")
def sixth():
    return score(load_gold(SIXTH_PATH, "sixth")).tally("sixth")


def test_the_parser_meets_its_targets_on_the_dev_set(dev):
    assert dev.gold == 702
    assert dev.precision >= PRECISION, f"precision {dev.precision:.3f}"
    assert dev.recall >= RECALL, f"recall {dev.recall:.3f}"


def test_the_fresh_set_keeps_what_tuning_on_it_bought(fresh):
    assert fresh.gold == 300
    assert fresh.precision >= FRESH_FLOOR[0], f"precision {fresh.precision:.3f}"
    assert fresh.recall >= FRESH_FLOOR[1], f"recall {fresh.recall:.3f}"


def test_the_blind_set_keeps_its_level(blind):
    assert blind.gold == 256
    assert blind.precision >= BLIND_FLOOR[0], f"precision {blind.precision:.3f}"
    assert blind.recall >= BLIND_FLOOR[1], f"recall {blind.recall:.3f}"


def test_the_fourth_set_keeps_its_level(fourth):
    assert fourth.gold == 354
    assert fourth.precision >= FOURTH_FLOOR[0], f"precision {fourth.precision:.3f}"
    assert fourth.recall >= FOURTH_FLOOR[1], f"recall {fourth.recall:.3f}"


def test_the_fifth_set_keeps_its_level(fifth):
    assert fifth.gold == 347
    assert fifth.precision >= FIFTH_FLOOR[0], f"precision {fifth.precision:.3f}"
    assert fifth.recall >= FIFTH_FLOOR[1], f"recall {fifth.recall:.3f}"


def test_the_sixth_set_keeps_its_level(sixth):
    assert sixth.gold == 328
    assert sixth.precision >= SIXTH_FLOOR[0], f"precision {sixth.precision:.3f}"
    assert sixth.recall >= SIXTH_FLOOR[1], f"recall {sixth.recall:.3f}"


@pytest.mark.xfail(strict=True, reason="held out, the sixth set scored precision 0.853 (recall 0.796)")
def test_the_targets_hold_on_the_newest_set(sixth):
    assert sixth.precision >= PRECISION, f"precision {sixth.precision:.3f}"
    assert sixth.recall >= RECALL, f"recall {sixth.recall:.3f}"


def test_each_later_set_is_drawn_from_rows_no_earlier_set_touched():
    cells = load_gold_sets()
    sets = ("dev", "fresh", "blind", "fourth", "fifth", "sixth")
    rows = {split: {c.agt_id for c in cells if c.split == split} for split in sets}
    draws = {"fresh": FRESH_PATH, "blind": BLIND_PATH, "fourth": FOURTH_PATH, "fifth": FIFTH_PATH, "sixth": SIXTH_PATH}
    for split, path in draws.items():
        drawn = [c for c in cells if c.split == split]
        assert len(drawn) == 100
        assert [c.column for c in drawn].count("Part") == 60
        assert load_gold(path, split) == drawn
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
    splits = [line.split()[0] for line in out.getvalue().splitlines()[2:]]
    assert splits == [name for name in ("dev", "fresh", "blind", "fourth", "fifth", "sixth", "all") for _ in range(3)]
