"""Commitment: how it is named in the admin, its history and its pickers."""

from __future__ import annotations

import pytest

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

WORDING = (
    "Consider creating a Joint Working Group on Libya and convene the next round of "
    "consultations in Moscow in the near future."
)


def test_its_name_is_cut_after_a_whole_word():
    commitment = CommitmentFactory(number="4", summary="", wording=WORDING)
    name = str(commitment)
    assert name.startswith(f"{commitment.agreement.title} — 4. Consider creating")
    label = name.split(" — 4. ", 1)[1]
    assert label.endswith("…")
    assert label.removesuffix("…").split(" ") == WORDING.split(" ")[: len(label.removesuffix("…").split(" "))]


def test_a_short_summary_names_it_whole():
    commitment = CommitmentFactory(number="1", summary="Keep working towards a lasting ceasefire.")
    assert str(commitment).endswith("— 1. Keep working towards a lasting ceasefire.")
