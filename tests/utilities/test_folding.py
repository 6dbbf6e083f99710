"""utilities.folding: folding for search."""

from __future__ import annotations

import pytest

from utilities.folding import fold, fold_all, search_terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Erdoğan", "erdogan"),
        ("ERDOĞAN", "erdogan"),
        ("Türkiye", "turkiye"),
        ("Mevlüt Çavuşoğlu", "mevlut cavusoglu"),
        ("al-Serraj", "al serraj"),
        ("Qadhdhafi’s", "qadhdhafis"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("  many   spaces\tand\nlines ", "many spaces and lines"),
        ("İstanbul", "istanbul"),
        ("snake_case", "snake case"),
    ],
)
def test_it_folds_case_accents_and_punctuation(text, folded):
    assert fold(text) == folded


def test_it_joins_several_fields_skipping_empty_ones():
    assert fold_all(["Haftar", None, "", "Hafter"]) == "haftar hafter"


def test_search_terms_are_folded_words():
    assert search_terms("  Erdoğan, Putin!") == ["erdogan", "putin"]
    assert search_terms("%_'") == []
