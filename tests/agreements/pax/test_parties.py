"""Reading actors and roles out of PA-X party cells: one test per way the old parser went wrong."""

from __future__ import annotations

import re

import pytest

from agreements.pax.parties import Known, Party, agreement_country, parse_cell, signer_name, signer_office
from agreements.pax.party_text import clean
from utilities.folding import fold


def parse(text: str, *, column: str = "Part", loc1iso: str = "", con: str = "", known=None) -> list[Party]:
    alpha3, name = agreement_country(loc1iso, con)
    return parse_cell(text, column=column, country_alpha3=alpha3, country_name=name, known=known)


def names(parties: list[Party]) -> list[str]:
    return [p.name for p in parties]


def signers(parties: list[Party]) -> list[tuple[str, str]]:
    return [(p.name, p.signed_by) for p in parties]


def folded(parties: list[Party]) -> set[str]:
    return {fold(n) for p in parties for n in (p.name, *p.aliases)}


# --- headings and fragments are never actors (R1) -------------------------------------------


def test_rebel_groups_and_government_headings_are_not_actors():
    cell = (
        "Government\nBrigadier General Ahmad Hassan\n\nRebel Groups\n"
        "Faylaq al-Sham: Abu Abdo\nJaysh al-Islam: Muhammad Alloush"
    )
    parties = parse(cell, loc1iso="SYR")
    assert fold("Rebel Groups") not in {fold(p.name) for p in parties}
    assert fold("Government") not in {fold(p.name) for p in parties}
    assert {"Faylaq al-Sham", "Jaysh al-Islam"} <= set(names(parties))


def test_for_the_authority_is_a_signature_block_not_an_actor():
    cell = "H. E. DAWDA KAIRABA JAWARA\nCHAIRMAN \nECOWAS STANDING MEDIATION COMMITTEE \nFOR THE AUTHORITY"
    (party,) = parse(cell, loc1iso="LBR")
    assert party.name == "ECOWAS STANDING MEDIATION COMMITTEE"
    assert party.signed_by == "DAWDA KAIRABA JAWARA"
    assert "ECOWAS" in party.aliases


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Julián Lopez - Accompanying person, Central General Staff", set()),
        ("World Bank, Asian Development Bank", {"World Bank", "Asian Development Bank"}),
        (
            "Central African Republic; World Council of Churches",
            {"Central African Republic", "World Council of Churches"},
        ),
    ],
)
def test_central_and_world_are_never_actors_on_their_own(cell, expected):
    parties = parse(cell, column="ThrdPart", loc1iso="COL")
    assert not {"central", "world"} & {fold(p.name) for p in parties}
    assert expected <= set(names(parties))


@pytest.mark.parametrize(
    "cell",
    [
        "Not signed, parties not listed.",
        "Third signatory unknown.",
        "Witness one  [illegible] \nWitness two  [illegible]",
        "[Unknown - writing illegible]",
        "Signed at Doha on 14 July 2011 [Signed]",
        "The parties",
    ],
)
def test_notes_places_dates_and_the_parties_name_no_one(cell):
    assert parse(cell, column="ThrdPart", loc1iso="SDN") == []


# --- people and offices (R5) ------------------------------------------------------------------


def test_a_person_and_their_office_are_one_actor_and_its_signer():
    cell = "For the State of Israel: Yitzhak Rabin, Prime Minister"
    (israel,) = parse(cell, loc1iso="ISR")
    # One name per state (the gazetteer's short name); the cell's wording is an alias.
    assert (israel.name, israel.kind, israel.country) == ("Israel", "state", "IL")
    assert (israel.signed_by, israel.signed_as) == ("Yitzhak Rabin", "Prime Minister")
    assert "State of Israel" in israel.aliases


def test_israel_and_jordan_each_with_their_signer():
    cell = (
        "For the State of Israel: Yitzhak Rabin, Prime Minister; "
        "For the Hashemite Kingdom of Jordan: Abdul Salam Majali, Prime Minister"
    )
    israel, jordan = parse(cell, loc1iso="ISR")
    assert (israel.name, israel.signed_by) == ("Israel", "Yitzhak Rabin")
    assert (jordan.name, jordan.signed_by, jordan.country) == ("Jordan", "Abdul Salam Majali", "JO")
    assert "Hashemite Kingdom of Jordan" in jordan.aliases


def test_a_head_of_state_signs_for_a_government():
    (party,) = parse("H.E. Thabo Mbeki, President of the Republic of South Africa", column="ThrdPart", loc1iso="BDI")
    assert (party.name, party.kind, party.country, party.signed_by) == (
        "Government of South Africa",
        "government",
        "ZA",
        "Thabo Mbeki",
    )


def test_a_person_with_no_actor_is_a_person():
    parties = parse("Radovan Karadzic; Alija Izetbegovic; Mate Boban", loc1iso="BIH")
    assert [(p.name, p.kind) for p in parties] == [
        ("Radovan Karadzic", "person"),
        ("Alija Izetbegovic", "person"),
        ("Mate Boban", "person"),
    ]


def test_offices_run_into_the_party_a_person_signs_for():
    cell = (
        "3. Hon. Gabriel Changson Chang, Minister of High Education, Science and Technology "
        "For the South Sudan Opposition Alliance (SSOA)"
    )
    (party,) = parse(cell, loc1iso="SSD")
    assert (party.name, party.signed_by) == ("South Sudan Opposition Alliance", "Gabriel Changson Chang")
    assert "SSOA" in party.aliases


# --- names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Government of Rwanda and Rwandese Patriotic Front",
            ["Government of Rwanda", "Rwandese Patriotic Front"],
        ),
        # The gazetteer's name for the Houthis, "Houthi movement" kept as an alias.
        ("Yemeni government and the Houthi movement", ["Government of Yemen", "Ansar Allah"]),
        ("Social Democratic and Labour Party", ["Social Democratic and Labour Party"]),
        ("Bosnia and Herzegovina", ["Bosnia and Herzegovina"]),
    ],
)
def test_and_splits_two_parties_but_not_one_name(cell, expected):
    assert names(parse(cell, loc1iso="RWA")) == expected


def test_taliban_political_office_in_qatar_is_the_taliban_not_qatar():
    parties = parse("Taliban Political Office (Qatar)\nTaliban insurgent group in negotiations.", loc1iso="AFG")
    assert [(p.name, p.kind, p.country) for p in parties] == [("Taliban", "armed_group", "AF")]
    assert "qatar" not in folded(parties)


def test_acronyms_are_read_in_the_agreements_country():
    (south_sudan,) = parse("Hon. Wilson Lodiong Sebit\nANC Representative", loc1iso="SSD")
    (south_africa,) = parse("Cyril Ramaphosa, ANC", loc1iso="ZAF")
    # An acronym is named by the actor it means in that country, and kept as an alias.
    assert (south_sudan.name, south_sudan.country) == ("African National Congress of South Sudan", "SS")
    assert "ANC" in south_sudan.aliases
    assert (south_africa.name, south_africa.country) == ("African National Congress", "ZA")
    assert "ANC" in south_africa.aliases
    (full_name,) = parse("For African National Congress (ANC)\nHon. Wilson Lionding Sabit", loc1iso="SSD")
    assert (full_name.name, full_name.country) == ("African National Congress", "SS")


def test_a_bracketed_acronym_is_an_alias_and_names_the_actor_later():
    cell = "Liberation Tigers of Tamil Eelam (LTTE)\nWitnessed by: S. Solheim for the LTTE"
    parties = parse(cell, loc1iso="LKA")
    assert [(p.name, p.role) for p in parties] == [
        ("Liberation Tigers of Tamil Eelam", "signatory"),
        ("Liberation Tigers of Tamil Eelam", "witness"),
    ]
    assert parties[0].aliases[0] == "LTTE"


@pytest.mark.parametrize(
    "cell",
    [
        "Gobierno Nacional, FARC-EP",
        "The National Government; the FARC - EP.",
        "Delegates of Government of the Republic of Colombia (The National Government) and the Revolutionary "
        "Armed Forces of Colombia (FARC-EP)",
        "By the Head of the Delegation of the Government, Juan Camilo Restrepo.",
        "For the Government:\nHumberto de la Calle",
        "Por el Gobierno Nacional,\nHUMBERTO DE LA CALLE LOMBANA\nMinistro de Gobierno",
        "Colombian government",
    ],
)
def test_the_colombian_government_written_any_way_is_one_actor(cell):
    governments = [p for p in parse(cell, loc1iso="COL", con="Colombia") if p.kind == "government"]
    assert [(p.name, p.country) for p in governments] == [("Government of Colombia", "CO")]


def test_the_colombian_government_twice_in_one_cell_is_one_entity():
    cell = "Por el Gobierno Nacional: Juan Pérez\nGovernment of the Republic of Colombia\nGRP"
    governments = [p for p in parse(cell, loc1iso="COL") if p.kind == "government"]
    assert names(governments) == ["Government of Colombia"]


def test_arabic_particles_and_hayat_tahrir_al_sham():
    cell = (
        "Hay'at Tahrir al-Sham, signed by Abu Muhammed al-Jolani;\n"
        "Syrian Liberation Front, signed by Hasan Muhammad Soufan;"
    )
    hts, slf = parse(cell, loc1iso="SYR")
    assert (hts.name, hts.kind, hts.signed_by) == ("Hay'at Tahrir al-Sham", "armed_group", "Abu Muhammed al-Jolani")
    assert "HTS" in hts.aliases
    assert (slf.name, slf.signed_by) == ("Syrian Liberation Front", "Hasan Muhammad Soufan")


@pytest.mark.parametrize("name", ["AFC/M23", "M23", "SPLM/A", "FARC-EP"])
def test_names_with_slashes_dashes_and_digits_are_names(name):
    cell = f"Government of the Democratic Republic of the Congo; {name}"
    parties = parse(cell, loc1iso="COD")
    assert names(parties) == ["Government of the Democratic Republic of the Congo", name]
    assert parties[1].kind == "armed_group"


def test_five_states_split_across_a_line_break():
    cell = "France, the Russian Federation, Spain, the United Kingdom, and the United States of\nAmerica"
    parties = parse(cell, loc1iso="BIH")
    assert names(parties) == ["France", "Russian Federation", "Spain", "United Kingdom", "United States"]
    assert "United States of America" in parties[-1].aliases
    assert [p.country for p in parties] == ["FR", "RU", "ES", "GB", "US"]
    assert {p.kind for p in parties} == {"state"}


# --- kinds (R6) -----------------------------------------------------------------------------------


def test_a_political_party_is_an_organisation_not_a_state():
    cell = "Government of the United Kingdom\nDemocratic Unionist Party\nSinn Féin\nUlster Unionist Party"
    parties = parse(cell, loc1iso="GBR")
    kinds = {p.name: p.kind for p in parties}
    assert kinds["Democratic Unionist Party"] == "organisation"
    assert kinds["Ulster Unionist Party"] == "organisation"
    assert kinds["Sinn Féin"] == "organisation"
    assert kinds["Government of the United Kingdom"] == "government"
    dup = next(p for p in parties if p.name == "Democratic Unionist Party")
    assert (dup.country, dup.aliases[0]) == ("GB", "DUP")


def test_a_minister_of_a_party_signs_for_the_party():
    (dup,) = parse("Arlene Foster, First Minister (Democratic Unionist Party)", loc1iso="GBR")
    assert (dup.name, dup.kind, dup.signed_by) == ("Democratic Unionist Party", "organisation", "Arlene Foster")


# --- roles (R7) ---------------------------------------------------------------------------------------


def test_roles_come_from_the_nearest_heading_and_hold_until_the_next():
    cell = (
        "Guarantors:\n- Yoweri Kaguta Museveni, President of the Republic of Uganda\n\n"
        "Witnesses:\n- Benjamin Mkapa, President of the United Republic of Tanzania\n"
        "- Ambassador Dinka, Special Representative of the United Nations Secretary-General in Burundi\n\n"
        "Observers:\nOSCE\n\nFacilitation:\nCentre for Humanitarian Dialogue"
    )
    roles = {p.name: p.role for p in parse(cell, column="ThrdPart", loc1iso="BDI")}
    assert roles == {
        "Government of Uganda": "guarantor",
        "Government of Tanzania": "witness",
        "United Nations": "witness",
        "Organization for Security and Co-operation in Europe": "observer",
        "Centre for Humanitarian Dialogue": "mediator",
    }


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Witnessed by: H.E. Pierre Buyoya, on behalf of the African Union High Level Implementation Panel", "witness"),
        ("In the presence of: Rajesh Pilot, Minister of Home Affairs, Government of India", "witness"),
        ("Guarantor countries\nRepublic of Cuba\nKingdom of Norway", "guarantor"),
        ("Mediator: Kingdom of Saudi Arabia", "mediator"),
        ("Meeting chaired by Representative of Indonesia, Rezlan I. Jenie, acting as a facilitator.", "mediator"),
        ("Observers\nEuropean Union", "observer"),
        ("Kingdom of Saudi Arabia", "third_party"),
    ],
)
def test_role_headings(cell, role):
    parties = parse(cell, column="ThrdPart", loc1iso="SDN")
    assert parties
    assert {p.role for p in parties} == {role}


def test_a_word_inside_a_name_or_office_gives_no_role():
    cell = (
        "List of representatives:\nMultilateral Investment Guarantee Agency\nWorld Health Organization\n"
        "International Monetary Fund"
    )
    parties = parse(cell, column="ThrdPart", loc1iso="LKA")
    assert [(p.name, p.role) for p in parties] == [
        ("Multilateral Investment Guarantee Agency", "third_party"),
        ("World Health Organization", "third_party"),
        ("International Monetary Fund", "third_party"),
    ]
    witnesses = parse("WITNESSES:\nAmb. Ture Lundh - Third Party Facilitator For the Royal Norwegian Government")
    assert [(p.name, p.role) for p in witnesses] == [("Government of Norway", "witness")]


def test_a_new_for_block_ends_the_heading_above_it():
    cell = "WITNESSED BY\nThabo Mbeki, President of the Republic of South Africa\n\nFOR SUDAN:\nAli Osman Taha"
    parties = parse(cell, column="ThrdPart", loc1iso="UGA")
    assert [(p.name, p.role) for p in parties] == [
        ("Government of South Africa", "witness"),
        ("Sudan", "third_party"),
    ]


# --- what the caller knows -----------------------------------------------------------------------


def test_a_known_actor_is_named_as_the_caller_knows_it():
    known = {fold("LNA"): Known("Libyan National Army", "armed_group", "LY")}
    (party,) = parse("LNA", loc1iso="LBY", known=lambda name: known.get(fold(name)))
    assert (party.name, party.kind, party.country) == ("Libyan National Army", "armed_group", "LY")
    assert party.aliases == ("LNA",)


def test_the_country_comes_from_con_when_loc1iso_is_empty():
    assert agreement_country("", "Kosovo/Serbia/Yugoslavia (former)") == ("", "Kosovo")
    assert agreement_country("COL", "Colombia") == ("COL", "Colombia")
    congo = ("COD", "the Democratic Republic of the Congo")
    assert agreement_country("", "Democratic Republic of Congo/Rwanda") == congo


# --- layouts seen in rows outside the gold sets -----------------------------------------------


def test_several_for_blocks_on_one_line_are_one_actor_each():
    cell = "For New Zealand: NIGEL MOORE; For Australia: DAVID IRVINE; For Fiji: COL. PAUL MANUELI"
    parties = parse(cell, loc1iso="PNG")
    assert signers(parties) == [
        ("New Zealand", "NIGEL MOORE"),
        ("Australia", "DAVID IRVINE"),
        ("Fiji", "PAUL MANUELI"),
    ]


def test_a_bare_government_heading_over_its_signers_is_the_agreements_government():
    cell = "Government\nDeeb Zaytūn, head of the Syrian Intelligence\n\nRebel Groups\nFaylaq al-Shām: Abu Abdo"
    parties = parse(cell, loc1iso="SYR")
    government = next(p for p in parties if p.kind == "government")
    assert (government.name, government.signed_by) == ("Government of Syria", "Deeb Zaytūn")


def test_signed_heading_leaves_its_names_as_people():
    parties = parse("Signed: \nG. Baccus Matthews \nMomolu Sirleaf", loc1iso="LBR")
    assert [(p.name, p.kind) for p in parties] == [("G. Baccus Matthews", "person"), ("Momolu Sirleaf", "person")]


def test_arabic_names_put_their_head_word_first():
    parties = parse("Faylaq al-Shām: Āhrār al-Shām and Katā’ib al-Jihād al-Islāmī", loc1iso="SYR")
    assert "Katā’ib al-Jihād al-Islāmī" in names(parties)
    assert all(p.kind == "armed_group" for p in parties)


def test_representatives_of_the_colon_introduces_a_list():
    cell = (
        "Witnessed by representatives of the: Government of the Republic of Croatia- Dr. Mate Granic; "
        "International Committee for the Red Cross - C. Von Flue; UNPROFOR- William Veennvliet"
    )
    parties = parse(cell, column="ThrdPart", loc1iso="BIH")
    croatia = parties[0]
    assert (croatia.name, croatia.role, croatia.signed_by) == ("Government of Croatia", "witness", "Mate Granic")
    assert len(parties) == 3


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Mohamed Farah Hassan Aidid (SNA)", ("SNA", "Mohamed Farah Hassan Aidid")),
        ("Ali Mahda Mohamed (Group of 12)", ("Group of 12", "Ali Mahda Mohamed")),
        ("R Karadzic [Republika Srpska]", ("Republika Srpska", "R Karadzic")),
    ],
)
def test_a_person_then_their_actor_in_brackets_is_the_actor_and_its_signer(cell, expected):
    (party,) = parse(cell, loc1iso={"R": "BIH"}.get(cell[0], "SOM"))
    assert (party.name, party.signed_by) == expected
    assert party.signed_as == ""


