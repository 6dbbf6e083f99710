"""Names shortened for lists and titles end on a whole word."""

from __future__ import annotations

import pytest

from utilities.text import shorten


def test_a_short_text_is_kept_whole_on_one_line():
    assert shorten("Keep working\n together", 80) == "Keep working together"


@pytest.mark.parametrize("limit", range(10, 60))
def test_a_long_text_is_cut_after_a_whole_word(limit):
    text = "Consider creating a Joint Working Group on Libya and convene the next round of consultations"
    short = shorten(text, limit)
    assert len(short) <= limit
    assert short.endswith("…")
    kept = short.removesuffix("…").split(" ")
    assert kept == text.split(" ")[: len(kept)]  # every word kept is a whole word of the text


def test_it_does_not_end_on_a_comma_or_a_dash_before_the_ellipsis():
    assert shorten("Berlin, Geneva, Moscow and Ankara", 16) == "Berlin, Geneva…"
    assert shorten("Libya — a joint working group", 9) == "Libya…"


def test_only_a_single_overlong_word_is_cut_inside():
    assert shorten("Antidisestablishmentarianism", 10) == "Antidises…"
