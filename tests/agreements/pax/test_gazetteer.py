"""The gazetteer's own lookups: which misspelt names it takes for a known one, and the names it
gives an acronym alone."""

from __future__ import annotations

import pytest

from agreements.pax.gazetteer import misspelt
from agreements.pax.parties import parse_cell


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Untied Nations", "United Nations"),  # two letters swapped
        ("Republic of Diijbouti", "Republic of Djibouti"),  # a letter doubled
        ("Republic of South Afirca", "Republic of South Africa"),
        ("Krygyz Republic", "Kyrgyz Republic"),
        ("Gobiemo Nacional", "Gobierno Nacional"),  # two edits in a name of twelve letters or more
        ("Ejército Popular de Ltberación", "Ejército Popular de Liberación"),
    ],
)
def test_a_known_name_misspelt_is_the_known_name(name, known):
    assert misspelt(name) == (known, False)


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Conference on Security and Cooperation in Europe", "Conference on Security and Co-operation in Europe"),
        ("Nur al-Din al-Zanki Movement", "Nour al-Din al-Zenki Movement"),  # vowels written otherwise
        ("Harikat Ahrar al-Sham", "Harakat Ahrar al-Sham"),  # one of the names, as the cell writes it
    ],
)
def test_a_known_name_spaced_or_voweled_its_own_way_is_a_variant_not_a_misspelling(name, known):
    assert misspelt(name) == (known, True)


@pytest.mark.parametrize(
    "name",
    [
        "United Nations",  # known as it is
        "Republic of Nigeria",  # two letters from Liberia, but Nigeria is a real word of a known name
        "National Socialist Council of Nagaland",  # three letters from "Nagalim"
        "South Ossetian",  # a word made from the known one, not a misspelling of it
        "Republics of Bosnia and Herzegovina",
        "South Korea's",
        "Souther Sudan",  # Southern Sudan, the region, not South Sudan
        "Russian Federation B",  # the initial of the signer's name after it
        "Governement",  # one word of the generic government: the word, not the agreement's government
        "Nigera",  # under eight letters: too near too many names to guess
        "UNPROFER",  # an acronym misspelt is another acronym
        "Kofi Annan",  # nothing near
    ],
)
def test_a_name_is_no_misspelling_when_its_different_word_is_real_or_it_is_short(name):
    assert misspelt(name) is None


def test_a_name_as_near_to_two_actors_is_no_ones_misspelling():
    # One letter from the Republic of Mali and one from the Republic of Malawi.
    assert misspelt("Republic of Malwi") is None
    assert misspelt("Republic of Malawii") == ("Republic of Malawi", True)  # three from Mali: Malawi's


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("OAU", "Organization of African Unity"),  # its charter's spelling
        ("EPL", "Ejército Popular de Liberación"),  # the group's own name, as for the FARC-EP's peers
        ("UPC", "Union pour la Paix en Centrafrique"),  # not "Unité"
    ],
)
def test_an_acronym_alone_is_named_by_the_actors_official_name(name, official):
    (party,) = parse_cell(name, column="Part", country_alpha3="COL" if name == "EPL" else "CAF")
    assert party.name == official