def test_where_it_was_signed_names_no_one_and_initials_are_kept():
    parties = parse("Signed at Sarajevo Airport by: H. Siljadzic; N. Koljevic", loc1iso="BIH")
    assert [(p.name, p.kind) for p in parties] == [("H. Siljadzic", "person"), ("N. Koljevic", "person")]
    (tajikistan,) = parse("(Signed) E. S. RAKHMONOV President of the Republic of Tajikistan", loc1iso="TJK")
    assert tajikistan.signed_by == "E. S. RAKHMONOV"


def test_a_lower_case_for_ends_a_name_in_capitals():
    (party,) = parse("AUGUSTO RAMÍREZ OCAMPO and ANA MERCEDES GÓMEZ for CCN", loc1iso="COL")
    assert (party.name, party.signed_by) == ("CCN", "AUGUSTO RAMÍREZ OCAMPO")


@pytest.mark.parametrize(
    ("cell", "loc1iso", "name", "country"),
    [
        ("H.E. Abdullahi Yusuf Ahmed, President of the Somali Republic", "SOM", "Government of Somalia", "SO"),
        ("For the Azerbaijani Republic: Ayaz Mutalibov", "AZE", "Azerbaijan", "AZ"),
        ("German Democratic Republic", "DEU", "German Democratic Republic", ""),
        ("1. Tehreek-e-Taliban Pakistan\n2. Government of Pakistan", "PAK", "Tehreek-e-Taliban Pakistan", "PK"),
        (
            "For the Rebolusyonaryong Partido ng Manggagawa ng Mindanao",
            "PHL",
            "Rebolusyonaryong Partido ng Manggagawa ng Mindanao",
            "PH",
        ),
    ],
)
def test_state_forms_and_names_of_other_languages(cell, loc1iso, name, country):
    party = parse(cell, loc1iso=loc1iso)[0]
    assert (party.name, party.country) == (name, country)


def test_a_block_named_with_a_role_word_is_an_actor_in_that_role():
    cell = "For the Peace Facilitation Commission:\n•    NUBI FERNÁNDEZ PERLAZA\n•    GERMAN ROJAS NIÑO"
    (party,) = parse(cell, column="ThrdPart", loc1iso="COL")
    assert (party.name, party.role, party.signed_by) == (
        "Peace Facilitation Commission",
        "mediator",
        "NUBI FERNÁNDEZ PERLAZA",
    )


def test_a_body_named_with_to_is_one_name_and_no_office():
    cell = "Edelma Gómez\nMission to Support the Peace Process of the\nOrganization of the American States (MAPP-OEA)"
    (party,) = parse(cell, column="ThrdPart", loc1iso="COL")
    assert party.name == "Mission to Support the Peace Process of the Organization of the American States"
    assert (party.signed_by, party.signed_as) == ("Edelma Gómez", "")
    assert "MAPP-OEA" in party.aliases


def test_groups_named_before_one_plural_noun_are_one_community_each():
    cell = "Not signed, the text names the parties that produced it: The Didinga and Laarim communities."
    parties = parse(cell, loc1iso="SSD")
    assert [(p.name, p.kind) for p in parties] == [("Didinga", "other"), ("Laarim", "other")]
    assert "Didinga community" in parties[0].aliases


def test_an_editorial_note_that_names_the_parties_names_them():
    cell = "[Note: Signatories not listed, however parties are stated to be the Government of Angola and UNITA]"
    assert names(parse(cell, loc1iso="AGO")) == ["Government of Angola", "UNITA"]


def test_a_delegation_led_by_someone_is_the_side_and_its_signer():
    cell = (
        "The Georgian delegation was led by Mr. George Khaindrava.\nThe Abkhaz delegation was led by Mr. Sergei Shamba."
    )
    parties = parse(cell, loc1iso="GEO")
    assert [(p.name, p.kind, p.signed_by) for p in parties] == [
        ("Georgian delegation", "government", "George Khaindrava"),
        ("Abkhaz delegation", "other", "Sergei Shamba"),
    ]


def test_people_listed_surname_first_are_people():
    parties = parse("Rajoelina, Andry\nRatsiraka, Didier", loc1iso="MDG")
    assert [(p.name, p.kind) for p in parties] == [("Andry Rajoelina", "person"), ("Didier Ratsiraka", "person")]


def test_where_an_envoy_is_sent_and_where_a_text_was_signed_are_no_parties():
    (league,) = parse(
        "H.E. Amb. Salim Alkussaibi, Special Envoy of the League of Arab States to Somalia.",
        column="ThrdPart",
        loc1iso="SOM",
    )
    assert league.name == "League of Arab States"
    cell = "This agreement was agreed in the Palace of Viana in the city of Madrid, Spain, by the Colombian government"
    assert names(parse(cell, loc1iso="COL")) == ["Government of Colombia"]


def test_role_headings_written_as_for_blocks_and_page_markers():
    cell = (
        "ONU\nIBRAHIM GAMBARI\nUNDERSECRETARY GENERAL OF THE UN\n"
        "FOR THE OBSERVER COUNTRIES TO THE ANGOLAN PEACE PROCESS\nCHRISTOPHER WILLIAM DELL\n"
        "AMBASSADOR OF THE UNITED STATES OF AMERICA IN ANGOLA"
    )
    roles = [(p.name, p.role) for p in parse(cell, column="ThrdPart", loc1iso="AGO")]
    assert roles == [("United Nations", "third_party"), ("United States", "observer")]
    cell = (
        "Page 1. Agreement witnessed by: President Macron, President of the French Republic\n"
        "President Michel, President of the European Council"
    )
    assert {p.role for p in parse(cell, column="ThrdPart", loc1iso="ARM")} == {"witness"}
    cell = "Agreement Supporters:\nTahirou Hassimi, Coordonnateur du groupe d'auto-défense Zarma"
    assert "Agreement Supporters" not in names(parse(cell, column="ThrdPart", loc1iso="NER"))


def test_a_block_named_for_its_capacity_takes_it_where_no_heading_gives_one():
    cell = "For the Tchadian Mediation: Nagoum Yamassoum, Minister of State; For the African Union: Sam B. Ibok"
    chad, union = parse(cell, column="ThrdPart", loc1iso="SDN")
    assert (chad.role, chad.country, union.role) == ("mediator", "TD", "third_party")


def test_a_country_after_a_place_says_where_it_is():
    cell = (
        "Legal Officer, Inter-Faith Council for Peace Initiatives, Western Equatoria - South Sudan, Yambio;\n\n"
        "State Governor: Gbudue State South Sudan, Yambio"
    )
    parties = parse(cell, column="ThrdPart", loc1iso="SSD")
    assert names(parties) == ["Inter-Faith Council for Peace Initiatives", "Gbudue State"]


def test_approved_lettered_bullets_and_personal_descriptors_name_no_actor():
    assert parse("Approved:\nJohn Smith", loc1iso="COD") == [] or "Approved" not in names(
        parse("Approved", loc1iso="COD")
    )
    parties = parse("I.\tRepresentative Religions Leaders\nJ.\tCounty Authority", column="ThrdPart", loc1iso="SSD")
    assert "J. County Authority" not in names(parties)
    cell = "Stakeholders\n\nMr Alikayo Aligo Samsom\nFor Concerned Citizen\n\nMs. Mary Akech Bior\nFor Women’s Bloc"
    parties = parse(cell, column="ThrdPart", loc1iso="SSD")
    assert parties[0].kind == "person"
    assert names(parties) == ["Alikayo Aligo Samsom", "Women’s Bloc"]


def test_actors_with_their_signers_in_brackets():
    parties = parse("Croatia (Tudjman), Serbia (Milosevic), and SFRY (Gen Kadijevic)", loc1iso="HRV")
    assert signers(parties) == [
        ("Croatia", "Tudjman"),
        ("Serbia", "Milosevic"),
        ("SFRY", "Kadijevic"),
    ]


def test_delegations_led_by_someone_inside_a_sentence():
    cell = (
        "Agreement unsigned, parties believed to be the Kosovo delegation, led by Dr. Edita Tahiri and "
        "the Serbian delegation led by Mr. Borko Stefanovic."
    )
    parties = parse(cell, con="Kosovo/Serbia")
    assert signers(parties) == [
        ("Kosovo delegation", "Edita Tahiri"),
        ("Serbian delegation", "Borko Stefanovic"),
    ]


def test_a_known_acronym_with_the_acronym_of_its_body_is_that_actor():
    parties = parse("Prof. Rudy Rodil, GRP-TWG Chair; \nAtty. Musib Buat, MILF-TWG Chair", loc1iso="PHL")
    assert names(parties) == ["Government of the Philippines", "Moro Islamic Liberation Front"]
    assert names(parse("SPLM-IO; SPLM-DC", loc1iso="SSD"))[1] == "SPLM-DC"


def test_a_new_actor_after_a_block_closes_it_and_a_surname_is_no_country():
    cell = (
        "Representative of Ansarallah and their Allies, Hasan Saleh Almarrani and Ali Al-Qahoom;\n"
        "Legitimate Government Representative, Brigadier General Askar Zu'ail"
    )
    assert names(parse(cell, loc1iso="YEM")) == ["Ansar Allah", "Government of Yemen"]
    cell = (
        "1\tNepali Congress, President Girija Prasad Koirala, Sd.\n"
        "2\tNepal Communist Party (UML), General Secretary Madhav Kumar Nepal, Sd."
    )
    assert names(parse(cell, loc1iso="NPL")) == [
        "Nepali Congress",
        "Communist Party of Nepal (Unified Marxist-Leninist)",
    ]


def test_a_faction_in_brackets_is_its_own_party_never_merged_with_the_party_it_left():
    cell = (
        "General Secretary of CPN (UML), Mr Madhav Nepal\n"
        "Chairman of CPN (Maoist), Mr Prachanda\n"
        "Nepal Sadbhavana Party (Anandi Devi) General Secretary, Mr Shyam Sunder Gupta"
    )
    assert signers(parse(cell, loc1iso="NPL")) == [
        ("Communist Party of Nepal (Unified Marxist-Leninist)", "Madhav Nepal"),
        ("Communist Party of Nepal (Maoist)", "Prachanda"),
        ("Nepal Sadbhavana Party (Anandi Devi)", "Shyam Sunder Gupta"),
    ]
    # Nor through the parent's acronym: "NSP" is the Sadbhavana Party's, not its faction's.
    cell = "Nepal Sadbhavana Party (Anandi Devi), Shyam Sunder Gupta\nNepal Sadbhavana Party, Rajendra Mahato"
    parties = parse(cell, loc1iso="NPL")
    assert signers(parties) == [
        ("Nepal Sadbhavana Party (Anandi Devi)", "Shyam Sunder Gupta"),
        ("Nepal Sadbhavana Party", "Rajendra Mahato"),
    ]
    # A faction's name, bracket and all, is no office of its signer.
    assert [p.signed_as for p in parse("CPN (UML), Madhav Nepal", loc1iso="NPL")] == [""]
    cell = (
        "Shree Girija Prasad Koirala, Prime Minister and President, Nepali Congress;\n"
        "Shree Sher Bahadur Deuba President, Nepali Congress (Democratic);"
    )
    assert signers(parse(cell, loc1iso="NPL")) == [
        ("Nepali Congress", "Girija Prasad Koirala"),
        ("Nepali Congress (Democratic)", "Sher Bahadur Deuba"),
    ]


def test_a_qualifier_after_the_names_acronym_is_part_of_the_name():
    cell = (
        "Agreement Unsigned but composed by the Nepal Communist Party (CPN) (Maoists) and the Seven Political Parties"
    )
    assert names(parse(cell, loc1iso="NPL")) == ["Communist Party of Nepal (Maoist)", "Seven Political Parties"]


def test_a_code_in_brackets_after_an_acronym_is_the_faction():
    assert names(parse("Por el PCC (M-L)\nANÍBAL PALACIO", loc1iso="COL")) == ["PCC (M-L)"]


def test_a_bracket_naming_the_same_actor_again_is_no_faction():
    assert names(parse("Ansar Allah (Houthis)", loc1iso="YEM")) == ["Ansar Allah"]


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        ("Not signed, the text names: \n5+5 Joint Military Committee (JMC)", "LBY", ["5+5 Joint Military Committee"]),
        ("Joint Statement: Alija IZETBEGOVIC; Mate BOBAN", "BIH", ["Alija IZETBEGOVIC", "Mate BOBAN"]),
        ("On the Behalf of ODM, Hon. Musalia Mudavudi, Hon. William Ruto", "KEN", ["ODM"]),
        (
            "The Presidents of the Republic of Armenia, the Republic of Azerbaijan and the Russian Federation",
            "AZE",
            ["Armenia", "Azerbaijan", "Russian Federation"],
        ),
        ("13- Oumar Kéné TOGO\nVillage chief of Baragnolé", "MLI", ["Oumar Kéné TOGO"]),
        ("the States bordering on Afghanistan - the People's Republic of China", "AFG", ["China"]),
        ("All  Basotho  Convention [Signed]", "LSO", ["All Basotho Convention"]),
    ],
)
def test_names_of_run_on_lines_and_lists(cell, loc1iso, expected):
    assert names(parse(cell, loc1iso=loc1iso)) == expected


def test_a_national_army_is_an_organ_of_its_state_and_each_signer_stands_before_its_actor():
    (army,) = parse(
        "Chief of the General Staff of the Army of the Azerbaijan Republic: Colonel S Abiyev", loc1iso="AZE"
    )
    assert (army.kind, army.country) == ("government", "AZ")
    parties = parse("Boris Yeltsin, Russian Federation, Leonid Kuchma, Ukraine", loc1iso="MDA")
    assert signers(parties) == [
        ("Russian Federation", "Boris Yeltsin"),
        ("Ukraine", "Leonid Kuchma"),
    ]


def test_the_secretary_generals_envoy_is_the_uns_and_a_known_actor_beats_a_unit_named_by_an_office():
    cell = "Chairmanship of the Special Representative of the Secretary-General for Georgia, Mr. Liviu Bota"
    (un,) = parse(cell, column="ThrdPart", loc1iso="GEO")
    assert (un.name, un.signed_by) == ("United Nations", "Liviu Bota")
    (league,) = parse("Amb. Salim Alkussaibi, Special Envoy of the Secretary-General of the League of Arab States")
    assert league.name == "League of Arab States"
    (unmiss,) = parse("Sam Muhumure, UNMISS, Head of Field Office, Wau", column="ThrdPart", loc1iso="SSD")
    assert unmiss.name == "United Nations Mission in South Sudan"


def test_people_described_only_by_a_descriptor_are_people_even_beside_actors():
    cell = (
        "Stakeholders\n\nBishop Emeritus Enock Tombe Loro\nFaith Based Leader\n\nProf Francis Deng\n"
        "Prof Eminent Personality\n\nMs. Mary Akech Bior\nFor Women’s Bloc"
    )
    parties = parse(cell, column="ThrdPart", loc1iso="SSD")
    assert [(p.name, p.kind) for p in parties][:2] == [("Enock Tombe Loro", "person"), ("Francis Deng", "person")]
    assert "Women’s Bloc" in names(parties)


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # Two people written "Given Surname, Given Surname" are not one person written surname first.
        (
            "Alija Izetbegovic, Haris Silajdzic; Mate Boban, Mile Akmadzic",
            "BIH",
            ["Alija Izetbegovic", "Haris Silajdzic", "Mate Boban", "Mile Akmadzic"],
        ),
        # "Somali Democratic Union" is a party, not Somalia.
        (
            "Somali Democratic Union; United Somali Congress",
            "SOM",
            ["Somali Democratic Union", "United Somali Congress"],
        ),
        # A country after an office is whose the office is, not where a place is.
        (
            "Brown BAI, CBE, Secretary to the Prime Minister and Cabinet, Prime Minister's Office, Papua New Guinea;",
            "PNG",
            ["Government of Papua New Guinea"],
        ),
        (
            "Witnesses: Australia, Fiji, UNOMB (United Nations Observer Mission to Bougainville)",
            "PNG",
            ["Australia", "Fiji", "UNOMB"],
        ),
    ],
)
def test_regressions_found_on_rows_outside_the_gold_sets(cell, loc1iso, expected):
    assert sorted(names(parse(cell, loc1iso=loc1iso))) == sorted(expected)


def test_an_office_in_brackets_is_no_actor_and_a_block_ends_where_another_actor_signs():
    cell = " - Tuliram Ronghang (Chief Executive Member, KAAC)\n - Himanta Biswa Sarma (CM, Assam)"
    assert "CM" not in names(parse(cell, column="ThrdPart", loc1iso="IND"))
    cell = (
        "'Facilitators': His Excellency Abdoulaye Wade, President of the Republic of Senegal; For the current "
        "Chairman of African Union: HE Jakaya Kikwete; His Excellency Alpha Oumar Konare, Chairperson of the "
        "African Union Commission. In the presence of: The European Union, The France"
    )
    roles = {p.name: p.role for p in parse(cell, column="ThrdPart", loc1iso="TCD")}
    assert roles["Government of Senegal"] == "mediator"
    assert "African Union Commission" in roles  # a new actor after the "For the ... African Union:" block
    assert (roles["European Union"], roles["France"]) == ("witness", "witness")


def test_each_side_represented_by_a_delegation_in_one_line():
    cell = (
        "The Georgian Side was represented by a delegation headed by Mr. Giorgi Arsenishvili; "
        "The Abkhaz Side was represented by a delegation headed by Mr. Viacheslav Tsugba."
    )
    parties = parse(cell, loc1iso="GEO")
    assert signers(parties) == [
        ("Georgian Side", "Giorgi Arsenishvili"),
        ("Abkhaz Side", "Viacheslav Tsugba"),
    ]


