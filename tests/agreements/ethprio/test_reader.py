"""Reading the ETH/PRIO ceasefire dataset: ceasefires from actor rows, dates, places, and every refusal."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zoneinfo
from collections import Counter

import pytest

from agreements.choices import PartialDatePrecision
from agreements.countries import is_country_code
from agreements.ethprio.mediators import mediator_names
from agreements.ethprio.places import (
    CONFLICT_ZONES,
    GLEDITSCH_WARD,
    LOCATION_NAMES,
    PlaceError,
    country_code,
    time_zone,
    zones_by_country,
)
from agreements.ethprio.reader import (
    Actor,
    NotAnEthPrioFile,
    PartialDate,
    PartialDateError,
    RowError,
    read_ceasefires,
)
from tests.agreements.ethprio.conftest import COLUMNS, real_file, row, write_file
from tests.agreements.pax.conftest import COLUMNS as PAX_COLUMNS
from tests.agreements.pax.conftest import row as pax_row
from tests.agreements.pax.conftest import write_release
from tests.conftest import require
from utilities.csvfile import CsvFileError

LIBYA_GOVERNMENT = {"uniq_id": 620078, "actor": "Government of Libya", "ucdp_actor_id": 111, "id": 1841}


def read(tmp_path, *rows, **options):
    return read_ceasefires(write_file(tmp_path / "ethprio.csv", list(rows), **options))


def only_error(result) -> tuple[int, str]:
    (error,) = result.errors
    return error.line, error.column


# The file and its refusal


def test_the_libyan_pair_takes_effect_on_12_january_2020_in_tripoli(tmp_path):
    result = read(tmp_path, row(), row(**LIBYA_GOVERNMENT))
    assert result.errors == []
    assert [c.uniq_id for c in result.ceasefires] == [620077, 620078]
    for ceasefire in result.ceasefires:
        (declaration,) = ceasefire.declarations
        assert (ceasefire.country, ceasefire.time_zone) == ("LY", "Africa/Tripoli")
        assert (ceasefire.cc, ceasefire.cf_id, ceasefire.location) == (620, ceasefire.uniq_id - 620000, "Libya")
        assert declaration.effect == PartialDate(2020, 1, 12)
        assert declaration.effect.precision == PartialDatePrecision.DAY
        assert declaration.effect.first_day() == dt.date(2020, 1, 12)
    assert result.ceasefires[1].actors == [Actor(111, "Government of Libya")]
    assert result.counts == {
        "rows": 2,
        "ceasefires": 2,
        "declarations": 2,
        "refused": 0,
        "errors": 0,
        "warnings": 0,
    }


def test_it_reads_without_a_byte_order_mark_and_from_a_stream(tmp_path):
    path = write_file(tmp_path / "e.csv", [row()], bom=False)
    assert [c.uniq_id for c in read_ceasefires(path).ceasefires] == [620077]
    assert [c.uniq_id for c in read_ceasefires(io.BytesIO(path.read_bytes())).ceasefires] == [620077]


def test_a_pax_release_is_refused_naming_the_missing_columns(tmp_path):
    path = write_release(tmp_path / "pax.csv", [pax_row(2320, "Agreement")], PAX_COLUMNS)
    with pytest.raises(NotAnEthPrioFile, match=r"is not the ETH/PRIO .*: it has no column cc, cf_id, uniq_id, "):
        read_ceasefires(path)


def test_a_file_without_one_identifying_column_is_refused_before_its_rows(tmp_path):
    columns = [c for c in COLUMNS if c != "cf_effect_day"]
    # The second row is not even valid CSV: the header alone is enough to refuse.
    path = write_file(tmp_path / "e.csv", [row()], columns)
    path.write_bytes(path.read_bytes() + b'1,"open\r\n')
    with pytest.raises(NotAnEthPrioFile, match=r"it has no column cf_effect_day\. Nothing was read"):
        read_ceasefires(path)


def test_a_file_that_is_not_strict_csv_is_refused_whole(tmp_path):
    path = write_file(tmp_path / "e.csv", [row(), row(**LIBYA_GOVERNMENT)])
    broken = path.read_bytes().replace(b"Government of Libya", b"Gouvernement de la Libye \xe9")
    (tmp_path / "latin1.csv").write_bytes(broken)
    with pytest.raises(CsvFileError, match=r"^line 3: byte 0xe9"):
        read_ceasefires(tmp_path / "latin1.csv")
    (tmp_path / "e.csv.gz").write_bytes(gzip.compress(path.read_bytes()))
    with pytest.raises(CsvFileError, match="gzip"):
        read_ceasefires(tmp_path / "e.csv.gz")
    (tmp_path / "short.csv").write_bytes(path.read_bytes() + b"620,79,620079\r\n")
    with pytest.raises(CsvFileError, match="line 4: the row has 3 fields but the header has 87"):
        read_ceasefires(tmp_path / "short.csv")


# Ceasefires from actor rows


def test_a_ceasefire_gathers_its_actors_rows_which_may_differ_in_actor_level_columns(tmp_path):
    result = read(
        tmp_path,
        row(uniq_id=490009, location="DR Congo (Zaire)", actor="Government of Angola", ucdp_actor_id=7, pax_id=319),
        row(uniq_id=490009, location="DR Congo (Zaire)", actor="MLC", ucdp_actor_id=470, cf_dec_month=8, cf_dec_day=1,
            pax_id=-1, side=2, ucdp_dyad=-2, id=1841),
        row(uniq_id=490009, location="DR Congo (Zaire)", actor="Government of Angola", ucdp_actor_id=7, id=1842,
            pax_id=319, ucdp_dyad=777),
    )  # fmt: skip
    assert result.errors == []
    (ceasefire,) = result.ceasefires
    assert (ceasefire.country, ceasefire.time_zone, ceasefire.line) == ("CD", "Africa/Lubumbashi", 2)
    assert [d.line for d in ceasefire.declarations] == [2, 3, 4]
    assert [d.declared for d in ceasefire.declarations] == [
        PartialDate(2020, 1, 12),
        PartialDate(2020, 8, 1),
        PartialDate(2020, 1, 12),
    ]
    assert ceasefire.actors == [Actor(7, "Government of Angola"), Actor(470, "MLC")]
    assert ceasefire.pax_ids == ["319"]
    assert [d.pax_id for d in ceasefire.declarations] == ["319", None, "319"]
    assert [d.ucdp_dyad_id for d in ceasefire.declarations] == [14059, None, 777]
    assert ceasefire.declarations[1].coded["ucdp_dyad"] == "-2"
    assert [d.row_id for d in ceasefire.declarations] == [1840, 1841, 1842]


@pytest.mark.parametrize(
    ("column", "value"),
    [("location", "Sudan"), ("region", "2"), ("enforcement", "3"), ("cc", "625"), ("cf_id", "78")],
)
def test_a_ceasefire_level_cell_that_differs_between_its_rows_is_an_error(tmp_path, column, value):
    other = row(id=1841, **{column: value})
    if column in {"cc", "cf_id"}:  # keep uniq_id = cc·1000 + cf_id out of it
        other["uniq_id"] = 620077
    result = read(tmp_path, row(), other, row(**LIBYA_GOVERNMENT))
    errors = [e for e in result.errors if "differs" in e.reason]
    assert [(e.line, e.column) for e in errors] == [(3, column)]
    assert "on line 2, the same ceasefire (uniq_id 620077)" in errors[0].reason
    assert result.refused == [620077]
    assert [c.uniq_id for c in result.ceasefires] == [620078]


def test_uniq_id_must_be_cc_times_1000_plus_cf_id(tmp_path):
    result = read(tmp_path, row(uniq_id=620077, cf_id=76))
    assert only_error(result) == (2, "uniq_id")
    assert "620077 is not cc·1000 + cf_id (620·1000 + 76 = 620076)" in result.errors[0].reason
    assert result.ceasefires == []


def test_a_row_whose_ids_are_not_numbers_is_an_error(tmp_path):
    result = read(tmp_path, row(uniq_id="62O077"), row(cc="six"), row(**LIBYA_GOVERNMENT))
    assert [(e.line, e.column) for e in result.errors] == [(2, "uniq_id"), (3, "cc")]
    assert result.refused == [620077]
    assert [c.uniq_id for c in result.ceasefires] == [620078]


# Dates


@pytest.mark.parametrize(
    ("parts", "date", "precision", "text"),
    [
        ((2020, 1, 12), PartialDate(2020, 1, 12), PartialDatePrecision.DAY, "2020-01-12"),
        ((2014, 4, -1), PartialDate(2014, 4, None), PartialDatePrecision.MONTH, "2014-04"),
        ((1993, -1, -1), PartialDate(1993, None, None), PartialDatePrecision.YEAR, "1993"),
        ((-1, -1, -1), PartialDate(None, None, None), PartialDatePrecision.UNKNOWN, "unknown"),
        ((2016, 2, 29), PartialDate(2016, 2, 29), PartialDatePrecision.DAY, "2016-02-29"),
    ],
)
def test_dates_with_unknown_parts(tmp_path, parts, date, precision, text):
    year, month, day = parts
    result = read(tmp_path, row(end_yr=year, end_month=month, end_day=day))
    end = result.ceasefires[0].declarations[0].end
    assert (end, end.precision, str(end)) == (date, precision, text)
    assert end.first_day() == (dt.date(year, max(month, 1), max(day, 1)) if year > 0 else None)


def test_zero_in_every_part_is_no_date(tmp_path):
    result = read(tmp_path, row(cf_effect_yr=0, cf_effect_month=0, cf_effect_day=0, ended=3))
    declaration = result.ceasefires[0].declarations[0]
    assert (declaration.effect, declaration.end) == (None, None)
    assert declaration.coded["ended"] == "3"


@pytest.mark.parametrize(
    ("cells", "column", "reason", "attribute", "read_as"),
    [
        ({"cf_dec_month": 13}, "cf_dec_month", "13 is not a month", "declared", PartialDate(2020, None, None)),
        (
            {"cf_effect_month": 2, "cf_effect_day": 31},
            "cf_effect_day",
            "31 February 2020 is not a date",
            "effect",
            PartialDate(2020, 2, None),
        ),
        (
            {"end_yr": 2020, "end_month": 6, "end_day": 31},
            "end_day",
            "31 June 2020 is not a date",
            "end",
            PartialDate(2020, 6, None),
        ),
        (
            {"end_yr": 2019, "end_month": 2, "end_day": 29},
            "end_day",
            "29 February 2019 is not a date",
            "end",
            PartialDate(2019, 2, None),
        ),
        (
            {"end_yr": 2020, "end_month": -1, "end_day": 1},
            "end_day",
            "a day (1) without a month",
            "end",
            PartialDate(2020, None, None),
        ),
        (
            {"end_yr": -1, "end_month": 6, "end_day": -1},
            "end_month",
            "a month (6) without a year",
            "end",
            PartialDate(None, None, None),
        ),
        ({"cf_dec_day": 32}, "cf_dec_day", "32 is not a day of a month", "declared", PartialDate(2020, 1, None)),
    ],
)
def test_an_impossible_date_is_read_to_the_precision_its_valid_parts_give(
    tmp_path, cells, column, reason, attribute, read_as
):
    result = read(tmp_path, row(**cells), row(**LIBYA_GOVERNMENT))
    assert result.errors == []
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (2, column)
    assert warning.reason.startswith(reason)
    assert f"read as {read_as}" in warning.reason
    assert [c.uniq_id for c in result.ceasefires] == [620077, 620078]
    assert getattr(result.ceasefires[0].declarations[0], attribute) == read_as


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ({"cf_effect_month": 0}, "cf_effect_month", "0 in only part of a date"),
        ({"cf_dec_day": -2}, "cf_dec_day", "-2 is not a date part"),
        ({"cf_dec_yr": "2020.0"}, "cf_dec_yr", "'2020.0' is not a whole number"),
        ({"end_yr": ""}, "end_yr", "'' is not a whole number"),
    ],
)
def test_a_cell_that_is_no_date_part_is_an_error_naming_its_column(tmp_path, cells, column, reason):
    result = read(tmp_path, row(**cells), row(**LIBYA_GOVERNMENT))
    assert only_error(result) == (2, column)
    assert result.errors[0].reason.startswith(reason)
    assert result.refused == [620077]
    assert [c.uniq_id for c in result.ceasefires] == [620078]


def test_a_partial_date_cannot_be_made_impossible():
    with pytest.raises(PartialDateError, match="without a month") as caught:
        PartialDate(2020, None, 3)
    assert caught.value.part == "day"


def test_every_bad_cell_of_a_row_is_reported_and_a_bad_row_refuses_its_whole_ceasefire(tmp_path):
    result = read(
        tmp_path,
        row(),
        row(id=1841, cf_dec_month=0, end_yr=2020, end_month=2, end_day="x", pax_id=0, ucdp_actor_id=0),
    )
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "ucdp_actor_id"),
        (3, "pax_id"),
        (3, "cf_dec_month"),
        (3, "end_day"),
    ]
    assert all(isinstance(e, RowError) for e in result.errors)
    assert (
        str(result.errors[1])
        == "line 3, column pax_id: 0 is not a PA-X agreement id (a positive number, or -1 for none)"
    )
    assert (result.ceasefires, result.refused) == ([], [620077])
    assert result.counts == {
        "rows": 2,
        "ceasefires": 0,
        "declarations": 0,
        "refused": 1,
        "errors": 4,
        "warnings": 0,
    }


# Places


@pytest.mark.parametrize(
    ("uniq_id", "location", "country", "zone"),
    [
        (365001, "Russia (Soviet Union)", "RU", "Europe/Moscow"),
        (345001, "Serbia (Yugoslavia)", "RS", "Europe/Belgrade"),
        (490001, "DR Congo (Zaire)", "CD", "Africa/Lubumbashi"),
        (484001, "Congo", "CG", "Africa/Brazzaville"),
        (850001, "Indonesia", "ID", "Asia/Jakarta"),
        (640001, "Turkey ", "TR", "Europe/Istanbul"),
        (816001, "Vietnam", None, None),
    ],
)
def test_gleditsch_ward_codes_are_not_iso_codes(tmp_path, uniq_id, location, country, zone):
    result = read(tmp_path, row(uniq_id=uniq_id, location=location))
    if country is None:  # GW 816 is Vietnam, but not a country of this release: refused, not guessed
        assert only_error(result) == (2, "cc")
        assert "Gleditsch–Ward code 816 is not one this reader knows" in result.errors[0].reason
        return
    (ceasefire,) = result.ceasefires
    assert (ceasefire.country, ceasefire.time_zone, ceasefire.location) == (country, zone, location)


@pytest.mark.parametrize(
    ("cc", "location", "column", "reason"),
    [
        (620, "Sudan", "location", "Gleditsch–Ward code 620 is LY, but 'Sudan' is SD"),
        (620, "Libyan Arab Jamahiriya", "location", "'Libyan Arab Jamahiriya' is not a country name this reader knows"),
        (999, "Libya", "cc", "Gleditsch–Ward code 999 is not one this reader knows (GW codes are not ISO codes)"),
    ],
)
def test_an_unknown_or_inconsistent_country_is_an_error(tmp_path, cc, location, column, reason):
    uniq_id = cc * 1000 + 77
    result = read(tmp_path, row(uniq_id=uniq_id, location=location), row(uniq_id=uniq_id, id=1841, location=location))
    assert only_error(result) == (2, column)
    assert result.errors[0].reason == reason


def test_every_known_country_has_a_real_code_and_a_zone_zoneinfo_loads():
    assert len(GLEDITSCH_WARD) == 66
    for code in [*GLEDITSCH_WARD.values(), *LOCATION_NAMES.values()]:
        assert is_country_code(code), code
    assert set(LOCATION_NAMES.values()) <= set(GLEDITSCH_WARD.values())
    for code in GLEDITSCH_WARD.values():
        assert zoneinfo.ZoneInfo(time_zone(code)).key == time_zone(code)


def test_a_chosen_zone_is_one_of_its_countrys_several():
    zones = zones_by_country()
    for country, zone in CONFLICT_ZONES.items():
        assert len(zones[country]) > 1, country
        assert zone in zones[country], (country, zone)
    multi = {code for code in GLEDITSCH_WARD.values() if len(zones[code]) > 1}
    assert multi == set(CONFLICT_ZONES)


def test_a_country_with_several_zones_and_none_chosen_is_refused():
    with pytest.raises(PlaceError, match=r"US has \d+ time zones .* and none is chosen"):
        time_zone("US")
    with pytest.raises(PlaceError, match="lists no time zone for XX"):
        time_zone("XX")
    assert country_code(620, "Libya") == "LY"


# Actors, mediators, PA-X, links, durations, the rest


def test_an_actor_ucdp_does_not_list_has_no_id_and_a_lost_character_is_flagged(tmp_path):
    result = read(
        tmp_path,
        row(ucdp_actor_id=-1, actor="NATO"),
        row(uniq_id=482001, location="Central African Republic", actor="S\ufffdl\ufffdka", ucdp_actor_id=6001,
            cf_pp="Bangui\ufffds ceasefire"),
    )  # fmt: skip
    nato, seleka = (c.declarations[0] for c in result.ceasefires)
    assert (nato.actor, nato.actor.name_damaged, nato.damaged) == (Actor(None, "NATO"), False, ())
    assert seleka.actor == Actor(6001, "S\ufffdl\ufffdka")
    assert (seleka.actor.name_damaged, seleka.damaged) == (True, ("actor_name", "cf_pp"))


@pytest.mark.parametrize("value", ["0", "-2", "", "5802.0"])
def test_an_actor_id_that_is_neither_an_id_nor_minus_1_is_an_error(tmp_path, value):
    assert only_error(read(tmp_path, row(ucdp_actor_id=value))) == (2, "ucdp_actor_id")


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("0", []),
        ("-1", []),
        ("UN", ["UN"]),
        ("USA ", ["USA"]),
        ("OSCE, Russia", ["OSCE", "Russia"]),
        ("Kyaw Yin Hlaing  (Myanmar Egress)", ["Kyaw Yin Hlaing (Myanmar Egress)"]),
        (
            "Mohamed Ould Abdel Aziz (AU), Albert Koenders (UN)",
            ["Mohamed Ould Abdel Aziz (AU)", "Albert Koenders (UN)"],
        ),
        ("UN, OAU, League of Arab States", ["UN", "OAU", "League of Arab States"]),
        ("Blaise Compaore (president of Burkina Faso, mediator for ECOWAS)", None),
        ("ECOWAS committee composed of Nigeria, Ghana, Guinea, Ivory Coast", None),
        ("Stipe Mesic, chairmain of Yugoslavia's collective presidency", None),
        ('South Africa, other "regional African leaders"', None),
        ("Hawiye Cultural and Unity Council", None),
    ],
)
def test_mediators_are_split_only_at_commas_between_names(cell, names):
    assert mediator_names(cell) == (names if names is not None else [cell])


def test_mediators_keep_their_raw_cell(tmp_path):
    result = read(tmp_path, row(mediator_nego=1, mediator_send="Russia, Turkey"))
    declaration = result.ceasefires[0].declarations[0]
    assert declaration.mediators == ("Russia", "Turkey")
    assert (declaration.coded["mediator_send"], declaration.coded["mediator_nego"]) == ("Russia, Turkey", "1")


def test_pax_id_is_the_pa_x_agreement_or_none(tmp_path):
    result = read(tmp_path, row(pax_id=2320), row(**LIBYA_GOVERNMENT))
    assert [c.declarations[0].pax_id for c in result.ceasefires] == ["2320", None]
    assert [c.pax_ids for c in result.ceasefires] == [["2320"], []]


def test_links_are_positive_cf_ids_once_each_with_the_raw_cells_kept(tmp_path):
    result = read(tmp_path, row(link=3, link_id1=75, link_id2=-1, link_id3=76, link_id4=75, link_id5="", link_id6=0))
    (ceasefire,) = result.ceasefires
    declaration = ceasefire.declarations[0]
    assert declaration.linked_cf_ids == (75, 76)
    assert declaration.linked_uniq_ids == (620075, 620076)
    assert ceasefire.linked_uniq_ids == [620075, 620076]
    assert [declaration.coded[f"link_id{n}"] for n in range(1, 7)] == ["75", "-1", "76", "75", "", "0"]
    assert declaration.coded["link"] == "3"


@pytest.mark.parametrize(
    ("fixed", "fixed_time", "days"),
    [("1", "30", 30), ("1", "72 hours", None), ("1", "-1", None), ("1", "0", None), ("0", "30", None),
     ("-1", "9", None)],
)  # fmt: skip
def test_a_duration_in_days_only_where_fixed_is_1_and_the_time_a_number(tmp_path, fixed, fixed_time, days):
    declaration = read(tmp_path, row(fixed=fixed, fixed_time=fixed_time)).ceasefires[0].declarations[0]
    assert declaration.fixed_days == days
    assert (declaration.coded["fixed"], declaration.coded["fixed_time"]) == (fixed, fixed_time)


def test_every_other_column_is_kept_verbatim_under_its_name(tmp_path):
    cells = {
        "written": "2",
        "ended": "-1",
        "p_other_comment": "goodwill gesture",
        "ceasefire_class": "3",
        "factivia_page": "Purpose: (Reuters, 13.01.2020)",
        "truce": "1",
        "coder": "FM",
        "cf_pp": " two  spaces ",
    }
    (ceasefire,) = read(tmp_path, row(**cells)).ceasefires
    coded = ceasefire.declarations[0].coded
    assert {k: coded[k] for k in cells} == cells
    assert ceasefire.coded == {"region": "4", "enforcement": "0"}
    typed = {"cc", "cf_id", "uniq_id", "location", "ucdp_actor_id", "actor_name", "pax_id", "id", "region",
             "enforcement", "cf_dec_yr", "cf_dec_month", "cf_dec_day", "cf_effect_yr", "cf_effect_month",
             "cf_effect_day", "end_yr", "end_month", "end_day"}  # fmt: skip
    assert set(coded) == set(COLUMNS) - typed
    assert len(coded) == 87 - 19


# The real release


def test_the_real_2022_release():
    path = real_file()
    require(path.is_file(), f"set ETHPRIO_CSV to the ETH/PRIO ceasefire dataset (no file at {path})")
    result = read_ceasefires(path)
    assert result.rows == 4091
    # The release holds five impossible dates, each read to the precision its valid parts give.
    assert [(w.line, w.column) for w in result.warnings] == [
        (213, "end_month"),  # 345015: June of no year: unknown
        (1791, "cf_effect_day"),  # 570002: 31 February 1994, on both its rows: February 1994
        (1792, "cf_effect_day"),
        (1984, "end_day"),  # 625099: day 1 of no month: the year
        (2123, "end_day"),  # 625194: 31 June 2020: June 2020
    ]
    assert (result.errors, result.refused) == ([], [])
    assert result.counts == {
        "rows": 4091,
        "ceasefires": 2203,
        "declarations": 4091,
        "refused": 0,
        "errors": 0,
        "warnings": 5,
    }
    declarations = [d for c in result.ceasefires for d in c.declarations]
    # 469 distinct ucdp_actor_id values: 468 UCDP ids and -1 (35 rows, 27 names UCDP does not list).
    assert len({d.actor.ucdp_id for d in declarations}) == 469
    assert sum(d.actor.ucdp_id is None for d in declarations) == 35
    # PA-X: 613 rows, 236 ceasefires, 235 distinct AgtIds (AgtId 321 is both 516007's and 516008's).
    assert sum(d.pax_id is not None for d in declarations) == 613
    assert sum(bool(c.pax_ids) for c in result.ceasefires) == 236
    assert len({p for c in result.ceasefires for p in c.pax_ids}) == 235
    assert max(len(c.pax_ids) for c in result.ceasefires) == 1
    assert len({c.country for c in result.ceasefires}) == 66
    by_id = {c.uniq_id: c for c in result.ceasefires}
    for uniq_id in (620077, 620078):
        libya = by_id[uniq_id]
        (declaration,) = libya.declarations
        assert (libya.country, libya.time_zone) == ("LY", "Africa/Tripoli")
        assert (declaration.effect, declaration.effect.precision) == (PartialDate(2020, 1, 12), "day")
    # The file has 1,592 rows with fixed 1 and a number of days.
    assert sum(d.fixed_days is not None for d in declarations) == 1592
    assert sum(bool(d.damaged) for d in declarations) == 85
    assert sum(d.actor.name_damaged for d in declarations) == 10
    assert sum(bool(d.mediators) for d in declarations) == 1744
    assert Counter(len(d.mediators) > 1 for d in declarations)[True] == 463
    # Links: 540 ceasefires link to others; 4 link to themselves; 93003 and 840038 are not in the file.
    assert sum(bool(c.linked_uniq_ids) for c in result.ceasefires) == 540
    assert sum(c.uniq_id in c.linked_uniq_ids for c in result.ceasefires) == 4
    in_file = {*by_id, *result.refused}
    assert sorted({u for c in result.ceasefires for u in c.linked_uniq_ids} - in_file) == [93003, 840038]
    assert (sum(d.effect is None for d in declarations), sum(d.end is None for d in declarations)) == (117, 319)
