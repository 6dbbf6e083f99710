"""Which earlier agreements a PA-X reference text (OthAgr) names: by title, by date, nearest first."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.pax.references import Candidate, ReferenceIndex, Referrer, dates_in

SUDAN = {"process": "Sudan peace process", "countries": ("SD",), "conflict": "Sudan", "region": "Africa"}
NEPAL = {"process": "Nepal peace process", "countries": ("NP",), "conflict": "Nepal", "region": "Asia"}


def agreement(pax_id: str, title: str, date: str, **where: object) -> Candidate:
    return Candidate(pax_id=pax_id, title=title, date=dt.date.fromisoformat(date), **{**SUDAN, **where})  # type: ignore[arg-type]


def links(candidates: list[Candidate], text: str, date: str = "2010-01-01", **where: object) -> dict[str, str]:
    referrer = agreement("999", "The referring agreement", date, **where)
    return ReferenceIndex([*candidates, referrer]).resolve(Referrer(referrer, text)).links


def test_a_title_named_in_the_text_is_linked():
    cpa = agreement("1", "Comprehensive Peace Agreement", "2005-01-09")
    assert links([cpa], "Recalling the Comprehensive Peace Agreement signed in Naivasha") == {"1": "title"}


def test_a_title_inside_a_longer_title_is_refused():
    short = agreement("1", "Agreement on Security Arrangements", "2003-09-25")
    longer = agreement("2", "Agreement on Security Arrangements during the Interim Period", "2003-09-25")
    assert links([short, longer], "the Agreement on Security Arrangements during the Interim Period") == {"2": "title"}
    # A longer title PA-X does not have: the text runs on in capitalised words.
    assert links([short], "the Agreement on Security Arrangements Monitoring Mechanism of 2004") == {}
    assert links([short], "the Framework Agreement on Security Arrangements of the parties") == {}
    assert links([short], "Agreement on Security Arrangements; and the protocols") == {"1": "title"}


def test_a_short_title_names_an_agreement_of_the_same_process_only_and_never_inside_a_longer_one():
    local = agreement("1", "Peace Agreement", "2000-04-04", process="Sudan local processes")
    here = agreement("2", "Peace Agreement", "2000-04-04")
    assert links([local], "ACKNOWLEDGING the preliminary Peace Agreement") == {}
    assert links([here], "ACKNOWLEDGING the preliminary Peace Agreement") == {"2": "title"}
    assert links([here], "Security Arrangements; Comprehensive Peace Agreement between the parties") == {}
    assert links([here], "3.4. Cairo Peace Agreement") == {}


def test_a_short_title_in_lower_case_is_ordinary_words():
    ceasefire = agreement("1", "Humanitarian Ceasefire", "2004-04-08")
    assert links([ceasefire], "the parties to the humanitarian ceasefire reached last year") == {}
    assert links([ceasefire], "the Humanitarian Ceasefire reached last year") == {"1": "title"}


def test_a_later_agreement_or_the_agreement_itself_is_never_named():
    later = agreement("1", "Comprehensive Peace Agreement", "2015-01-09")
    assert links([later], "the Comprehensive Peace Agreement") == {}


def test_a_title_of_the_same_process_beats_one_elsewhere_and_a_generic_title_elsewhere_names_nothing():
    here = agreement("1", "Agreement on Wealth Sharing", "2004-01-07")
    nepal = agreement("2", "Agreement on Wealth Sharing", "2006-01-07", **NEPAL)
    assert links([here, nepal], "the Agreement on Wealth Sharing of 7 January 2004") == {"1": "title"}
    colombia = agreement("3", "Agreement on Victims", "2015-12-15", process="Colombia", countries=("CO",),
                         conflict="Colombia", region="Americas")  # fmt: skip
    assert links([colombia], "the Agreement on Victims") == {}


def test_a_title_several_agreements_bear_needs_its_date():
    first = agreement("1", "Ceasefire Agreement", "2002-07-20")
    second = agreement("2", "Ceasefire Agreement", "2004-04-08")
    assert links([first, second], "the Ceasefire Agreement") == {}
    assert links([first, second], "the Ceasefire Agreement of 8 April 2004") == {"2": "title"}
    # A date given after the title that no agreement of that title has: not one of these.
    only = agreement("3", "Memorandum of Settlement", "1993-08-23")
    assert links([only], "a Memorandum of Settlement signed on 22.8.1988 in Darjeeling") == {}


def test_an_agreement_of_the_same_process_is_named_by_its_date():
    protocol = agreement("1", "Protocol on the Fundamental Principles", "1995-08-17")
    elsewhere = agreement("2", "Some other text", "1995-08-17", **NEPAL)
    text = "in accordance with the protocol on the main principles of 17 August 1995 and the appeal"
    assert links([protocol, elsewhere], text) == {"1": "date"}
    assert links([protocol], "the events of 17 August 1995 in the capital") == {}  # no document named
    assert links([protocol], "the Agreement (17/08/1995)") == {"1": "date"}
    assert links([protocol], "the agreement of 17 August", date="1996-01-01") == {"1": "date"}


def test_several_agreements_of_one_day_are_told_apart_by_their_titles_or_not_at_all():
    wealth = agreement("1", "Agreement on Wealth Sharing", "2004-01-07")
    power = agreement("2", "Protocol on Power Sharing", "2004-01-07")
    assert links([wealth, power], "the agreement on sharing of wealth signed on 7 January 2004") == {"1": "date"}
    assert links([wealth, power], "the agreements signed on 7 January 2004") == {}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("of 17 August 1995", "1995-08-17"),
        ("on 17th of August, 1995", "1995-08-17"),
        ("August 17, 1995", "1995-08-17"),
        ("le 1er août 1995", "1995-08-01"),
        ("el 17 de agosto de 1995", "1995-08-17"),
        ("(17/08/1995)", "1995-08-17"),
        ("1995-08-17", "1995-08-17"),
        ("the ceasefire of 5 October", "1995-10-05"),
        ("the ceasefire of 20 December", "1994-12-20"),
    ],
)
def test_dates_are_read_in_the_forms_references_use(text, day):
    (found,) = dates_in(text, dt.date(1995, 10, 11))
    assert found.date == dt.date.fromisoformat(day)