def test_initials_of_a_country_and_a_republic_named_after_a_nationality_are_no_state_here():
    (us,) = parse("mediated by Bill Clinton US President", column="ThrdPart", loc1iso="ISR")
    assert (us.name, us.signed_by, us.role) == ("Government of the United States", "Bill Clinton", "mediator")
    parties = parse("President of the Croatian Republic of Herceg Bosnia Mate Boban", loc1iso="BIH")
    assert names(parties) == ["Croatian Republic of Herceg Bosnia"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Observer nations: Algeria, Mauritania, UNSRSG",
            [("Algeria", "observer"), ("Mauritania", "observer"), ("United Nations", "observer")],
        ),
        (
            "For the facilitator (the United Republic of Tanzania): Hon. Ahmed Hassan DIRIA, Minister",
            [("Tanzania", "mediator")],
        ),
        (
            "Gen. Pa’gan Amum Okiech / South Sudan Opposition Movements Alliance (SSOMA)\nDr Pauline Riak / Academia",
            [("South Sudan Opposition Movements Alliance", "third_party"), ("Academia", "third_party")],
        ),
        ("Dup Wangdel Moktan Tamang,  Tamang Huel Council", [("Tamang Huel Council", "third_party")]),
    ],
)
def test_headings_blocks_and_slashes_seen_outside_the_gold_sets(cell, expected):
    assert [(p.name, p.role) for p in parse(cell, column="ThrdPart", loc1iso="NPL")] == expected


def test_head_of_the_delegation_of_a_government_signs_for_it():
    parties = parse(
        "(Signed) T. Nazarov, Head of the delegation of the Government of the Republic of Tajikistan",
        loc1iso="TJK",
    )
    assert [(p.name, p.kind, p.signed_by) for p in parties] == [
        ("Government of Tajikistan", "government", "T. Nazarov")
    ]


def test_the_government_and_a_movement_are_two_parties():
    parties = parse("The government and the Congrès National pour la Défense du Peuple (CNDP)", loc1iso="COD")
    assert names(parties) == [
        "Government of the Democratic Republic of the Congo",
        "Congrès National pour la Défense du Peuple",
    ]


def test_person_office_party_lines_name_the_party_even_as_an_acronym():
    parties = parse(
        "Prachanda, Chairman, CPN (Maoist)\n"
        "Madhav Kumar Nepal, Secretary General, CPN (UML)\n"
        "Sher Bahadur Deuba, President, Nepali Congress (Democratic)\n"
        "Girija Prasad Koirala, Prime Minister and President, Nepali Congress\n"
        "Narayan Man Bijukchhe, President, NWPP",
        loc1iso="NPL",
    )
    assert [(p.name, p.signed_by, p.signed_as) for p in parties] == [
        ("Communist Party of Nepal (Maoist)", "Prachanda", "Chairman"),
        # A surname that is a country's name is no state.
        ("Communist Party of Nepal (Unified Marxist-Leninist)", "Madhav Kumar Nepal", "Secretary General"),
        # A faction in brackets is another party, not an alias of the one it split from.
        ("Nepali Congress (Democratic)", "Sher Bahadur Deuba", "President"),
        ("Nepali Congress", "Girija Prasad Koirala", "Prime Minister and President"),
        # "NWPP" stands for the English of "Nepal Majdoor Kisaan Party", the gazetteer's name.
        ("Nepal Workers and Peasants Party", "Narayan Man Bijukchhe", "President"),
    ]


def test_a_titled_name_ends_with_its_sentence():
    parties = parse("Mrs. Victoria Arop Odhong. Women Representative.", column="ThrdPart", loc1iso="SSD")
    assert [(p.name, p.kind) for p in parties] == [("Victoria Arop Odhong", "person")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("29 SIGNATORIES For the Political Opposition (no signatures in the document)", ["Political Opposition"]),
        ("Riek Machar, Vice President, Goverment of Southern Sudan", ["Government of Southern Sudan"]),
        # "Republic of CÔTE D' VOIRE", misspelt, is Côte d'Ivoire (never "Republic of").
        (
            "His Excellency Félix HOUPHOUËT-BOIGNY President of the Republic of CÔTE D' VOIRE.",
            ["Government of Côte d'Ivoire"],
        ),
    ],
)
def test_counts_misspellings_and_fragments_make_no_actor_names(cell, expected):
    assert names(parse(cell, loc1iso="LBR")) == expected


def test_french_heads_of_state_and_the_mediator_heading():
    parties = parse(
        "Le Médiateur\nBlaise Compaore\nPrésident du Faso\n\n"
        "Le Médiateur associé\nGoodluck Ebele Jonathan\nPrésident de la République Fédérale du Nigeria",
        column="ThrdPart",
        loc1iso="MLI",
    )
    assert [(p.name, p.role, p.signed_by) for p in parties] == [
        ("Government of Burkina Faso", "mediator", "Blaise Compaore"),
        ("Government of Nigeria", "mediator", "Goodluck Ebele Jonathan"),
    ]


def test_headings_after_semicolons_each_start_a_role():
    parties = parse(
        "Signed by Mugabe, Zimbabwe; Witnesses: Botswana; Mediators: Mario Raffaelli, Jaime Goncalves",
        column="ThrdPart",
        loc1iso="MOZ",
    )
    assert sorted((p.name, p.role) for p in parties) == [
        ("Botswana", "witness"),
        ("Jaime Goncalves", "mediator"),
        ("Mario Raffaelli", "mediator"),
        ("Zimbabwe", "third_party"),
    ]


def test_friends_of_a_state_are_a_coalition_not_the_state():
    parties = parse(
        "the European Union, the Friends of Yemen, and other supporting States", column="ThrdPart", loc1iso="YEM"
    )
    assert [(p.name, p.kind) for p in parties] == [
        ("European Union", "organisation"),
        ("Friends of Yemen", "coalition"),
    ]


def test_a_person_then_their_states_office_and_an_acronym_then_its_office():
    malaysia = parse(
        "SIGNED IN THE PRESENCE OF: DATO' KAMARUDIN BIN MUSTAFA Malaysian Facilitator", column="ThrdPart", loc1iso="PHL"
    )
    assert [(p.name, p.role, p.signed_by) for p in malaysia] == [("Malaysia", "witness", "KAMARUDIN BIN MUSTAFA")]
    unprofor = parse("In the presence of UNPROFOR Force Commander, Lt.-Gen. Satish Nambiar.", column="ThrdPart")
    assert [(p.name, p.role, p.signed_by) for p in unprofor] == [
        ("United Nations Protection Force", "witness", "Satish Nambiar")
    ]


def test_a_flattened_signature_table_reads_cell_by_cell():
    parties = parse(
        "Mr. Gilbert TOUMOU-DEYA\n"
        "Front Populaire pour la Renaissance \n"
        "de la Centrafrique (FPRC)    Mr. Ali Darassa MAHAMAT\n"
        "Union pour la Paix en\n"
        "Centrafrique (UPC)",
        loc1iso="CAF",
    )
    assert signers(parties) == [
        ("Front Populaire pour la Renaissance de la Centrafrique", "Gilbert TOUMOU-DEYA"),
        ("Union pour la Paix en Centrafrique", "Ali Darassa MAHAMAT"),
    ]


def test_people_who_sign_one_by_one_beside_actors_are_persons():
    listed = parse("Hasan Muratovic; UNPROFOR; Momcillo Krajsnik; [other signature illegible]", loc1iso="BIH")
    assert [(p.name, p.kind) for p in listed] == [
        ("United Nations Protection Force", "organisation"),
        ("Hasan Muratovic", "person"),
        ("Momcillo Krajsnik", "person"),
    ]
    signed = parse(
        "(Signed) Girija Prasad Koirala (Prime Minister of Nepal)\n(Signed) K. P. Sharma Oli\n(Signed) Kofi A. Annan",
        loc1iso="NPL",
    )
    assert [(p.name, p.kind) for p in signed] == [
        ("Government of Nepal", "government"),
        ("K. P. Sharma Oli", "person"),
        ("Kofi A. Annan", "person"),
    ]
    # A delegation listed under its party stays that party's delegates (R2).
    delegation = parse("For the Government of Sudan:\nAli Osman Taha\nIdris Mohamed Abdel Gadir\nSayed El Khatib")
    assert [p.name for p in delegation] == ["Government of Sudan"]


def test_a_party_then_signed_then_its_signer():
    parties = parse(
        "UPRONA (Signed) Charles MUKASI, President; PP (Signed) Shedrack NIYONKURU, President\n"
        "FOR THE GOVERNMENT (Signed) Sylvestre NIBANTUNGANYA",
        loc1iso="BDI",
    )
    assert signers(parties) == [
        ("UPRONA", "Charles MUKASI"),
        ("PP", "Shedrack NIYONKURU"),
        ("Government of Burundi", "Sylvestre NIBANTUNGANYA"),
    ]


def test_a_party_with_its_acronym_in_brackets_is_named_without_it():
    parties = parse(
        "Khamis Abdallah Abakar, Vice-President, Sudan Liberation Movement/Army (SLM/A); "
        "Ahmed Mohamed Tugod Lissan, Head of Delegation, Justice and Equality Movement (JEM)",
        loc1iso="SDN",
    )
    assert [(p.name, "SLM/A" in p.aliases or "JEM" in p.aliases) for p in parties] == [
        ("Sudan Liberation Movement/Army", True),
        ("Justice and Equality Movement", True),
    ]


def test_a_table_of_acronyms_and_names_gives_each_party_once():
    parties = parse(
        "14 armed groups, signed in French language original pdf.\n"
        "RPRC Rassemblement Patriotique pour le Renouveau de la Centrafrique\n"
        "FDPC Front démocratique du peuple centrafricain\n"
        "UPC  Unité pour la paix en Centrafrique\n"
        "RJS Révolution and Justice (Sayo)",
        loc1iso="CAF",
    )
    assert [(p.name, p.aliases[-1]) for p in parties] == [
        ("Rassemblement Patriotique pour le Renouveau de la Centrafrique", "RPRC"),
        ("Front démocratique du peuple centrafricain", "FDPC"),
        # The cell's misspelling of the UPC's name is kept as an alias.
        ("Union pour la Paix en Centrafrique", "Unité pour la paix en Centrafrique"),
        ("Révolution and Justice (Sayo)", "RJS"),
    ]
    # An acronym that does not spell the words after it is no such table.
    assert names(parse("ICRC Head of Delegation Geneva", column="ThrdPart")) != ["Head of Delegation Geneva"]


def test_french_offices_and_state_names():
    parties = parse(
        "Pour la République du Tchad\nS.E.M. Salah Hamid HEGUERA\n\n"
        "M. Albert Gérard KOENDERS\nReprésentant spécial du Secrétaire Général des Nations Unies\n\n"
        "BERTIN BEA\nSecretaire General du KNK",
        column="ThrdPart",
        loc1iso="MLI",
    )
    assert signers(parties) == [
        ("Chad", "Salah Hamid HEGUERA"),
        ("United Nations", "Albert Gérard KOENDERS"),
        ("KNK", "BERTIN BEA"),
    ]


def test_two_governments_in_one_phrase_an_archbishops_see_and_words_that_name_no_one():
    assert names(parse("British and Irish Governments", loc1iso="GBR")) == [
        "Government of the United Kingdom",
        "Government of Ireland",
    ]
    mediators = parse("The mediators: Jaime Goncalves, Archbishop of Beira", column="ThrdPart", loc1iso="MOZ")
    assert [(p.name, p.kind, p.signed_by) for p in mediators] == [
        ("Archdiocese of Beira", "organisation", "Jaime Goncalves")
    ]
    two_sides = parse("The Representatives of the Two Sides:\nSheikh Faris Mujahid Al Jabari", loc1iso="YEM")
    assert "Two Sides" not in names(two_sides)
    assert "But also" not in names(parse("Ecuador, Peru\n\nBut also:\nJose Ayala Lasso", loc1iso="ECU"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A head of state or minister in "Person, office, STATE" signs for the government.
        ("(Signed) JIANG Zemin, President,People's Republic of China", [("Government of China", "JIANG Zemin")]),
        ("Juan Pérez, Minister, Colombia", [("Government of Colombia", "Juan Pérez")]),
        # An acronym spelled out in brackets names the body, whatever the letters' order.
        (
            "Ali Wario, Chairman, NICC (National Cohesion and Integration Commission)",
            [("National Cohesion and Integration Commission", "Ali Wario")],
        ),
        # The people on the line under a party are its delegates, not people signing on their own.
        (
            "Government of Colombia\nJuan Perez; Maria Lopez\nFARC-EP\nIvan Marquez; Pablo Catatumbo",
            [("Government of Colombia", "Juan Perez"), ("FARC-EP", "Ivan Marquez")],
        ),
        # A person, then their office in the next segment: whose they are.
        (
            "Mohagher Iqbal; Panel Chairman for the Moro Islamic Liberation Front",
            [("Moro Islamic Liberation Front", "Mohagher Iqbal")],
        ),
        # An acronym then words it does not spell is no table row.
        ("UN Under-Secretary-General Nicholas Haysom", [("United Nations", "")]),
        ("EU Envoy Uffe Ellemann-Jensen", [("European Union", "")]),
        # Spaces inside a name are no column gap; "(Sgd)" after a person makes no party of them.
        ("Juan    Perez Gomez, Minister", [("Government of Colombia", "Juan Perez Gomez")]),
        ("Juan Perez (Sgd) Maria Lopez", [("Maria Lopez", ""), ("Juan Perez", "")]),
        # "Mohd." shortens a name; it ends no sentence.
        (
            "H.E. Dato' Mohd. Najib Tun Razak, Prime Minister of Malaysia",
            [("Government of Malaysia", "Mohd. Najib Tun Razak")],
        ),
        # A bishop "of" a church or a state speaks for no diocese of that name.
        ("Bishop of the Catholic Church", [("Catholic Church", "")]),
        ("Archbishop of Sudan", [("Sudan", "")]),
    ],
)
def test_rules_of_the_day_do_not_fire_where_they_should_not(cell, expected):
    assert signers(parse(cell, loc1iso="COL")) == expected


def test_community_representatives_sign_for_their_community():
    parties = parse(
        "Liyliy Yieh Chan\t  - Lou Nuer Youth Leaders' Representative\n"
        "Kangach Chiok Deng - Lou Nuer Paramount Chiefs' Representative\n"
        "Malak Ayuen Mayen + Dinka Bor Paramount Chiefs’ Represenative",
        loc1iso="SSD",
    )
    assert [(p.name, p.kind, p.signed_by) for p in parties] == [
        # Its youth and its chiefs are one community (R2).
        ("Lou Nuer", "other", "Liyliy Yieh Chan"),
        ("Dinka Bor", "other", "Malak Ayuen Mayen"),
    ]
    # A representative of no named community is a person.
    alone = parse("Simple John Bakeaki - Youth Representative", loc1iso="SSD")
    assert [(p.name, p.kind) for p in alone] == [("Simple John Bakeaki", "person")]


def test_an_expansion_that_lists_places_is_one_name():
    parties = parse(
        "Shefket Musli, Staff-Commander General of UÇPMB (Liberation Army of Presevo, Medvedja and Bujanovac)",
        loc1iso="SRB",
    )
    assert signers(parties) == [("Liberation Army of Presevo, Medvedja and Bujanovac", "Shefket Musli")]


def test_represented_by_with_a_colon_gives_the_party_and_its_signer():
    parties = parse(
        "- The Government of Burundi represented by: General Major Evariste Ndayishimiye\n"
        "- The Palipehutu-FNL represented by: Mr Agathon Rwasa",
        loc1iso="BDI",
    )
    assert signers(parties) == [
        ("Government of Burundi", "Evariste Ndayishimiye"),
        ("Palipehutu-FNL", "Agathon Rwasa"),
    ]


def test_by_and_an_untitled_person_is_a_signer_not_a_party():
    parties = parse(
        "The National Democratic Front of the Philippines:\n\n"
        "By: Luis G. Jalandoni, Chairperson, NDFP Negotiating Panel\nFidel V. Agcaoili, Member",
        loc1iso="PHL",
    )
    assert signers(parties) == [("National Democratic Front of the Philippines", "Luis G. Jalandoni")]
    # Only a person right after "By": "By order, Colonel X Head of COIA" is no signer line.
    ordered = parse("For the Armed Forces\n(Signed) By order, Colonel Kadio Miezou Head of COIA", loc1iso="CIV")
    assert "COIA" not in names(ordered)


@pytest.mark.parametrize(
    ("office", "government"),
    [
        ("Minister of National Defence of the Republic of Niger", "Government of Niger"),
        ("Minister for Foreign Affairs and Cooperation of the Republic of Rwanda", "Government of Rwanda"),
        ("Minister of Interior of the Republic of Senegal", "Government of Senegal"),
    ],
)
def test_a_ministers_portfolio_reads_on_to_the_state(office, government):
    (party,) = parse(f"In the presence of:\n(Signed) H.E. Tounkara YAHAYA\n{office}", column="ThrdPart", loc1iso="GNB")
    assert (party.name, party.kind, party.role, party.signed_by) == (
        government,
        "government",
        "witness",
        "Tounkara YAHAYA",
    )


def test_an_office_of_an_organisation_whose_name_opens_like_a_portfolio_is_the_organisation():
    # "Economic" opens portfolios ("Minister of Economic Affairs of X") and ECOWAS's name alike.
    (party,) = parse(
        "Lansana KOUYATE, Executive Secretary of the Economic Community of West African States",
        column="ThrdPart",
        loc1iso="GNB",
    )
    assert (party.name, party.signed_by) == ("Economic Community of West African States", "Lansana KOUYATE")
    (minister,) = parse("Ivan Ivanov, Minister of Economic Affairs of the Russian Federation", loc1iso="GNB")
    assert minister.name == "Government of the Russian Federation"


