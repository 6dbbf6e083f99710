"""Telling parties apart in PA-X's free text — and saying so when it cannot be done."""

from __future__ import annotations

import pytest

from agreements.pax.parties import parse_parties, third_party_role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government of Sri Lanka; Liberation Tigers of Tamil Eelam (LTTE)",
            [
                ("Government of Sri Lanka", "government", ()),
                ("Liberation Tigers of Tamil Eelam", "armed_group", ("LTTE",)),
            ],
        ),
        ("Fatah and Hamas", [("Fatah", "other", ()), ("Hamas", "other", ())]),
        ("Government of Ukraine (unilateral)", [("Government of Ukraine", "government", ())]),
        (
            "The Republic of Bosnia and Herzegovina, the Republic of Croatia",
            [("Republic of Bosnia and Herzegovina", "state", ()), ("Republic of Croatia", "state", ())],
        ),
        ("Ecuador, Peru", [("Ecuador", "state", ()), ("Peru", "state", ())]),
        (
            "Representatives of the Libyan Army\nMajor General Ahmed Ali Abu Shahma\nColonel Mustafa Ali Yahya",
            [("Libyan Army", "armed_group", ())],
        ),
    ],
)
def test_parties_that_can_be_told_apart(text, expected):
    parties = parse_parties(text, "signatory")
    assert [(p.name, p.kind, p.aliases) for p in parties] == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Not signed, agreement mentions the following parties as having produced it: the Government",
        "Kofi Annan, Special Envoy of the United Nations and the League of Arab States.",
        "Yemeni Government led by President Hadi; Ansar Allah led by Abdel Malik al-Houthi",
        "Boris Trajkovski, President of the Republic of Macedonia; Ljubeo Georgievski",
        "Mate Boban\nAlija Izetbegovic\nRadovan Karadzic",
    ],
)
def test_prose_and_lists_of_people_yield_nothing(text):
    assert parse_parties(text, "signatory") is None


def test_third_party_roles():
    assert third_party_role("Witnessed by: Yasushi Akashi") == "witness"
    assert third_party_role("facilitated by the United Nations") == "mediator"
    assert third_party_role("Guarantors: Turkey, Russia") == "guarantor"
    assert third_party_role("Kingdom of Saudi Arabia") == "third_party"
    (unsmil,) = parse_parties(
        "Witness\nUnited Nations Support Mission in Libya\nMs. Stephanie Williams, Acting SRSG", "x"
    )
    assert (unsmil.name, unsmil.role, unsmil.kind) == (
        "United Nations Support Mission in Libya",
        "witness",
        "organisation",
    )