def test_a_misspelt_spanish_observers_heading_and_an_editorial_note_name_no_one():
    observers = parse(
        "Observatores presentes: ÁLVARO VÁSQUEZ, NELSON BERRÍO, WILLIAM RAMÍREZ Y ÓSCAR REYES",
        column="ThrdPart",
        loc1iso="COL",
    )
    assert {(p.name, p.role, p.kind) for p in observers} == {
        (name, "observer", "person") for name in ("ÁLVARO VÁSQUEZ", "NELSON BERRÍO", "WILLIAM RAMÍREZ", "ÓSCAR REYES")
    }
    noted = parse(
        "Note: Parties are not listed in agreement, but instead agreement states that the parties are "
        "the same as the parties to the Burnham Truce.\nBougainville Revolutionary Army",
        loc1iso="PNG",
    )
    assert "Note" not in names(noted)
    assert "Bougainville Revolutionary Army" in names(noted)


def test_m_before_a_lone_surname_is_an_initial_but_before_a_full_name_monsieur():
    # The labels keep "M. Krajsnik" (Momčilo) and drop the French "M." of "M. Marc RAVALOMANANA".
    assert names(parse("M. Krajsnik", loc1iso="BIH")) == ["M. Krajsnik"]
    assert names(parse("M. Marc RAVALOMANANA", loc1iso="MDG")) == ["Marc RAVALOMANANA"]
    (side,) = parse("For the Georgian Side: M. Kakabadze", loc1iso="GEO")
    assert side.signed_by == "M. Kakabadze"


def test_a_person_then_head_of_the_delegation_of_a_party_without_a_comma():
    parties = parse(
        "(Signed) T. NAZAROV Head of the delegation of the Republic of Tajikistan\n\n"
        "Signed) A. TURAJONZODAH Head of the delegation of the United Tajik Opposition",
        loc1iso="TJK",
    )
    assert signers(parties) == [
        ("Government of Tajikistan", "T. NAZAROV"),
        ("United Tajik Opposition", "A. TURAJONZODAH"),
    ]
    # "Signed)" with its bracket lost is a signature mark, not part of the office.
    assert parties[1].signed_as == "Head of the delegation of the United Tajik Opposition"


def test_on_the_side_of_a_party_is_the_party():
    parties = parse(
        "On the side of Hayʼat Tahrīr al-Shām\n[Stamp]+[signature]\n\nOn the side of Jaysh al-Islam\n[signature]",
        loc1iso="SYR",
    )
    assert names(parties) == ["Hayʼat Tahrīr al-Shām", "Jaysh al-Islam"]


def test_a_capacity_in_brackets_closing_a_line_is_that_lines_role():
    parties = parse(
        "Amb. Fortunato U. Abat, GRP Peace Panel Chairman [Witness]\n"
        "Ghazali Jaafar, MILF Peace Panel Chairman [Witness]",
        column="ThrdPart",
        loc1iso="PHL",
    )
    assert [(p.name, p.role, p.signed_by) for p in parties] == [
        ("Government of the Philippines", "witness", "Fortunato U. Abat"),
        ("Moro Islamic Liberation Front", "witness", "Ghazali Jaafar"),
    ]
    (sheikh,) = parse("Sheikh Ahmed Salah al-Muqbali [Mediator]", column="ThrdPart", loc1iso="YEM")
    assert (sheikh.name, sheikh.role) == ("Ahmed Salah al-Muqbali", "mediator")
    # On a heading line the bracket translates the heading: it holds for the lines below.
    witnesses = parse(
        "Ont signe comme temoins: (Witnesses)\nPour la SADC: Joaquim Chissano;\n"
        "Pour l'Organisation Internationale de la Francophonie: Edem Kodjo;",
        column="ThrdPart",
        loc1iso="MDG",
    )
    assert {p.role for p in witnesses} == {"witness"}
    assert len(witnesses) == 2


def test_a_memo_shared_by_cells_reads_each_name_once_and_changes_no_answer(monkeypatch):
    from agreements.pax import party_names

    cells = [
        ("For the Government of the Republic of the Philippines: Jesus Dureza\nFor the MILF: Al Haj Murad", "PHL"),
        ("Witnesses: Government of the Republic of the Philippines; Malaysia", "PHL"),
        ("For the Government: Jesus Dureza\nMILF", "PHL"),
        ("For the Government: Juan Santos\nFARC-EP", "COL"),
    ]
    reads: list[str] = []
    real = party_names._read_name
    monkeypatch.setattr(party_names, "_read_name", lambda name, *a, **k: reads.append(name) or real(name, *a, **k))
    alone = [parse_cell(text, column="Part", country_alpha3=a3) for text, a3 in cells]
    unshared = len(reads)
    reads.clear()
    memo: dict = {}
    shared = [parse_cell(text, column="Part", country_alpha3=a3, memo=memo) for text, a3 in cells]
    assert shared == alone
    assert len(reads) == len(memo) < unshared
    # The same words in another country are read again: "the Government" is another actor there.
    assert shared[2][0].country == "PH"
    assert shared[3][0].country == "CO"


def test_each_reader_of_a_memo_gets_a_copy_of_its_own():
    from agreements.pax.party_names import Context, read_name

    ctx = Context(country="PH", memo={})
    first = read_name("Moro Islamic Liberation Front", ctx)
    assert first is not None
    first.aliases.append("changed")
    again = read_name("Moro Islamic Liberation Front", ctx)
    assert again is not None
    assert again is not first
    assert "changed" not in again.aliases


# --- from the ninth set's misses ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # "X Talks Team", "X Negotiating Panel": the actor's team is the actor, its name an alias.
        (
            "On behalf of Samyukta Muslim Rastriya Sangharsha Samiti Talks Team\nSd.\nAthar Hussein Faruki \n"
            "Coordinator of the Talks Team\n\nOn behalf of GoN  Talks Team\nSd.\nJanardhan Sharma \n"
            "Coordinator of the Talks Team and Minister for Peace and Reconstruction",
            [
                ("Samyukta Muslim Rastriya Sangharsha Samiti", "Athar Hussein Faruki"),
                ("Government of Nepal", "Janardhan Sharma"),
            ],
        ),
        # A team named by its task only is no actor of its own.
        (
            "Sd/xxx Krishna Prasad Sitaula, Coordinator, Government of Nepal, Negotiating Team",
            [("Government of Nepal", "Krishna Prasad Sitaula")],
        ),
        # "comprising …" after the team says who is in it; the team's actor stays the party.
        (
            "On behalf of the GoN Talks Team comprising Seven  Political Parties\nSd.\n(Mr Ram Chandra Poudel)",
            [("Government of Nepal", "")],
        ),
    ],
)
def test_a_team_of_an_actor_is_the_actor(cell, expected):
    assert signers(parse(cell, loc1iso="NPL")) == expected


def test_the_team_s_name_is_kept_as_an_alias_and_a_team_named_whole_stays_whole():
    (government,) = parse("For GoN Talks Team: Ram Chandra Poudel", loc1iso="NPL")
    assert "GoN Talks Team" in government.aliases
    # Where what is left names no actor, the team's name is read whole, as before.
    (party,) = parse("Nepal Communist Party Maoist Negotiating Team\nSd 1. Mr. Krishna Bahadur Mahara", loc1iso="NPL")
    assert party.name == "Nepal Communist Party Maoist Negotiating Team"


def test_a_name_written_twice_by_a_flattened_table_is_one_name():
    cell = "MALCOLM LAKE JIMMY LUSIBAEA\nCommander, Operations\nMalaita Eagle Force Malaita Eagle Force"
    assert "Malaita Eagle Force" in names(parse(cell, loc1iso="SLB"))
    assert not [n for n in names(parse(cell, loc1iso="SLB")) if n.count("Malaita") > 1]


def test_a_soft_hyphen_breaking_a_word_joins_it():
    cell = "The Transitional Federal Government (TFG) of Somalia and the Alliance for Re\xad liberation of Somalia"
    assert "Alliance for Re-liberation of Somalia" in names(parse(cell, loc1iso="SOM"))
    (sudan,) = parse("For the Republic of the Sudan: Omar Hassan al-\xadBashir, President", loc1iso="SDN")
    assert sudan.signed_by == "Omar Hassan al-Bashir"


def test_a_government_led_by_someone_is_the_government():
    cell = "The Transitional Government of the Republic of South Sudan led by Maj. Gen Joseph Buong Anyardit"
    assert "Government of South Sudan" in names(parse(cell, loc1iso="SSD"))


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        ("4. Col. Saw Kyaw Than Htay, Chief Liaison Officer, DKBA", "MMR", [("DKBA", "Saw Kyaw Than Htay")]),
        (
            "Mr. M. Mujic, Liaison Officer of the Presidency of the Republic of Bosnia-Herzegovina",
            "BIH",
            [("Presidency of the Republic of Bosnia-Herzegovina", "M. Mujic")],
        ),
    ],
)
def test_a_liaison_officer_is_an_office_of_the_actor_he_liaises_for(cell, loc1iso, expected):
    assert signers(parse(cell, loc1iso=loc1iso)) == expected


def test_a_state_that_also_took_part_is_a_party_not_an_adjective():
    cell = "The regional countries Chad, Egypt, Eritrea and Libya also participated in the meeting."
    assert names(parse(cell, loc1iso="SDN")) == ["Chad", "Egypt", "Eritrea", "Libya"]


def test_the_opposition_after_a_name_ends_it_and_the_opposition_alone_is_no_name():
    cell = (
        "(Signed) T. Nazarov, Head of the delegation of the Government of the Republic of Tajikistan\n"
        "(Signed) A. TUPAJON'ZODAM, Head of delegation of the United Tajik opposition"
    )
    assert ("United Tajik opposition", "A. TUPAJON'ZODAM") in signers(parse(cell, loc1iso="TJK"))
    cell = (
        "Factions of the opposition in Syrian Qalamoun in East Qalamoun (Dhameer, Raheeba), represented by: "
        "Faylaq al-Rahman, Ahrar al-Sham and Jaysh al-Islam;\n\nRussian Federation."
    )
    assert {"Faylaq al-Rahman", "Ahrar al-Sham", "Jaysh al-Islam"} <= set(names(parse(cell, loc1iso="SYR")))


def test_the_next_party_s_heading_run_on_after_a_full_stop_starts_a_party():
    cell = (
        "Government of the Kingdom of Saudi Arabia: Saud Al-Faisal, Minister for Foreign Affairs. "
        "Government of the Republic of Yemen: Abdul-Qader Ba-Jammal, Minister for Foreign Affairs."
    )
    assert signers(parse(cell, loc1iso="YEM")) == [
        ("Government of Saudi Arabia", "Saud Al-Faisal"),
        ("Government of Yemen", "Abdul-Qader Ba-Jammal"),
    ]


def test_an_acronym_closing_a_person_s_line_is_the_party_they_sign_for():
    cell = (
        "Malik Agar, SPLM-N\nEthar Khalil Ibrahim, JEM\nSaleh Hamed Ismael, SLFA\n\n"
        "Alamin Daoud Mahmoud, UPFLJ\nNimr Abdelrahman, SLM-TC"
    )
    assert ("SLFA", "Saleh Hamed Ismael") in signers(parse(cell, loc1iso="SDN"))
    assert ("UPFLJ", "Alamin Daoud Mahmoud") in signers(parse(cell, loc1iso="SDN"))


@pytest.mark.parametrize(
    ("cell", "loc1iso", "not_parties"),
    [
        # A secretary's acronym is his department, an office of his government (R2).
        ("SEC. VOLTAIRE T. GAZMIN, DND\n\nSEC. CORAZON J. SOLIMAN, DSWD", "PHL", {"DND", "DSWD"}),
        # Post-nominals and an office's abbreviation are no parties.
        ("Hon. Ishmael Toroama, MHR\nPresident\nAutonomous Bougainville Government", "PNG", {"MHR"}),
        ("Mr Amos Gathecha, S/SIS\nMr Peter K. Thuko, S/PDR", "KEN", {"S/SIS", "S/PDR"}),
    ],
)
def test_an_acronym_closing_a_line_that_is_an_office_or_honour_is_no_party(cell, loc1iso, not_parties):
    assert not set(names(parse(cell, loc1iso=loc1iso))) & not_parties


def test_a_word_in_capitals_that_is_a_whole_item_of_a_list_of_acronyms_is_a_party():
    cell = "AB, HB, PNV, EA, IU, ELA, LAB, HIRU, GOGOA, SENIDEAK, BAKEA ORAIN, ELKARRI, HERRIA 2000 ELIZA"
    found = set(names(parse(cell, loc1iso="ESP")))
    assert {"GOGOA", "SENIDEAK", "ELKARRI", "BAKEA ORAIN"} <= found
    # Part of an item is not an item: "HERRIA 2000 ELIZA" is not two parties.
    assert not found & {"HERRIA", "ELIZA"}


# --- from the tenth set's misses ---------------------------------------------------------------


def test_basque_ta_joins_a_name():
    assert names(parse("Euskadi ta Askatasuna", loc1iso="ESP")) == ["Euskadi ta Askatasuna"]


def test_a_misspelt_witnessed_by_is_still_the_heading():
    cell = "Winessed by: \n\nMs. Leonie Abela\nChief Facilitator \nInter-Community Peace Conference"
    parties = parse(cell, column="ThrdPart", loc1iso="KEN")
    assert "Winessed by" not in names(parties)
    assert {p.role for p in parties} == {"witness"}


def test_a_word_of_a_name_in_quotes_is_still_part_of_the_name():
    assert names(parse("1. “Wa” Special Region\n2. Government of Myanmar", loc1iso="MMR")) == [
        "Wa Special Region",
        "Government of Myanmar",
    ]


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        ("Partido Comunista de Colombia (M-L)", "COL", "Partido Comunista de Colombia (M-L)"),
        ("National Socialist Council of Nagalim (K)", "IND", "National Socialist Council of Nagalim (K)"),
        # An acronym, though from the name in another language, stays an alias.
        ("Free Aceh Movement (GAM)", "IDN", "Free Aceh Movement"),
    ],
)
def test_a_faction_s_code_after_a_party_s_name_is_part_of_the_name(cell, loc1iso, expected):
    assert names(parse(cell, loc1iso=loc1iso)) == [expected]


def test_an_arabic_particle_before_an_ayin_mark_stays_in_the_name():
    cell = "Ahmed Abdrabbu al-‘Abar\nNuri Khalifah al-‘Abaar"
    assert names(parse(cell, loc1iso="LBY")) == ["Ahmed Abdrabbu al-‘Abar", "Nuri Khalifah al-‘Abaar"]


# --- from an audit of every actor the whole release makes ----------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # How a party put its name to the text is no actor ("Endorsed by" was one, signed by Tudjman).
        (
            "Endorsed by: Dr. Franjo Tudjman, President of the Republic of Croatia",
            [("Government of Croatia", "Franjo Tudjman")],
        ),
        # Which side the names below are on is no actor either ("Side two: Jund al-Aqsa" was one).
        ("Side two: Jund al-Aqsa, represented by Brother Khalid Khatib [Signed]", [("Jund al-Aqsa", "Khalid Khatib")]),
    ],
)
def test_endorsement_and_side_labels_are_headings(cell, expected):
    assert signers(parse(cell, loc1iso="SYR")) == expected


def test_initialed_by_is_a_heading_over_every_line_below():
    cell = (
        "Initialed by: Sec. Rodolfo Garcia, GRP Peace Negotiating Panel Chairman; \n"
        "Mohagher Iqbal, MILF Peace Negotiating Panel Chairman"
    )
    assert signers(parse(cell, loc1iso="PHL")) == [
        ("Government of the Philippines", "Rodolfo Garcia"),
        ("Moro Islamic Liberation Front", "Mohagher Iqbal"),
    ]


def test_a_semicolon_before_a_titled_person_ends_the_party_of_a_for_block():
    cell = (
        "For the Dialogue Bureau; Mr. Yawovi AGBOYIBO;\n"
        "For the CDPA; Mr. Leopold GNININVI\n"
        "For the CPP; Mr. Jean-Lucien SAVI de TOVE"
    )
    assert signers(parse(cell, loc1iso="TGO")) == [
        ("Dialogue Bureau", "Yawovi AGBOYIBO"),
        ("CDPA", "Leopold GNININVI"),
        ("CPP", "Jean-Lucien SAVI de TOVE"),
    ]
    # Without a title after it, a semicolon still separates parties.
    cell = "REPRESENTATIVE OF SERBIAN COMMUNITY Radovan Karadzic; REPRESENTATIVE OF CROATIAN COMMUNITY Mate Boban"
    assert not any(";" in p.name or "Karadzic" in p.name for p in parse(cell, loc1iso="BIH"))


def test_a_word_typed_twice_is_read_once():
    cell = "- His Excellency Melchior NDADAYE, President of of the Republic of Burundi, Observer country;"
    assert signers(parse(cell, column="ThrdPart", loc1iso="TZA")) == [("Government of Burundi", "Melchior NDADAYE")]


@pytest.mark.parametrize(
    ("cell", "signer"),
    [
        # A title glued to the name.
        ("Participatory signatures: H.E. Mr.Ali Alatas, Minister for Foreign Affairs of Indonesia", "Ali Alatas"),
        ("For the Abkhaz Side: Mr.Sergey Bagapsh", "Sergey Bagapsh"),
        # An elided word of the office before the name ("Gal d'Armee").
        ("Gal Al-Katim Mahamat, MPC;\nP/Gal d’Armee Ali Darrassa, UPC, p/o Ali Garba;", "Ali Darrassa"),
        # An office cut short, a signature note, a heading: no one.
        ("-Member of the GRP Peace Panel:\nFOUR SIGNATURES (not legible)", ""),
        ("Approval of the City Council of Misrata\u2028Name/ Signature/ Date/ [No signature]", ""),
        ("Sous la facilitation de la MONUC: Le General Christian Houdet, Chef d'Etat Major de la MONUC", ""),
    ],
)
def test_a_signer_is_a_person_s_name_or_no_one(cell, signer):
    parties = parse(cell, column="ThrdPart", loc1iso="CAF")
    assert parties
    assert [p.signed_by for p in parties][-1] == signer


def test_a_person_named_with_a_glued_title_is_named_without_it():
    assert names(parse("Hon.Hon. John Gulech Wawu\nSh.Ibrahim Jibril Aliyow", loc1iso="SSD")) == [
        "John Gulech Wawu",
        "Ibrahim Jibril Aliyow",
    ]


def test_a_person_signed_on_a_line_of_their_own_signs_for_the_party_on_the_next():
    cell = (
        "(Signed) Charles Ghankay TAYLOR\nLeader, National Patriotic Front of Liberia (NPFL)\n\n"
        "(Signed) Ltg. J. Hezekiah BOWEN \nArmed Forces of Liberia\n\n"
        "(Signed) Chea CHEAPOO\nLiberia National Conference (LNC)"
    )
    assert signers(parse(cell, loc1iso="LBR")) == [
        ("National Patriotic Front of Liberia", "Charles Ghankay TAYLOR"),
        ("Armed Forces of Liberia", "J. Hezekiah BOWEN"),
        ("Liberia National Conference", "Chea CHEAPOO"),
    ]


def test_signers_listed_one_by_one_stay_their_own_and_sign_for_no_block_below():
    # Each item of a list ending in semicolons is one signer, not the office of the one above.
    cell = (
        "Garaad Jama Garaad Ali Garaad Jama; \nPuntland Minister of Justice & Religious Affairs;\nElders of Puntland;"
    )
    assert ("Puntland", "Garaad Jama Garaad Ali Garaad Jama") not in signers(
        parse(cell, column="ThrdPart", loc1iso="SOM")
    )
    # The last of one delegation's signers does not sign for the next delegation.
    cell = (
        "(Signed) Álvaro Matallana Eslava\n(Signed) María José Pizarro Rodríguez\n"
        "Delegation of the Ejército de Liberación Nacional – ELN:\n\n(Signed) Pablo Beltrán, Head of delegation"
    )
    assert "María José Pizarro Rodríguez" not in [p.signed_by for p in parse(cell, loc1iso="COL")]


def test_a_party_named_at_the_start_of_a_line_before_signed_is_the_party_of_the_signer_after():
    cell = "Georgia (Signed) A. KAVSADZE;\nAbkhazia (Signed) S. JINJOLIA"
    assert signers(parse(cell, con="Georgia")) == [("Georgia", "A. KAVSADZE"), ("Abkhazia", "S. JINJOLIA")]
    # Not a person's surname before the next "(Signed)".
    cell = "(Signed) L. Bota (Signed) T. Ketsba (Signed) V. Lordkipanidze"
    assert ("Bota", "T. Ketsba") not in signers(parse(cell, con="Georgia"))


def test_honours_after_a_name_are_not_part_of_it():
    cell = "For the Government of Papua New Guinea: JULIUS CHAN GCMG KBE MP, Prime Minister"
    assert signers(parse(cell, loc1iso="PNG")) == [("Government of Papua New Guinea", "JULIUS CHAN")]
    # Honours alone name no one.
    assert "MBE" not in names(parse("Witnesses:\nBernard Narokobi MP\nMBE MP", column="ThrdPart", loc1iso="PNG"))


def test_a_name_made_of_acronyms_is_a_body_not_a_person():
    parties = parse("BHC representative, J. W. Brinkman, Brigadier-General; HQ SA", loc1iso="BIH")
    assert [p.kind for p in parties if p.name == "HQ SA"] == ["other"]


@pytest.mark.parametrize(
    ("cell", "loc1iso", "signer"),
    [
        ("Revolutionary United Front: Corporal Foday Saybana SANKOH", "SLE", "Foday Saybana SANKOH"),
        ("For the Government of Ghana: Flt-Lt Jerry John RAWLINGS", "GHA", "Jerry John RAWLINGS"),
        ("For the GRP: ASec. Jovenal F. Lazaga", "PHL", "Jovenal F. Lazaga"),
        ("For the MILF: Bro. Mohagher Iqbal", "PHL", "Mohagher Iqbal"),
        ("For the Government of Kenya: Exellency Uhuru Kenyatta", "KEN", "Uhuru Kenyatta"),
        ("For the ENDF: Feld Marshal Birhanu Jula", "ETH", "Birhanu Jula"),
        ("For the Government of Rwanda: Major-General Paul Kagame", "RWA", "Paul Kagame"),
        ("For the Harkat-e-Inqilab-e-Islami: Moulvi Muhammad Nabi Muhammadi", "AFG", "Muhammad Nabi Muhammadi"),
        ("For the Catholic Church: Monsenor Guillermo Vega", "COL", "Guillermo Vega"),
        # Initials, not a title.
        ("For the Adivasi Janajati Samyukta Sangharsha Samiti: KB Gurung", "NPL", "KB Gurung"),
    ],
)
def test_titles_ranks_and_their_misspellings_are_not_part_of_a_signer_s_name(cell, loc1iso, signer):
    assert [p.signed_by for p in parse(cell, loc1iso=loc1iso)] == [signer]


def test_a_state_is_no_one_s_name():
    # "Pour le Burkina Faso / M. Dominique DJINDJERE, / Ambassadeur du Burkina Faso": the state
    # left over from the office is no signer.
    assert signer_name("Burkina Faso") == ""
    assert signer_name("Dominique DJINDJERE") == "Dominique DJINDJERE"


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # The particle's hyphen, then a stray space: one person, not a person and a surname.
        ("The third witness Sheikh Ibrahim al- ‘Awadh Abu Suleiman", "SYR", ["Ibrahim al-‘Awadh Abu Suleiman"]),
        # An OCR'd "l'" before the organisation a secretary-general signs for.
        (
            "ABBES Mohamed Chérif, Secrétaire général de !'Organisation Nationale des Moudjahidine",
            "DZA",
            ["Organisation Nationale des Moudjahidine"],
        ),
        # A numbered list with no space after the number.
        ("286.Julaidan Mahmoud Hamid Julaidan\n\n287.Kahlan Mujahid Mujahid Abu Swarib", "YEM", None),
    ],
)
def test_debris_of_typing_and_scanning_is_no_part_of_a_name(cell, loc1iso, expected):
    found = names(parse(cell, column="ThrdPart" if "witness" in cell else "Part", loc1iso=loc1iso))
    if expected is not None:
        assert found == expected
    assert not any(re.match(r"[\d!+]", name) for name in found), found


def test_a_bishop_s_cross_is_no_part_of_his_name():
    cell = "POUR LES CONFESSIONS RELIGIEUSES\nEGLISE CATHOLIQUE: +THEOPHILE KABOY"
    assert ("EGLISE CATHOLIQUE", "THEOPHILE KABOY") in signers(parse(cell, column="ThrdPart", loc1iso="COD"))


@pytest.mark.parametrize(
    ("signer", "expected"),
    [
        ("Georges Chikoti Former", "Georges Chikoti"),
        ("Pierre Nkurunziza Legal", "Pierre Nkurunziza"),
        ("Francis Ole Kaparo Chaiperson", "Francis Ole Kaparo"),
        ("Dieter Boden-the", "Dieter Boden"),
        # Two words stay: a surname may be such a word.
        ("John Legal", "John Legal"),
    ],
)
def test_the_first_word_of_the_next_column_is_no_part_of_a_signer_s_name(signer, expected):
    assert signer_name(signer) == expected


def test_a_dash_after_a_block_s_acronym_parts_it_from_the_signer_below():
    cell = "For the FPI-\nPascal AFFI NÄGUESSAN\n\nFor the MJP-\nGaspard DELI"
    assert signers(parse(cell, loc1iso="CIV")) == [("FPI", "Pascal AFFI NÄGUESSAN"), ("MJP", "Gaspard DELI")]


@pytest.mark.parametrize(
    ("cell", "column", "not_expected"),
    [
        ("Third Parties not indicated, though may be present.", "ThrdPart", "Third Parties"),
        (
            "The Government (meaning the Executive);\nCONTRACTING PARTIES\nThe Rt. Hon. Pakalitha Mosisili",
            "Part",
            "CONTRACTING PARTIES",
        ),
        ("Testigo Internacional\nJAN EGELAND", "ThrdPart", "Testigo Internacional"),
        ("CC:\nUnited Nations", "Part", "CC"),
    ],
)
def test_labels_read_as_names_are_no_actors(cell, column, not_expected):
    assert not_expected not in names(parse(cell, column=column, loc1iso="LSO"))


def test_whoever_signed_under_a_label_is_a_person_of_their_own():
    assert signers(parse("Pour: Kambasu Ngeve", loc1iso="COD")) == [("Kambasu Ngeve", "")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # An elided article: the initial is the word's after it.
        ("PAD Parti pour l'action et le développement", "Parti pour l'action et le développement"),
        # Syllables rather than initials.
        ("PARELI Parti républicain libéral", "Parti républicain libéral"),
        ("CIONGCA Conseil inter-organisation non gouvernementale de Centrafrique", None),
        # An acronym with a slash.
        ("UDR/FK Union démocratique républicaine/Fimi Kodro", "Union démocratique républicaine/Fimi Kodro"),
    ],
)
def test_a_glossary_line_is_its_acronym_then_its_name_in_full(line, expected):
    cell = "Political parties\nADP Alliance pour la démocratie et le progrès\n" + line
    found = parse(cell, loc1iso="CAF")
    full = expected or line.split(" ", 1)[1]
    assert full in names(found)
    assert line.split(" ", 1)[0] in [alias for p in found if p.name == full for alias in p.aliases]


@pytest.mark.parametrize(
    "signer",
    ["Operation Lifeline", "Al Kahlifa Family", "Sanga LGA", "Residents of Wadi Barada", "AUTO-DEFENSE GROUPS"],
)
def test_a_body_a_collective_or_a_place_is_no_signer(signer):
    assert signer_name(signer) == ""


def test_a_surname_that_is_also_a_common_word_stays():
    assert signer_name("Marie-Annick SERVICE") == "Marie-Annick SERVICE"


def test_a_body_read_as_a_person_is_kept_as_a_body():
    parties = parse("Witnesses, Pastoral–Social Director, Diocese of Quibdó", column="ThrdPart", loc1iso="COL")
    assert [(p.name, p.kind) for p in parties if "Diocese" in p.name] == [("Diocese of Quibdó", "other")]


def test_a_name_starting_with_a_word_that_may_be_a_title_keeps_it():
    assert names(parse("Justice and Equality Movement", loc1iso="SDN")) == ["Justice and Equality Movement"]


def test_who_signed_a_part_of_the_text_is_a_note_not_a_party():
    cell = (
        "Participants listed as: the UK and Irish Governments\n"
        "Ministerial introduction signed by: First Minister Peter Robinson; deputy First Minister Martin Guinness"
    )
    found = parse(cell, loc1iso="GBR")
    assert not any("introduction" in name.lower() for name in names(found))
    assert "Peter Robinson" not in [p.signed_by for p in found]  # he signed the introduction, for no UK government


def test_an_elided_article_before_a_name_is_no_part_of_it():
    assert names(parse("For The Kel-inacharia Community\nFor the d’Iloas Community", loc1iso="MLI")) == [
        "Kel-inacharia Community",
        "Iloas Community",
    ]


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        ("National Govt, AUC", "COL", "Autodefensas Unidas de Colombia"),
        ("Signed in the presence of: H.E. Haydar Berk, IDB Chair", "PHL", "Independent Decommissioning Body"),
    ],
)
def test_an_acronym_of_the_agreement_s_own_country_comes_before_an_organisation_s(cell, loc1iso, expected):
    assert expected in names(parse(cell, loc1iso=loc1iso))


def test_the_government_and_a_group_joined_by_a_hyphen_are_two_parties():
    assert names(parse("Gobierno Nacional-ELN", loc1iso="COL")) == [
        "Government of Colombia",
        "Ejército de Liberación Nacional",  # what "ELN" stands for
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # An occupation read as a party's name: the signer is a person of their own (R5).
        ("Trader: Yien Nyuon Kuony", [("Yien Nyuon Kuony", "")]),
        ("Journalist: Jervasio Okot", [("Jervasio Okot", "")]),
        # A block's "Pour" left on its actor.
        ("Pour le Mouvement Patriotique pour le Centrafrique: Ahnat ALKHATIM", None),
        # Who approved or ratified is the party.
        (
            "Approval of the City Council of Misrata\nName/ Signature/ Date/ [No signature]",
            [("City Council of Misrata", "")],
        ),
    ],
)
def test_labels_occupations_and_verbs_before_a_party_are_no_part_of_it(cell, expected):
    found = signers(parse(cell, loc1iso="SSD"))
    if expected is not None:
        assert found == expected
    assert not any(name.startswith(("Pour", "Approval")) for name, _ in found)


def test_a_heading_is_no_signer():
    assert signer_name("LES TEMOINS NATIONAUX") == ""
    assert signer_name("Your Excellency") == ""


def test_a_name_particle_in_lower_case_keeps_a_person_whole():
    cell = "Witnessed by: H.E. Daniel T. arap Moi, President of the Republic of Kenya"
    assert [p.signed_by for p in parse(cell, column="ThrdPart", loc1iso="SDN")] == ["Daniel T. arap Moi"]


def test_a_note_on_the_copies_before_signed_by_leaves_the_signer():
    cell = "All copies signed by General Philippe Morillon, UNPROFOR"
    assert signers(parse(cell, column="ThrdPart", loc1iso="BIH")) == [
        ("United Nations Protection Force", "Philippe Morillon")
    ]
    assert signer_name("TAKING NOTE") == ""


def test_a_capacity_after_a_slash_is_the_role_it_signs_in():
    found = parse("Dr Brian D'Silva, USAID/Observer", column="ThrdPart", loc1iso="SSD")
    assert [(p.name, p.role, p.signed_by) for p in found] == [("USAID", "observer", "Brian D'Silva")]
    # A heading naming two roles stays a heading.
    assert "Witnesses" not in names(parse("Witnesses/Guarantors:\nArgentina", column="ThrdPart", loc1iso="PER"))


@pytest.mark.parametrize(
    ("signer", "expected"),
    [
        # Surnames that are also connectors, a "d'" surname, and Bangladesh's "Md." (Mohammad).
        ("James To", "James To"),
        ("Hoang Le", "Hoang Le"),
        ("d'Almeida Rose", "d'Almeida Rose"),
        ("Md. Abul Hasnat Abdullah", "Md. Abul Hasnat Abdullah"),
        # A person after an office's last word stays; a body's name gives no one.
        ("Security Policy Federica Mogherini", "Federica Mogherini"),
        ("Scouts Musulmans Algériens", ""),
    ],
)
def test_a_signer_s_name_is_not_cut_where_it_only_looks_like_an_office_or_a_fragment(signer, expected):
    assert signer_name(signer) == expected


def test_an_acronym_or_a_burmese_name_that_looks_like_a_title_stays():
    assert signers(parse("For the PR: Carlos Enrique Chavarria", loc1iso="GTM")) == [("PR", "Carlos Enrique Chavarria")]
    assert [p.signed_by for p in parse("For the Government: U Mg Mg Soe", loc1iso="MMR")] == ["Mg Mg Soe"]


def test_a_government_s_own_acronym_after_a_hyphen_is_one_actor():
    found = names(parse("For the Transitional Government-TFG: Ali Mohamed Gedi", loc1iso="SOM"))
    assert not any(";" in name for name in found)


def test_a_party_s_acronym_and_its_signer_run_together_are_read_apart():
    assert signers(parse("UDCY Theodore MEL EG", loc1iso="CIV")) == [("UDCY", "Theodore MEL EG")]
    found = parse("MPCI Guillaume SORO", loc1iso="CIV")
    assert [p.signed_by for p in found] == ["Guillaume SORO"]
    assert "mpci" in folded(found)
    # A name all in capitals is one person, its first name no acronym.
    assert names(parse("Witnesses:\nSERGIO ROMERO CUEVAS", column="ThrdPart", loc1iso="COL")) == [
        "SERGIO ROMERO CUEVAS"
    ]


def test_a_government_office_under_a_name_is_the_agreement_s_government():
    # R4: "PRIME MINISTER" on the line under the person, naming no country (AgtId 399).
    found = parse("Honourable Bartholomew Ulufa'alu, MP\nPRIME MINISTER", loc1iso="SLB")
    assert [(p.name, p.kind, p.signed_by, p.signed_as) for p in found] == [
        ("Government of Solomon Islands", "government", "Bartholomew Ulufa'alu", "PRIME MINISTER")
    ]
    # Colombia's High Commissioner for Peace is its government's office, on one line or two.
    assert signers(parse("VÍCTOR G. RICARDO, High Commissioner for Peace", loc1iso="COL")) == [
        ("Government of Colombia", "VÍCTOR G. RICARDO")
    ]


def test_an_office_under_a_name_waits_for_the_actor_on_the_next_line():
    cell = (
        "Hon. James Marape, MP\nPrime Minister\nGovernment of Papua New Guinea\n\n"
        "Hon. Ishmael Toroama, MHR\nPresident\nAutonomous Bougainville Government"
    )
    assert signers(parse(cell, loc1iso="PNG")) == [
        ("Government of Papua New Guinea", "James Marape"),
        ("Autonomous Bougainville Government", "Ishmael Toroama"),
    ]
    # An office of a place is not the national government's.
    assert "Government of India" not in names(
        parse("In the presence of:-\n(Shri Dasarath Deb)\nChief Minister, Tripura", column="ThrdPart", loc1iso="IND")
    )


def test_a_known_organisation_s_name_wrapped_after_an_office_is_joined():
    cell = "Humberto Martín Shikiya\nRepresentative World\nCouncil of Churches"
    assert signers(parse(cell, column="ThrdPart", loc1iso="COL")) == [
        ("World Council of Churches", "Humberto Martín Shikiya")
    ]
    # Only a name the gazetteer knows: two lines of a list stay two.
    assert names(parse("Republic of Venezuela\nCouncil of State", loc1iso="COL")) != [
        "Republic of Venezuela Council of State"
    ]


def test_the_republic_named_by_its_adjective_is_that_state_not_the_agreements_own():
    # "President of the Republic" alone is the agreement's own government (R4); "de la République
    # Gabonaise" names Gabon, and a French "En présence du" introduces witnesses.
    cell = "EN PRESENCE DE : Son Excellence El Hadj Omar BONGO ONDIMBA, Président de la République Gabonaise"
    assert [(p.name, p.role) for p in parse(cell, column="ThrdPart", loc1iso="CAF")] == [
        ("Government of Gabon", "witness")
    ]
    cell = "En présence du Ministre de l'Intérieur de la République Algérienne Démocratique et Populaire"
    assert [(p.name, p.role) for p in parse(cell, column="ThrdPart", loc1iso="MLI")] == [
        ("Government of Algeria", "witness")
    ]
    assert names(parse("Ministre de l'Intérieur de la République", column="ThrdPart", loc1iso="MLI")) == [
        "Government of Mali"
    ]


def test_an_organ_of_a_state_then_its_signers_name_is_the_organ():
    cell = "Presidency of the Republic of Bosnia and Herzegovina ALIJA IZETBEGOVIC"
    assert names(parse(cell, loc1iso="BIH")) == ["Presidency of the Republic of Bosnia and Herzegovina"]
    # A name after "of" is whose organ it is, not who signed.
    cell = "President of the Croatian Republic of Herceg Bosnia Mate Boban"
    assert "Government of Croatia" not in names(parse(cell, loc1iso="BIH"))


def test_an_office_once_held_represents_no_state_now():
    # "Former Foreign Affairs Minister Republic of Angola" mediates for IGAD, not for Angola (R5).
    cell = (
        "FOR THE IGAD LED MEDIATION:\n"
        "H.E. Georges Chikoti Former Foreign Affairs Minister Republic of Angola\n"
        "H.E. Hanna Tetteh Former Foreign Affairs Minister Republic of Ghana"
    )
    # They sign for the mediation's organisation (IGAD), and no former office makes a government.
    assert [(p.name, p.kind, p.signed_by) for p in parse(cell, column="ThrdPart", loc1iso="SSD")] == [
        ("Intergovernmental Authority on Development", "organisation", "Georges Chikoti"),
    ]
    cell = "His Excellency Uhuru Kenyatta, former President of the Republic of Kenya (Panel Member)"
    assert "Government of Kenya" not in names(parse(cell, column="ThrdPart", loc1iso="ETH"))
    # Spanish and hyphenated: "ex Presidente de la República" is no government now either.
    assert [(p.name, p.kind) for p in parse("Belisario Betancur, ex Presidente de la República", loc1iso="COL")] == [
        ("Belisario Betancur", "person")
    ]
    cell = "Benjamin Mkapa, Ex-President of the Republic of Tanzania"
    assert names(parse(cell, column="ThrdPart", loc1iso="BDI")) == ["Benjamin Mkapa"]
    # The holder's name after "Former President" is not a state's office.
    assert names(parse("Government of Burundi; Former President Pierre Buyoya", loc1iso="BDI"))[0] == (
        "Government of Burundi"
    )


def test_an_office_then_an_acronym_in_brackets_after_a_person_is_whom_they_sign_for():
    cell = "Witnessed by:\n - Tuliram Ronghang (Chief Executive Member, KAAC)"
    assert signers(parse(cell, column="ThrdPart", loc1iso="IND")) == [("KAAC", "Tuliram Ronghang")]


def test_the_part_of_the_text_signed_is_no_actor():
    cell = (
        "To the Dayton Agreement on Implementing the Federation of Bosnia and Herzegovina:\n"
        "Alija Izetbegovic, President of the Republic of Bosnia and Herzegovina\n\n"
        "To the signed Annex to the Dayton Agreement on Implementing the Federation of Bosnia and "
        "Herzegovina - Agreed Principles for the Interim Statute for the City of Mostar:\n"
        "Mijo Brajkovic, Mayor of West Mostar"
    )
    assert names(parse(cell, loc1iso="BIH")) == ["Government of Bosnia and Herzegovina", "Mayor of West Mostar"]
    cell = "Joint Declaration of 16 September 1993: as witnesses, Thorvald Stoltenberg and David Owen."
    assert {p.role for p in parse(cell, column="ThrdPart", loc1iso="BIH")} == {"witness"}
    # A heading that says who witnessed is still a heading; a government of national accord an actor.
    cell = "Agmt annex to Gaza-Jericho Agmt which was 'Witnessed By': The United States of America"
    assert [p.role for p in parse(cell, column="ThrdPart", loc1iso="ISR")] == ["witness"]
    assert names(parse("Government of National Accord", loc1iso="LBY")) == ["Government of National Accord"]


def test_hezbollah_is_known_and_signs_through_its_leader():
    cell = "Hezbollah, Hassan Nasrallah; and the Free Patriotic Movement (FPM), Général Michel Aoun"
    assert signers(parse(cell, loc1iso="LBN")) == [
        ("Hezbollah", "Hassan Nasrallah"),
        ("Free Patriotic Movement", "Michel Aoun"),
    ]


def test_a_list_heading_is_no_person():
    cell = "List of the Body of Chairpersons:\nAli Warsame Gulaid (Chairperson) (Habar Yoonis)"
    assert "List of the Body of Chairpersons" not in names(parse(cell, loc1iso="SOM"))


@pytest.mark.parametrize(
    ("written", "office"),
    [
        # The gap a signer's name left, with the titles before it.
        (
            "Col , OBE, Deputy Controller, Bougainville State of Emergency",
            "OBE, Deputy Controller, Bougainville State of Emergency",
        ),
        ("H.E. Dr. , President of the Interim Government of Liberia", "President of the Interim Government of Liberia"),
        (
            "His Excellency Alhaji Sir , President of the Republic of The Gambia",
            "President of the Republic of The Gambia",
        ),
        ("President , Nicaraguan Resistance", "President, Nicaraguan Resistance"),
        # Titles alone are no office; titles after the office belonged to a name after it.
        ("Mr", ""),
        ("Maj-Gen", ""),
        ("Acting President of Nepali Congress, Mr", "Acting President of Nepali Congress"),
        ("the Interim General Secretary: Honourable", "Interim General Secretary"),
        # Honorifics, an article, a list's number and empty brackets before the office.
        (
            "His Excellency President of the Commission of the African Union",
            "President of the Commission of the African Union",
        ),
        ("the EU facilitator", "EU facilitator"),
        ("1-, Chef de village de Diallassagou", "Chef de village de Diallassagou"),
        ("( ) PRESIDENT, KARBI STUDENTS' ASSOCIATION (KSA)", "PRESIDENT, KARBI STUDENTS' ASSOCIATION (KSA)"),
        (
            "and Chairman of ECOWAS , , President of the Togolese Republic",
            "and Chairman of ECOWAS, President of the Togolese Republic",
        ),
        # An office whose first word is also a title keeps it when no name was cut after it.
        ("General Secretary of CPN (UML)", "General Secretary of CPN (UML)"),
        ("Chief of Staff", "Chief of Staff"),
        ("Gen. Sec., New Mon State Party", "Gen. Sec., New Mon State Party"),
        ("CHIEF, BEKANGWA", "CHIEF, BEKANGWA"),
        ("Dep. Exec. Dir. , GRP Technical Working Group", "Dep. Exec. Dir., GRP Technical Working Group"),
        ("30-member peace jirga led by Commissioner", "30-member peace jirga led by Commissioner"),
        ("(Chief Executive Member, KAAC)", "Chief Executive Member, KAAC"),
        ("Hon. – Ladu, YCFDP Founder", "Ladu, YCFDP Founder"),
    ],
)
def test_the_office_a_signer_signed_in_closes_the_gap_their_name_left(written, office):
    assert signer_office(written) == office


def test_parsed_offices_carry_no_titles_or_gaps():
    # The signer's name is taken out of "His Excellency Thabo Mbeki, President of ...", leaving
    # "His Excellency , President of ..." before the office was cleaned.
    cell = "Witnesses:\nHis Excellency Thabo Mbeki, President of the Republic of South Africa"
    assert [(p.signed_by, p.signed_as) for p in parse(cell, column="ThrdPart", loc1iso="SSD")] == [
        ("Thabo Mbeki", "President of the Republic of South Africa")
    ]


def test_an_organ_of_a_state_named_whole_keeps_the_words_after_it():
    # "Operation in Mozambique" is no person's name after "United Nations".
    assert names(parse("United Nations Operation in Mozambique", column="ThrdPart", loc1iso="MOZ")) == [
        "United Nations Operation in Mozambique"
    ]


def test_an_actor_named_for_an_accord_or_a_resolution_is_no_document():
    cell = "Witnessed by: Centre for Conflict Resolution, Laurie Nathan"
    assert names(parse(cell, column="ThrdPart", loc1iso="ZAF")) == ["Centre for Conflict Resolution"]


def test_a_colon_inside_a_blocks_bracket_still_ends_its_name():
    # "[Summary: ... member states: Angola, ...]" is a note on the block, not its name's members.
    cell = (
        "For the Contact Group (Signature) [Summary: the Ministerial Contact Group of the Community of "
        "Portuguese-speaking Countries is comprised of the following member states: Angola, Brazil, "
        "Cape Verde, (Guinea-Bissau), Mozambique, Portugal, and São Tomé and Príncipe]."
    )
    assert names(parse(cell, column="ThrdPart", loc1iso="GNB")) == ["Contact Group"]


def test_a_comma_in_a_blocks_bracketed_members_does_not_end_its_name():
    cell = "For the SELEKA Coalition (CPJP, UFDR, UFR, CPSK)\n-\tMichel DJOTODJIA"
    assert ("SELEKA Coalition", "Michel DJOTODJIA") in signers(parse(cell, loc1iso="CAF"))


@pytest.mark.parametrize(
    ("cell", "loc1iso", "name"),
    [
        ("Untied Nations: Jean ARNAULT", "GTM", "United Nations"),
        ("Por el Gobiemo Nacional: Victor G. Ricardo", "COL", "Government of Colombia"),
        ("Transdniestria: I. Smirnov", "MDA", "Transnistria"),
    ],
)
def test_a_known_name_misspelt_is_the_known_actor_its_spelling_an_alias(cell, loc1iso, name):
    (party,) = parse(cell, loc1iso=loc1iso)
    assert party.name == name
    written = re.sub(r"^(?:Por el |For the |Pour le )|:.*$|\n.*$", "", cell, flags=re.S)
    assert fold(written) in {fold(alias) for alias in party.aliases}


def test_a_misspelt_state_is_the_state_and_keeps_its_signer():
    cell = "Guarantors:\nRepublic of Diijbouti, Ismail Omar Guelleh, President"
    (party,) = parse(cell, column="ThrdPart", loc1iso="SSD")
    assert (party.name, party.role, party.country, party.signed_by) == (
        "Djibouti",
        "guarantor",
        "DJ",
        "Ismail Omar Guelleh",
    )


@pytest.mark.parametrize(
    ("cell", "loc1iso", "name", "signer"),
    [
        ("For the National Goverment: Daniel García-Peña", "COL", "Government of Colombia", "Daniel García-Peña"),
        (
            "Pour le Governement de la RDC\nColonel Mukunto Kiyana Tim\nConseiller Militaire",
            "COD",
            "Government of the Democratic Republic of the Congo",
            "Mukunto Kiyana Tim",
        ),
    ],
)
def test_the_word_government_misspelt_is_the_word(cell, loc1iso, name, signer):
    (party,) = parse(cell, loc1iso=loc1iso)
    assert (party.name, party.signed_by) == (name, signer)


def test_a_real_name_near_a_known_one_stays_itself():
    # "Union pour la Paix en Centrafrique" is one edit from the gazetteer's "Unité ...", but
    # "Union" is a real word: the name stays as written.
    (party,) = parse("Pour l'Union pour la Paix en Centrafrique: Ali Darassa", loc1iso="CAF")
    assert party.name == "Union pour la Paix en Centrafrique"


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        (
            "Bir Bahadur Lama Tamang,  Democratic Tamang Association\n\n"
            "Dilman Pakhrin Tamang.  Nepal Tamang Association\n\nParsuram Tamang,  Tamsaling National Party",
            "NPL",
            [
                ("Democratic Tamang Association", "Bir Bahadur Lama Tamang"),
                ("Nepal Tamang Association", "Dilman Pakhrin Tamang"),
                ("Tamsaling National Party", "Parsuram Tamang"),
            ],
        ),
        (
            "The Republic of Uganda, The Republic of Zimbabwe. Movement for the Liberation of the Congo",
            "COD",
            [("Uganda", ""), ("Zimbabwe", ""), ("Movement for the Liberation of the Congo", "")],
        ),
    ],
)
def test_a_full_stop_between_two_names_parts_them_as_a_comma(cell, loc1iso, expected):
    assert signers(parse(cell, loc1iso=loc1iso)) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "V. Zorin. S. Stepashin. N. Bezborodov.",  # a list of people: read as it is
        "Jose MA. Sison. Chief Political Consultant NDFP Negotiating Panel",  # an office follows
        "Othman Bin Abd. Razak, Malaysia",  # an abbreviation
    ],
)
def test_a_full_stop_after_an_initial_an_abbreviation_or_before_an_office_stays(cell):
    assert clean(cell) == cell


def test_signatures_side_by_side_on_one_line_are_one_each():
    cell = (
        "The Georgian Party was represented by a delegation consisting of Mr. Vazha Lordkipanidze.\n\n"
        "The Abkhaz Party was represented by a delegation made up of Mr. Tamaz Ketsba.\n\n"
        "(Signed) L. Bota (Signed) T. Ketsba (Signed) V. Lordkipanidze"
    )
    parties = parse(cell, loc1iso="GEO", con="Georgia/(Abkhazia)")
    # Bota signs on his own; Ketsba and Lordkipanidze are the signers of their parties, not two
    # more actors, and nobody is "L. Bota T. Ketsba V. Lordkipanidze".
    assert names(parties) == ["Georgian Party", "Abkhaz Party", "L. Bota"]
    assert [p.signed_by for p in parties[:2]] == ["Vazha Lordkipanidze", "Tamaz Ketsba"]


def test_a_party_and_its_signer_on_one_line_stay_one():
    (party,) = parse("Georgia (Signed) A. KAVSADZE", loc1iso="GEO")
    assert (party.name, party.signed_by) == ("Georgia", "A. KAVSADZE")


def test_who_signed_for_an_actor_is_no_second_actor_when_named_again():
    cell = (
        "Attested to:\n(Signed) Jerry John RAWLINGS\nH.E. Flt. Lt. Jerry John Rawlings\n"
        "President of the Republic of Ghana\nand Current Chairman of ECOWAS"
    )
    assert signers(parse(cell, column="ThrdPart", loc1iso="LBR")) == [("Government of Ghana", "Jerry John Rawlings")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Mr. Abel Balenguele\nDeputy Coordinator\nFront populaire pour la renaissance de la Centrafrique",
            [("Front populaire pour la renaissance de la Centrafrique", "Abel Balenguele")],
        ),
        (
            "Mr. Landa Nzengue\nPresident\nUnion des forces républicaines fondamentales",
            [("Union des forces républicaines fondamentales", "Landa Nzengue")],
        ),
        ("Mouvement patriotique pour la Centrafrique", [("Mouvement patriotique pour la Centrafrique", "")]),
        (
            "Union des forces Républicaines: Florian N'DJADDER BEDAY",
            [("Union des forces Républicaines", "Florian N'DJADDER BEDAY")],
        ),
    ],
)
def test_a_name_written_in_sentence_case_is_read_whole_never_as_the_country_it_ends_with(cell, expected):
    assert signers(parse(cell, loc1iso="CAF")) == expected


def test_a_sentence_case_name_ends_before_a_note_and_english_prose_is_no_name():
    assert names(parse("4. Union pour le progrès national Express reservations", loc1iso="BDI")) == [
        "Union pour le progrès national"
    ]
    assert parse("Union was represented by the Minister", loc1iso="CAF") == []


def test_a_block_heading_over_a_blank_line_holds_its_delegates():
    cell = (
        "Delegation of the Government of the Republic of Colombia:\n\n"
        "(Signed) José Otty Patiño Hormaza, Head of delegation\n(Signed) Iván Cepeda Castro\n"
        "(Signed) Orlando Romero Reyes\n\n"
        "Delegation of the Ejército de Liberación Nacional – ELN:\n\n"
        "(Signed) Pablo Beltrán, Head of delegation\n(Signed) Aureliano Carbonell"
    )
    # The delegates are the delegation's, not actors of their own (R2); the head signed for it.
    assert signers(parse(cell, loc1iso="COL")) == [
        ("Government of Colombia", "José Otty Patiño Hormaza"),
        ("Ejército de Liberación Nacional", "Pablo Beltrán"),
    ]


def test_a_ministers_portfolio_joined_by_and_is_one_office_of_the_state_it_names():
    cell = "H.E. Mohamoud Dirir, Minister of Culture and Tourism of the Federal Democratic Republic of Ethiopia"
    assert signers(parse(cell, column="ThrdPart", loc1iso="SSD")) == [("Government of Ethiopia", "Mohamoud Dirir")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Front populaire ivoirien et Rassemblement des républicains",
            ["Front populaire ivoirien", "Rassemblement des républicains"],
        ),
        ("Movimiento revolucionario y Partido comunista", ["Movimiento revolucionario", "Partido comunista"]),
        (
            "Union des forces républicaines and the Government of the Central African Republic",
            ["Union des forces républicaines", "Government of the Central African Republic"],
        ),
        ("Government of Myanmar; Alliance members including the Arakan Army", ["Government of Myanmar", "Arakan Army"]),
        (
            "Coordination des Mouvements et Forces Patriotiques de Resistance",
            ["Coordination des Mouvements et Forces Patriotiques de Resistance"],
        ),
        ("Mouvement arabe de l'Azawad", ["Mouvement arabe de l'Azawad"]),
        # "et" before a lower-case word goes on with the name; "Coalition" heads one too.
        (
            "Coordination des mouvements et forces patriotiques de résistance",
            ["Coordination des mouvements et forces patriotiques de résistance"],
        ),
        ("Coalition du peuple pour l'Azawad", ["Coalition du peuple pour l'Azawad"]),
        # An indefinite article before a capital goes on with the name, as "la" does.
        (
            "Jonas Alexandre, Coalition des Partis Politiques pour une Entente Nationale",
            ["Coalition des Partis Politiques pour une Entente Nationale"],
        ),
        ("Union level negotiators", []),  # English: "level" is no French adjective
    ],
)
def test_a_sentence_case_name_ends_where_another_name_or_english_begins(cell, expected):
    assert names(parse(cell, loc1iso="CAF")) == expected


def test_acronyms_heading_the_entries_of_a_glossary_part_them():
    cell = "MLPC Mouvement de Libération du Peuple Centrafricain MNR Mouvement de National pour le Renouveau"
    assert names(parse(cell, loc1iso="CAF")) == [
        "MLPC Mouvement de Libération du Peuple Centrafricain",
        "MNR Mouvement de National pour le Renouveau",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Two people of one surname: both stay.
        (
            "Transitional Federal Government, represented by Mohamed Ali; Mahmoud Ali",
            [("Transitional Federal Government", "Mohamed Ali"), ("Mahmoud Ali", "")],
        ),
        # Two offices of two states, joined by "and": two governments.
        (
            "Minister of Foreign Affairs of the Republic of Uganda and Minister of Defence of the Republic of Kenya",
            [("Government of Uganda", ""), ("Government of Kenya", "")],
        ),
    ],
)
def test_what_the_session_rules_must_not_merge(cell, expected):
    assert signers(parse(cell, loc1iso="SOM")) == expected


def test_a_heading_after_a_heading_is_its_own_block():
    cell = (
        'AND: THE ISATABU FREEDOM MOVEMENT ("IFM") of the Second Part:\n'
        'AND: THE SOLOMON ISLANDS GOVERNMENT ("SIG") of the Third Part:'
    )
    assert names(parse(cell, loc1iso="SLB")) == ["ISATABU FREEDOM MOVEMENT", "Government of Solomon Islands"]


def test_a_transliteration_keeps_the_cells_spelling():
    (party,) = parse("In the presence of: Nur al-Din al-Zanki Movement", column="ThrdPart", loc1iso="SYR")
    assert party.name == "Nur al-Din al-Zanki Movement"
    assert "Nour al-Din al-Zenki Movement" in party.aliases


@pytest.mark.parametrize(
    "cell",
    [
        "For the IGAD led Mediation:\nAmb. Seyoum Mesfin; Gen. Lazarus Sumbeiywo; Amb. Gen. Mohamed Ahmed El-Dabi",
        "FOR THE IGAD LED MEDIATION:\nAmb. Seyoum Mesfin\nGen. Lazarus Sumbeiywo",
    ],
)
def test_a_mediation_heading_naming_an_organisation_is_its_block(cell):
    # Its envoys sign for IGAD, the mediator, and are not actors of their own (R2).
    (party,) = parse(cell, column="ThrdPart", loc1iso="SSD")
    assert (party.name, party.role, party.signed_by, party.signed_as) == (
        "Intergovernmental Authority on Development",
        "mediator",
        "Seyoum Mesfin",
        "",
    )


def test_a_heading_of_a_nations_people_in_a_role_is_that_state():
    cell = "Norwegian Facilitators:\nAmbassador Jon Westborg\nMr. Erik Solheim."
    assert [(p.name, p.role, p.signed_by) for p in parse(cell, column="ThrdPart", loc1iso="LKA")] == [
        ("Norway", "mediator", "Jon Westborg")
    ]


def test_an_office_held_at_a_body_inside_a_block_is_one_more_delegate():
    # 166: under "On behalf of the government:", "Adviser to the Peace Council" is a delegate's
    # office, as "Manager of the Peace Fund" would be, not a new actor signed for by its holder.
    cell = (
        "On behalf of the government:\nJESUS ANTONIO BEJARANO\nA. Presidential Adviser\n"
        "CARLOS EDUARDO JARAMILLO C.\nAdviser to the Peace Council\n"
        "HUMBERTO VERGARA P.\nAdviser to the Peace Council\n\n"
        "On behalf of the Simon Bolivar Guerrilla Coordination Body\nALFONSO CANO (FARC)"
    )
    parties = parse(cell, loc1iso="COL")
    assert "Peace Council" not in names(parties)
    assert ("Government of Colombia", "JESUS ANTONIO BEJARANO") in signers(parties)


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # 1693: a state read as a woman's first name ("Georgia V. Goguadze").
        ("On behalf of Georgia V. Goguadze\nOn behalf of Abkhazia S. Jinjolia", "GEO", ("Georgia", "V. Goguadze")),
        # 2455: the signer's initials run into the state an office names.
        (
            "President of the Republic of Azerbaijan I.H.Aliyez\n"
            "Prime Minister of the Republic of Armenia N.V. Pashinyan",
            "ARM",
            ("Government of Azerbaijan", "I.H.Aliyez"),
        ),
        # 2396: initials spaced out are one signer.
        ("President of the Republic of Azerbaijan I. H. Aliyev", "ARM", ("Government of Azerbaijan", "I. H. Aliyev")),
    ],
)
def test_a_known_actor_then_an_initialled_signer_is_the_actor_and_its_signer(cell, loc1iso, expected):
    assert expected in signers(parse(cell, loc1iso=loc1iso))


def test_an_initialled_signer_after_a_qualifying_name_leaves_the_name_alone():
    # 20: "the CPKF of the CIS" is the CPKF; the CIS only says whose force it is.
    cell = "From the CPKF the Commander of the CPKF of the CIS S. Korobko"
    assert "CPKF" in names(parse(cell, column="ThrdPart", loc1iso="GEO"))


def test_a_signature_tables_two_columns_flattened_are_the_actor_and_its_signer():
    # 2281: the columns of a signature table, only spaces between them.
    cell = (
        "Hayʼat Tahrīr al-Shām   Sa’ad al-Din al-Sabah [Signature] [Stamp]\nSarmin Shura Council   Abu Abdo [Signature]"
    )
    assert signers(parse(cell, loc1iso="SYR")) == [
        ("Hayʼat Tahrīr al-Shām", "Sa’ad al-Din al-Sabah"),
        ("Sarmin Shura Council", "Abu Abdo"),
    ]


def test_spaced_columns_are_not_split_where_words_stand_before_the_signer():
    # 2164: "Brigades, signed by" is the rest of the name and a note, not a second column.
    assert signers(parse("Suqur al-Sham  Brigades, signed by Abu Zaher.", loc1iso="SYR")) == [
        ("Suqur al-Sham Brigades", "Abu Zaher")
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("High Council of State: Khalid Al Mashri", "High Council of State"),  # 2138
        ("Joint Meeting Parties", "Joint Meeting Parties"),  # 1400
        ("Presidential Mediation Council", "Presidential Mediation Council"),  # 2063
        ("State Security Committee (South Kordofan)", "State Security Committee"),  # 1671
        ("High Authority for the Unity of Azawad", "High Authority for the Unity of Azawad"),  # 816
    ],
)
def test_a_body_named_with_an_offices_first_word_keeps_it(cell, expected):
    # "High", "Joint", "Presidential", "State" begin offices ("High Commissioner") and bodies alike.
    assert expected in names(parse(cell, loc1iso="LBY"))


def test_an_office_beginning_with_such_a_word_is_still_an_office():
    parties = parse("Jane Doe, High Representative of the European Union", column="ThrdPart")
    assert signers(parties) == [("European Union", "Jane Doe")]
    # Two words of office before the body: the body's name does not take the first of them.
    assert "High Peace Commission" not in names(parse("John Doe, High Commissioner Peace Commission", loc1iso="LBY"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Enver ZEJNILAGIC, Commander of the 317th Mountain Brigade", "317th Mountain Brigade"),  # 1622
        ("Fahim Bin Ramadan, 301st Infantry Brigade, Presidential Council", "301st Infantry Brigade"),  # 2136
    ],
)
def test_a_units_number_is_part_of_its_name(cell, expected):
    assert expected in names(parse(cell, loc1iso="BIH"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # 2529: a letter and the group in brackets over its signers.
        (
            "A [Dinka]\nJames Agwer\nIbrahim Ali al Jak\n\nB [Rizegat]\nAbbas Abdalla Mohamed\nYusuf Suleiman Buram",
            [("Dinka", "James Agwer"), ("Rizegat", "Abbas Abdalla Mohamed")],
        ),
        # 1858: the list of a clan's delegates, numbered, two to a line at times.
        (
            "Names of Yantaar Delegates\n1. Malaq Caliyaw Mahamed Wardhere 2. Malaq Maadey Cabdi Nur\n"
            "3. Malaq Dadir Macalin\nNames of Hubeer Delegates\n1. Ugaas Hassan Shure Mahamud 2. Malaq Aadan Salad Nur",
            [("Yantaar", "Caliyaw Mahamed Wardhere"), ("Hubeer", "Hassan Shure Mahamud")],
        ),
    ],
)
def test_a_heading_naming_a_group_over_its_signers_is_that_group(cell, expected):
    parties = parse(cell, loc1iso="SOM")
    assert signers(parties) == expected
    assert all(not p.signed_as[:1].isdigit() and " 2. " not in p.signed_as for p in parties)


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # 1812: "Delegation" must not go first and leave a bare "Government", a heading.
        ("Government Delegation: al-Rakan Ismat, Head", "SDN", ("Government of Sudan", "al-Rakan Ismat")),
        # 921: "Government of the Republic", named no further, is the agreement's own (R4).
        (
            "For the Government of the Republic: Arnoldo Alemán Lacayo, President of the Republic",
            "NIC",
            ("Government of Nicaragua", "Arnoldo Alemán Lacayo"),
        ),
    ],
)
def test_generic_wordings_of_the_government_are_the_agreements_own(cell, loc1iso, expected):
    assert signers(parse(cell, loc1iso=loc1iso)) == [expected]


def test_the_government_of_the_republic_of_a_named_country_is_that_countrys():
    parties = parse("For the Government of the Republic of Burundi: Pierre Buyoya", loc1iso="TZA")
    assert signers(parties) == [("Government of Burundi", "Pierre Buyoya")]


def test_a_ministry_of_international_cooperation_is_of_the_state_named_after_it():
    # 715: not an actor called "International Cooperation of the Republic of the Sudan".
    cell = "Al-Tijani Salih Fidail, Minister for International Cooperation of the Republic of the Sudan"
    assert signers(parse(cell, loc1iso="TCD")) == [("Government of Sudan", "Al-Tijani Salih Fidail")]


@pytest.mark.parametrize(
    "cell",
    [
        "Signed:\nIsrael J. Katz\nMahmoud Abbas",  # a one-word state that is also a first name
        "Witnessed by: Jordan K. Ryan",
    ],
)
def test_a_first_name_that_is_a_state_is_no_actor_without_a_for(cell):
    parties = parse(cell, loc1iso="ISR")
    assert all(p.kind == "person" for p in parties), parties


def test_an_initialled_signer_in_capitals_after_for_is_the_signer():
    assert signers(parse("On behalf of Georgia V. GOGUADZE", loc1iso="GEO")) == [("Georgia", "V. GOGUADZE")]


@pytest.mark.parametrize(
    ("cell", "absent"),
    [
        # One line spaced out is no table; names above their actors are not the second column.
        ("African Union  Addis Ababa", "Addis Ababa"),
        (
            "Khalil Ibrahim\nJustice and Equality Movement    Minni Minawi\nSudan Liberation Movement/Army    X Y",
            "Minni Minawi",
        ),
    ],
)
def test_spaced_columns_need_a_table_and_no_name_above(cell, absent):
    parties = parse(cell, loc1iso="SDN")
    assert all(p.signed_by != absent for p in parties), parties


@pytest.mark.parametrize(
    "cell",
    [
        "A (Continued)\nAli Musa\nOmar Hassan",  # one lettered line is no list of groups
        "Names of Other Representatives\n1. Ali Musa\nNames of Other Delegates\n2. Omar Hassan",
    ],
)
def test_a_group_heading_needs_a_second_and_a_name(cell):
    parties = parse(cell, loc1iso="SOM")
    assert {p.name for p in parties} == {"Ali Musa", "Omar Hassan"}


def test_a_numbered_lists_cut_leaves_numbers_inside_an_office():
    parties = parse("For the AU:\nAli Musa, Chairman of Committee No. 3) and Minister", loc1iso="SOM")
    assert [p.signed_as for p in parties] == ["Chairman of Committee No. 3) and Minister"]


def test_a_number_joins_only_a_units_name():
    assert "5th Peace Council" not in names(parse("Signed on the 5th Peace Council: Ali Musa", loc1iso="SOM"))


def test_a_government_of_the_republic_among_third_parties_is_not_the_agreements():
    parties = parse("Guarantors:\nGovernment of the Republic, Uganda", column="ThrdPart", loc1iso="SSD")
    assert "Government of South Sudan" not in names(parties)


def test_a_name_below_a_signer_is_no_office():
    # 2529: "Hasan jabir Akot" is one more Dinka signer, not James Agwer's office.
    parties = parse("A [Dinka]\nJames Agwer\nHasan jabir Akot\n\nB [Rizegat]\nAbbas Abdalla Mohamed", loc1iso="SDN")
    dinka = parties[0]
    assert (dinka.name, dinka.signed_by, dinka.signed_as) == ("Dinka", "James Agwer", "")


def test_signed_by_is_no_part_of_an_office():
    # 1026: "Signed by Head of the Governmental Delegation of the Republic of Georgia".
    parties = parse("On behalf of Georgia: T. I. Sigua, Signed by Head of the Governmental Delegation", loc1iso="GEO")
    assert [p.signed_as for p in parties] == ["Head of the Governmental Delegation"]


def test_a_unit_of_the_own_government_known_by_its_officers_title_is_a_delegate():
    # 150: the programme and the fund are the Colombian government's, beside its President.
    cell = (
        "ERNESTO SAMPER PIZANO, President of the Republic\n"
        "TOMÁS E. CONCHA SANZ, National Coordinator of the Reinsertion Programme\n"
        "PATRICIA PINEDA DE CASTRO, Manager of the Peace Fund"
    )
    assert names(parse(cell, loc1iso="COL")) == ["Government of Colombia"]


def test_a_council_beside_the_government_stays_its_own_actor():
    # 2394: the Transitional Sovereignty Council signs beside the Government of Sudan.
    cell = (
        "Abdalla Hamdok, Prime Minister of the Republic of the Sudan\n"
        "Abdel Fattah al-Burhan, President of the Transitional Sovereignty Council"
    )
    assert "Transitional Sovereignty Council" in names(parse(cell, loc1iso="SDN"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("IGAD African Union", ["Intergovernmental Authority on Development", "African Union"]),  # 747
        ("Republic of the Congo Gabonese Republic", ["Republic of the Congo", "Gabon"]),  # 2147
        # A name whose country says whose it is stays one.
        ("Justice and Equality Movement Sudan", ["Justice and Equality Movement Sudan"]),
    ],
)
def test_two_known_names_run_together_are_two_actors(cell, expected):
    assert names(parse(cell, column="ThrdPart", loc1iso="SDN")) == expected


def test_a_division_of_the_one_organisation_signing_is_its_delegate():
    # 1454: the ICRC's officers, two of them heads of its divisions.
    cell = (
        "Mr. Claudio Caratsch, Vice-President of the ICRC\n"
        "Mr. Marco Sassòli, Member of the Legal Division\n"
        "Dr. Rémy Russbach, Head of the Medical Division\n"
        "Mr. Jean-David Chappuis, Head of the Central Tracing Agency"
    )
    assert names(parse(cell, column="ThrdPart", loc1iso="HRV")) == ["International Committee of the Red Cross"]


def test_a_note_that_the_agreement_is_ratified_by_names_no_one():
    # 1867: "IS" was read as an acronym.
    cell = (
        "THE REPUBLIKA SRPSKA, REPRESENTED BY:\nThe Prime Minister, Prof. Branko Djerić\n\n"
        "THIS AGREEMENT IS RATIFIED BY:"
    )
    assert "IS" not in names(parse(cell, loc1iso="BIH"))


@pytest.mark.parametrize(
    ("cell", "mdc_signer"),
    [
        # 828: a leader's title set off by a dash, then his party's acronym, which the gazetteer knows.
        ("Robert G. Mugabe - President, ZANU-PF; Morgan R. Tsvangirai - President, MDC", "Morgan R. Tsvangirai"),
        # 826: the same, a flat comma list.
        ("Robert G Mugabe, President, ZANU-PF, Morgan R Tsavangirai President, MDC", "Morgan R Tsavangirai"),
    ],
)
def test_a_party_leaders_title_is_his_partys_not_the_governments(cell, mdc_signer):
    parties = parse(cell, loc1iso="ZWE")
    assert "Government of Zimbabwe" not in names(parties)
    assert ("Movement for Democratic Change", mdc_signer) in signers(parties)


@pytest.mark.parametrize(
    "cell",
    [
        # 634: the chairman of ECOWAS's summit signs for ECOWAS.
        "DAWDA KAIRABA JAWARA\nCHAIRMAN OF THE AUTHORITY OF HEADS OF STATE AND GOVERNMENT OF THE "
        "ECONOMIC COMMUNITY OF WEST AFRICAN STATES",
        # 185: "Heads of State and Government" is one phrase, not "Heads of State" and "Government of ECOWAS".
        "for and on behalf of the Authority of Heads of State and Government of ECOWAS",
    ],
)
def test_the_summit_of_an_organisation_is_that_organisation(cell):
    parties = parse(cell, column="ThrdPart", loc1iso="GNB")
    assert [fold(name) for name in names(parties)] == [fold("Economic Community of West African States")]


def test_government_representatives_are_the_agreements_government():
    # 2679: "Government Representatives:" over the officials who sign for it (R4).
    cell = "Government Representatives:\nHon. Benjamin Makuer Mabor - Chairperson Peaceful Disarmament Committee"
    assert names(parse(cell, column="ThrdPart", loc1iso="SSD")) == ["Government of South Sudan"]


def test_a_category_heading_over_the_actors_it_names_is_no_actor():
    # 151: "International monitors:" over two organisations and their signers.
    cell = (
        "International monitors:\nThe World Council of Indigenous Peoples:\nDONALD ROJAS, President\n\n"
        "The Spanish Human Rights Association:\nLUIS OTERO FERNANDEZ"
    )
    assert names(parse(cell, column="ThrdPart", loc1iso="COL")) == [
        "World Council of Indigenous Peoples",
        "Spanish Human Rights Association",
    ]


def test_a_constituency_heading_over_people_stays_an_actor():
    # R11: "For Women's Bloc" with named signers is an entity.
    parties = parse("Women:\nMary Wol Shol\nAchol Deng", loc1iso="SSD")
    assert signers(parties) == [("Women", "Mary Wol Shol")]


def test_the_secretaries_general_of_two_organisations_are_theirs():
    # 784: a plural office, not an organisation named "Secretaries-General of the United Nations".
    cell = "the Secretaries-General of the United Nations and the League of Arab States"
    assert "Secretaries-General of the United Nations" not in names(parse(cell, loc1iso="SYR"))


def test_a_sentence_on_the_signing_that_goes_on_is_read_on():
    # Only "THIS AGREEMENT IS RATIFIED BY:" alone on its line is a note naming no one.
    cell = "This agreement is signed by the Parties in the presence of:\nJohn Doe, Special Envoy of the United Nations"
    assert names(parse(cell, loc1iso="UGA")) == ["United Nations"]
    cell = "This agreement was signed by the witnesses:\nNorway\nUnited States"
    parties = parse(cell, column="ThrdPart", loc1iso="UGA")
    assert [(p.name, p.role) for p in parties] == [("Norway", "witness"), ("United States", "witness")]


def test_government_representatives_of_a_named_country_are_its_government():
    assert names(parse("For the Government Representatives of Uganda: John Doe", loc1iso="SSD")) == [
        "Government of Uganda"
    ]


def test_a_category_heading_after_a_category_heading_is_not_under_it():
    assert names(parse("Women:\n(Signed)\n\nYouth:\n(Signed)", loc1iso="LBR")) == ["Women", "Youth"]


def test_a_defined_term_in_quotes_is_no_signer():
    # 828: "‘The Parties’ shall mean ZANU-PF, ..." took "‘The Parties’" for ZANU-PF's signer.
    cell = (
        "‘The Parties’ shall mean ZANU-PF, the two MDC formations led by Morgan Tsvangirai and by Arthur "
        "Mutambara respectively.\nRobert G. Mugabe - President, ZANU-PF; Morgan R. Tsvangirai - President, MDC"
    )
    assert ("Zimbabwe African National Union – Patriotic Front", "Robert G. Mugabe") in signers(
        parse(cell, loc1iso="ZWE")
    )


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        # A long name is a body of its own, not a unit of the government beside it.
        (
            "John Doe, Coordinator of the Northern Uganda Women's Peace Programme\n"
            "Yoweri Museveni, President of the Republic of Uganda",
            "Northern Uganda Women's Peace Programme",
        ),
        # A department beside the ICRC is no division of the ICRC's.
        (
            "Mr. Claudio Caratsch, Vice-President of the ICRC\nMr. X Y, Head of the Police Department",
            "Police Department",
        ),
    ],
)
def test_units_of_another_actor_are_only_short_divisions_and_government_units(cell, kept):
    assert kept in names(parse(cell, column="ThrdPart", loc1iso="UGA"))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Chairman of the Assembly of Heads of State and Government of the African Union", ["African Union"]),
        ("the Head of State and Government Delegation", ["Government of Sudan"]),
    ],
)
def test_heads_of_state_and_government_of_an_organisation_and_not_otherwise(cell, expected):
    assert names(parse(cell, column="ThrdPart" if "Union" in cell else "Part", loc1iso="SDN")) == expected


def test_the_chairman_of_a_summit_signs_in_that_office():
    cell = (
        "DAWDA KAIRABA JAWARA\nCHAIRMAN OF THE AUTHORITY OF HEADS OF STATE AND GOVERNMENT OF THE "
        "ECONOMIC COMMUNITY OF WEST AFRICAN STATES"
    )
    (party,) = parse(cell, column="ThrdPart", loc1iso="LBR")
    assert party.signed_as.startswith("CHAIRMAN OF THE AUTHORITY")


def test_an_office_before_a_sentence_case_name_leaves_the_name_its_actor():
    cell = (
        "(Signed) Ahmed Ould Sidi Mohamed\nSecretary-General Mouvement arabe de l'Azawad\n\n"
        "(Signed) Harouna Toureh\nChair Coordination des mouvements et forces patriotiques de résistance"
    )
    assert signers(parse(cell, loc1iso="MLI")) == [
        ("Mouvement arabe de l'Azawad", "Ahmed Ould Sidi Mohamed"),
        ("Coordination des mouvements et forces patriotiques de résistance", "Harouna Toureh"),
    ]


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        ("For the SPLM: Pagan Amum", "SSD", "Sudan People's Liberation Movement"),
        ("For the SPLA: Salva Kiir", "SSD", "Sudan People's Liberation Army"),
        ("For the SPLM/A: John Garang", "SSD", "Sudan People's Liberation Movement/Army"),
        ("For the ELN: Pablo Beltrán", "COL", "Ejército de Liberación Nacional"),
        # The entry's own name, where it stands for the acronym or says more than the alias does.
        ("OSCE", "GEO", "Organization for Security and Co-operation in Europe"),
        ("For the ANC: Mathew Mabior", "SSD", "African National Congress of South Sudan"),
        ("WFP", "SSD", "United Nations World Food Programme"),
        # One actor by the acronyms of its movement and its army: the name that holds both.
        (
            "Dr. John Garang de Mabior / Chairman, SPLM., C-in-C, SPLA",
            "SDN",
            "Sudan People's Liberation Movement/Army",
        ),
    ],
)
def test_an_acronym_is_named_by_the_expansion_it_stands_for(cell, loc1iso, expected):
    (party,) = parse(cell, loc1iso=loc1iso)
    assert party.name == expected
    assert len({fold(a) for a in party.aliases}) == len(party.aliases)


def test_a_rank_after_a_slash_goes_on_with_the_name():
    cell = (
        "Representatives of the Libyan Army\nMajor General Ahmed Ali Abu Shahma\n\n"
        "Representatives of the Libyan National Army/ General Command\n"
        "Major General Emraja’a Emhammed Mohammed Al-Ammami\nMajor General Khairi Khalifa omar Al-Timimi"
    )
    assert [(fold(name), signer) for name, signer in signers(parse(cell, loc1iso="LBY"))] == [
        ("libyan army", "Ahmed Ali Abu Shahma"),
        ("libyan national army general command", "Emraja’a Emhammed Mohammed Al-Ammami"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Representing the Government of El Salvadort: Mr. Oscar SANTAMARÍA", ("Government of El Salvador", "SV")),
        ("Government of Tajikstan", ("Government of Tajikistan", "TJ")),
        # Not the agreement's own government for want of reading the name.
        ("Government of Republic of Diijbouti", ("Government of Djibouti", "DJ")),
    ],
)
def test_a_government_of_a_misspelt_country_is_that_countrys(cell, expected):
    (party,) = parse(cell, loc1iso="SLV")
    assert (party.name, party.country) == expected


def test_delegates_a_blank_line_apart_under_a_block_are_its_delegates():
    # 254: each "(Signed)" a blank line below the last; the block's first signer signs for it,
    # the others are its delegates (R2), not persons of their own.
    cell = (
        "For the Government of Guatemala:\n\n(Signed) Gustavo PORRAS CASTEJON\n\n"
        "(Signed) Raquel ZELAYA ROSALES\n\n(Signed) Richard AITKENHEAD CASTILLO\n\n\n"
        "For the Unidad Revolucionaria Nacional Guatemalteca:\n\n(Signed) Ricardo RAMÍREZ DE LÉON\n\n"
        "(Signed) Jorge Edilberto ROSAL MELÉNDEZ\n\n\nWitnesses:\n\n(Signed) Jean ARNAULT"
    )
    assert [(fold(p.name), p.role, p.signed_by) for p in parse(cell, loc1iso="GTM")] == [
        ("government of guatemala", "signatory", "Gustavo PORRAS CASTEJON"),
        ("unidad revolucionaria nacional guatemalteca", "signatory", "Ricardo RAMÍREZ DE LÉON"),
        ("jean arnault", "witness", ""),
    ]


def test_an_of_in_lower_case_inside_a_name_in_capitals_is_of_the_name():
    # 634: not "NATIONAL PATRIOTIC FRONT" in Liberia, nor its signer lost with the rest of the name.
    cell = (
        "Col. Wilmot F.R. Diggs\nFor and on behalf of the ARMED FORCES OF LIBERIA\n\n"
        "Charles Ghankay Taylor\nFor and on behalf of the NATIONAL PATRIOTIC FRONT of LIBERIA"
    )
    assert [(fold(p.name), p.signed_by) for p in parse(cell, loc1iso="LBR")] == [
        ("armed forces of liberia", "Wilmot F.R. Diggs"),
        ("national patriotic front of liberia", "Charles Ghankay Taylor"),
    ]


def test_an_acronym_in_brackets_before_signed_by_is_the_actors_own():
    # 747: not a second actor "Transitional Federal Government" read from "(TFG)".
    cell = "1. Transitional Federal Government of Somalia (TFG), signed by Sharif Hassen Sheikh Aden"
    (party,) = parse(cell, loc1iso="SOM")
    assert (party.signed_by, "TFG" in party.aliases) == ("Sharif Hassen Sheikh Aden", True)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # The words begin a body the acronym names in full.
        (
            "the Office of the United Nations High Commissioner for Refugees (UNHCR)",
            ["United Nations High Commissioner for Refugees"],
        ),
        # A state's own acronym stays the state's.
        ("Republic of Indonesia (RI)", ["Indonesia"]),
    ],
)
def test_an_acronym_in_brackets_names_the_body_the_words_began_to(cell, expected):
    assert [p.name for p in parse(cell, loc1iso="IDN", column="ThrdPart")] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # 2703: the dissidents' general staff, not the FARC-EP of 2016; its delegates' lines broken
        # in the middle of its name are no second actor.
        (
            "[Central General Staff of the FARC-EP]:\n\nAndrey Avendaño\nHead of Delegation of the Central General\n"
            "Staff of the FARC-EP\n\nSebastián Martínez\nDelegation of the Central\nGeneral Staff of the FARC-EP",
            [("Central General Staff of the FARC-EP", "Andrey Avendaño")],
        ),
        # 2669: the faction that split from it, not the EMBF and the FARC-EP.
        (
            "Leopoldo Durán\nCoordinator\nDelegation of the EMBF of the FARC-EP",
            [("EMBF of the FARC-EP", "Leopoldo Durán")],
        ),
        # 2723: named with its acronym and translation in brackets.
        (
            "Signatories illegible, but the agreement document reveals that delegates from the National "
            "Government of Colombia and the Estado Mayor Central (EMC or Central General Staff) of the "
            "FARC-EP signed the agreement.",
            [("Government of Colombia", ""), ("Estado Mayor Central of the FARC-EP", "")],
        ),
    ],
)
def test_a_body_the_gazetteer_knows_by_its_whole_name_is_that_body(cell, expected):
    assert [(p.name, p.signed_by) for p in parse(cell, loc1iso="COL")] == expected


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        # 309: the people after a party's colon are its delegates, the first its signer (R2).
        (
            "Delegation of the General Command of the Unidad Revolucionaria Nacional Guatemalteca: (Signed) "
            "Luis DECKER GUZMAN; (Signed) Francisco VILLAGRAN; (Signed) Jorge E. ROSAL;",
            [],
        ),
        # 405: likewise after a sentence naming their delegation.
        (
            "Signed only by some members of the Kosovo delegation: Rexhep Qosja; Blerim Shala; Veton Suroi; "
            "Unsigned by: Federal Republic of Yugoslavia; Republic of Serbia",
            [],
        ),
        # 405: after a heading's colon each signs on their own (R5).
        ("Witnessed by: Christopher Hill; Wolfgang Petritsch", ["Christopher Hill", "Wolfgang Petritsch"]),
    ],
)
def test_people_after_a_partys_colon_are_its_delegates_and_after_a_headings_their_own(cell, people):
    parties = parse(cell, loc1iso="GTM")
    assert [p.name for p in parties if p.kind == "person"] == people
    assert all(p.signed_by not in ("Francisco VILLAGRAN", "Blerim Shala") for p in parties)


def test_a_rotating_chair_on_the_line_below_a_head_of_state_is_his_office():
    # 38: Jawara chaired ECOWAS as President of The Gambia: one actor, the chair in signed_as (R2).
    cell = "H.E. Sir Dawda JAWARA President of the Republic of The Gambia\nCurrent Chairman of ECOWAS"
    (party,) = parse(cell, column="ThrdPart", loc1iso="LBR")
    assert (party.name, party.signed_by) == ("Government of the Gambia", "Dawda JAWARA")
    assert "ECOWAS" in party.signed_as


@pytest.mark.parametrize(
    ("cell", "venue"),
    [
        # 784: the Action Group met at the UN's office in Geneva, which signed nothing.
        (
            "the Secretaries-General of the United Nations and the League of Arab States met at the "
            "United Nations Office at Geneva",
            "United Nations Office",
        ),
        # 1337: where the committee met, not a host.
        (
            "Abyei Joint Oversight Committee (AJOC). Hosted at the Headquarters of the United Nations Mission "
            "in Abyei, Sudan.",
            "Headquarters of the United Nations Mission in Abyei",
        ),
    ],
)
def test_the_place_where_they_met_is_no_party(cell, venue):
    found = names(parse(cell, loc1iso="SDN", column="ThrdPart"))
    assert found
    assert venue not in found


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # 2068: the FARC-EP's full name across its dash, not the FARC and a "People's Army".
        (
            "The Revolutionary Armed Forces of Colombia - People's Army (FARC-EP)",
            "COL",
            ["Revolutionary Armed Forces of Colombia - People's Army"],
        ),
        # 287: a state's adjective in lower case is of its name.
        (
            "For the federal Republic of Yugoslavia: Milan Milutinovic, Federal minister for Foreign Affairs",
            "HRV",
            ["Federal Republic of Yugoslavia"],
        ),
        # 1398: the FARC-EP's full name broken across a line, its acronym in brackets after it.
        (
            "The Government of Colombia; the Revolutionary Armed Forces of Colombia – People’s\nArmy (FARC – EP)",
            "COL",
            ["Government of Colombia", "Revolutionary Armed Forces of Colombia - People’s Army"],
        ),
        # 2147: a name broken across a line is no name and its signer.
        (
            "Pour le Mouvement des Libérateurs\nCentrafricains pour la Justice (MLCJ)\nGilbert TOUMOU-DEYA",
            "CAF",
            ["Mouvement des Libérateurs Centrafricains pour la Justice"],
        ),
    ],
)
def test_a_known_name_is_read_whole_however_the_cell_breaks_it(cell, loc1iso, expected):
    assert names(parse(cell, loc1iso=loc1iso)) == expected


@pytest.mark.parametrize(
    ("cell", "loc1iso", "expected"),
    [
        # 2221, 1943: one community per name (R11), as "the Republics of A, B and C".
        ("People of Zintan and Zawiyyah", "LBY", ["People of Zintan", "People of Zawiyyah"]),
        ("Representatives of Kisii and Kipsigis communities", "KEN", ["Kisii", "Kipsigis"]),
        # Not the last two names of a longer list.
        ("The Acholi, Madi, Lulubo and Bari communities", "SSD", ["Acholi", "Madi", "Lulubo", "Bari"]),
    ],
)
def test_two_communities_named_together_are_two(cell, loc1iso, expected):
    assert names(parse(cell, loc1iso=loc1iso)) == expected
