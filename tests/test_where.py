"""Toponyms to GeoNames places, roles, event locations and datelines (dyad.where)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.where import PlaceMention, dateline_place, find_places, place_for_event
from dyad.where_dateline import dateline_places
from dyad.where_gazetteer import gazetteer, norm


def places(nlp: Language, text: str, story: tuple[str, ...] = ()) -> list[PlaceMention]:
    mentions = find_places(nlp(text), story)
    for m in mentions:  # offsets are exact character offsets into the text
        assert text[m.place.start : m.place.end] == m.place.text
    return mentions


def by_text(mentions: list[PlaceMention], text: str) -> PlaceMention:
    found = [m for m in mentions if m.place.text == text]
    assert found, f"{text!r} not found in {[m.place.text for m in mentions]}"
    return found[0]


def token_index(doc: Doc, after: str, word: str) -> int:
    start = doc.text.index(after)
    return next(t.i for t in doc if t.idx >= start and t.text == word)


# ------------------------------------------------------------------ gazetteer


def test_gazetteer_knows_extra_places_and_every_alias_row_lands() -> None:
    gaz = gazetteer()
    assert gaz.unmatched_extra == []
    names = {gaz.entries[v.entry].name for v in gaz.lookup("Nagorno-Karabakh")}
    assert names == {"Nagorno-Karabakh"}
    assert gaz.entries[gaz.capital["TKM"]].geonameid == 162183
    assert gaz.lookup("us") == []  # the pronoun is not the United States
    assert norm("Washington, D.C.") == norm("Washington DC")


# ------------------------------------------------------------------ the example article


@pytest.fixture(scope="module")
def example(nlp: Language, example_text: str) -> tuple[Doc, list[PlaceMention]]:
    doc = nlp(example_text)
    mentions = find_places(doc, ("IRN", "AZE"))
    return doc, mentions


def test_example_cities_and_countries(example: tuple[Doc, list[PlaceMention]]) -> None:
    doc, mentions = example
    for m in mentions:
        assert doc.text[m.place.start : m.place.end] == m.place.text
    ids = {m.place.text: m.place.geonameid for m in mentions}
    assert ids["Baku"] == 587084
    assert ids["Moscow"] == 524901
    assert ids["Ashgabat"] == 162183
    assert ids["Tehran"] == 112931
    countries = {m.place.text: m.place.country for m in mentions}
    assert countries["Baku"] == "AZE"
    assert countries["Ashgabat"] == "TKM"
    assert countries["Tehran"] == "IRN"
    for name, iso in [
        ("Iran", "IRN"),
        ("Azerbaijan", "AZE"),
        ("Armenia", "ARM"),
        ("Turkmenistan", "TKM"),
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        ("Georgia", "GEO"),
    ]:
        m = by_text(mentions, name)
        assert (m.place.country, m.place.feature_code) == (iso, "PCLI"), name


def test_example_descriptions_regions_and_non_places(
    example: tuple[Doc, list[PlaceMention]],
) -> None:
    doc, mentions = example
    capital = by_text(mentions, "the Russian capital")
    assert capital.place.geonameid == 524901
    assert doc.text[capital.place.start : capital.place.start + 19] == "the Russian capital"
    karabakh = by_text(mentions, "Nagorno-Karabakh")
    assert karabakh.place.country == "AZE" and karabakh.place.lat is not None
    assert by_text(mentions, "South Caucasus").place.feature_code == "RGN"
    texts = {m.place.text for m in mentions}
    assert not any("Press" in t or "Cooperation" in t or "Aliyev" in t for t in texts)
    assert "Azeri" not in texts and "Iranian" not in texts


def test_example_roles(example: tuple[Doc, list[PlaceMention]]) -> None:
    doc, mentions = example

    def role_at(phrase: str, name: str) -> str:
        start = doc.text.index(phrase) + phrase.index(name)
        return next(m.role for m in mentions if m.place.start == start)

    assert role_at("Baku opposes foreign", "Baku") == "actor"
    assert role_at("Georgia said it would not attend", "Georgia") == "actor"
    assert role_at("Iran has also raised concerns", "Iran") == "actor"
    assert role_at("said Azerbaijan\u2019s release", "Azerbaijan") == "actor"
    assert role_at("expressed Tehran\u2019s keenness", "Tehran") == "actor"
    assert role_at("is in Baku at the head", "Baku") == "place"
    assert role_at("session in Moscow", "Moscow") == "place"
    assert role_at("travel to Iran in the near", "Iran") == "place"
    assert role_at("Visiting neighboring Azerbaijan", "Azerbaijan") == "place"


@pytest.mark.parametrize(
    ("after", "trigger", "expected"),
    [
        ("meet in Baku on December 23, 2021. (Photo", "meet", 587084),
        ("Amir-Abdollahian is in Baku", "is", 587084),
        ("Amir-Abdollahian is in Baku", "delegation", 587084),
        ("The first meeting in the 3+3", "held", 524901),
        ("The first meeting in the 3+3", "meeting", 524901),
        ("Amir-Abdollahian said a meeting between", "meeting", 162183),
        ("invited his Azeri counterpart to make a visit", "visit", 112931),
    ],
)
def test_example_event_locations(
    example: tuple[Doc, list[PlaceMention]], after: str, trigger: str, expected: int
) -> None:
    doc, mentions = example
    place = place_for_event(doc, token_index(doc, after, trigger), mentions)
    assert place is not None and place.geonameid == expected


def test_event_without_attached_place_uses_dateline_or_none(
    example: tuple[Doc, list[PlaceMention]],
) -> None:
    doc, mentions = example
    i = token_index(doc, "He pointed to the recent session", "pointed")
    assert place_for_event(doc, i, mentions) is None  # the session was in Moscow, not the pointing
    i = token_index(doc, "Azerbaijan and Armenia fought", "fought")
    dateline = by_text(mentions, "Baku").place
    assert place_for_event(doc, i, mentions, dateline) == dateline


def test_actor_names_are_never_event_places(nlp: Language) -> None:
    doc = nlp("Tehran condemned the attack in a statement, while Baku rejected it.")
    mentions = find_places(doc)
    assert [m.role for m in mentions] == ["actor", "actor"]
    assert place_for_event(doc, token_index(doc, "Tehran", "condemned"), mentions) is None


def test_finer_place_beats_country(nlp: Language) -> None:
    doc = nlp("The two ministers met in Iran's northern city of Tabriz on Monday.")
    mentions = find_places(doc)
    place = place_for_event(doc, token_index(doc, "The two", "met"), mentions)
    assert place is not None and place.name == "Tabriz"


# ------------------------------------------------------------------ ambiguous names


def test_washington_is_the_capital_unless_the_story_is_about_the_state(nlp: Language) -> None:
    m = places(nlp, "Officials in Washington said the sanctions would stay.")
    assert by_text(m, "Washington").place.geonameid == 4140963
    m = places(nlp, "Voters in Washington and Oregon approved it, and turnout in Seattle was high.")
    assert by_text(m, "Washington").place.feature_code == "ADM1"


def test_georgia_country_or_us_state(nlp: Language) -> None:
    caucasus = places(
        nlp, "Russia and Armenia warned Georgia over NATO, officials in Tbilisi said."
    )
    assert by_text(caucasus, "Georgia").place.country == "GEO"
    us = places(nlp, "Georgia's governor signed the bill in Atlanta on Tuesday.")
    assert by_text(us, "Georgia").place.geonameid == 4197000
    politics = places(nlp, "Georgia passed a new election law, Senate Republicans said.", ("USA",))
    assert by_text(politics, "Georgia").place.country == "USA"


def test_comma_qualified_city(nlp: Language) -> None:
    texas = places(nlp, "The festival was held in Paris, Texas, last weekend.")
    assert by_text(texas, "Paris").place.country == "USA"
    assert by_text(texas, "Texas").place.feature_code == "ADM1"
    france = places(nlp, "Protesters gathered in Paris on Saturday.")
    assert by_text(france, "Paris").place.geonameid == 2988507
    alabama = places(nlp, "He was born in Birmingham, Alabama, and moved to Atlanta.")
    assert by_text(alabama, "Birmingham").place.country == "USA"
    virginia = places(nlp, "The Pentagon contractor is based in Alexandria, Virginia.")
    assert by_text(virginia, "Alexandria").place.country == "USA"


def test_context_picks_among_same_named_cities(nlp: Language) -> None:
    libya = places(nlp, "Clashes erupted in Tripoli as the Libyan army moved in.")
    assert by_text(libya, "Tripoli").place.country == "LBY"
    lebanon = places(nlp, "Clashes erupted in Tripoli, northern Lebanon, officials in Beirut said.")
    assert by_text(lebanon, "Tripoli").place.country == "LBN"
    uk = places(nlp, "Police in Birmingham arrested three men, West Midlands Police said.")
    assert by_text(uk, "Birmingham").place.country == "GBR"
    egypt = places(nlp, "The summit took place in Alexandria, Egypt's second city.")
    assert by_text(egypt, "Alexandria").place.country == "EGY"


# ------------------------------------------------------------------ false places


def test_person_names_months_and_words_are_not_places(nlp: Language) -> None:
    assert places(nlp, "Lloyd Austin met Chinese officials. Austin said the plan was sound.") == []
    assert places(nlp, "George Washington crossed the river in May.") == []
    texts = [m.place.text for m in places(nlp, "The US and UK condemned it. Let us see.")]
    assert texts == ["US", "UK"]
    texts = [m.place.text for m in places(nlp, "Reading the report, mobile users were unhappy.")]
    assert texts == []


def test_waters_disputed_areas_and_unresolved(nlp: Language) -> None:
    m = places(nlp, "Tankers crossed the Strait of Hormuz into the Persian Gulf.")
    assert [x.place.feature_code for x in m] == ["STRT", "GULF"]
    assert all(x.role == "place" for x in m)
    m = places(nlp, "Israeli troops entered the Gaza Strip and raided Jenin in the West Bank.")
    assert [x.place.country for x in m] == ["PSE", "PSE", "PSE"]
    m = places(nlp, "Fighting continued in Donbas and Crimea, Kyiv said.")
    assert [(x.place.name, x.role) for x in m] == [
        ("Donbas", "place"),
        ("Crimea", "place"),
        ("Kyiv", "actor"),
    ]


def test_unknown_gpe_is_returned_unresolved(nlp: Language) -> None:
    m = places(nlp, "Residents of Zzyzxville, Iran, fled the floods.")
    unresolved = [x for x in m if x.place.lat is None]
    assert all(x.place.geonameid is None for x in unresolved)
    assert by_text(m, "Iran").place.lat is not None


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("BAKU, Dec 23 (Reuters) - Iran's foreign minister said", "Baku", "AZE"),
        ("KYIV, Ukraine (AP) \u2014 Russian forces shelled", "Kyiv", "UKR"),
        ("WASHINGTON \u2014 The Senate voted", "Washington", "USA"),
        ("Headline here\n\nPARIS, Texas, Jan. 5 (AP) -- A storm", "Paris", "USA"),
        ("Tripoli, Lebanon (Reuters) - Gunmen", "Tripoli", "LBN"),
    ],
)
def test_dateline(text: str, name: str, country: str) -> None:
    found = dateline_place(text)
    assert found is not None
    place, start, end = found
    assert (place.name, place.country) == (name, country)
    assert text[place.start : place.end] == place.text
    assert start <= place.start and end > place.end and text[start:end].rstrip()[-1] in "-\u2014"


def test_headline_is_not_a_dateline(example_text: str) -> None:
    assert dateline_place("Iran - Azerbaijan talks resume\nNothing else") is None
    assert dateline_place(example_text) is None


@pytest.mark.parametrize(
    ("line", "name", "country"),
    [
        ("LA PAZ (Reuters) - Bolivian President Evo Morales resigned.", "La Paz", "BOL"),
        ("NEW DELHI, Feb 26 (Reuters) - India said it struck a camp.", "New Delhi", "IND"),
        ("ADDIS ABABA (AP) - Ethiopia said.", "Addis Ababa", "ETH"),
    ],
)
def test_capitalised_multiword_dateline_resolves(line: str, name: str, country: str) -> None:
    found = dateline_place(line)
    assert found is not None
    assert (found[0].name, found[0].country) == (name, country)


def test_a_name_after_near_is_a_place_even_unknown_to_the_gazetteer(nlp: Language) -> None:
    found = by_text(places(nlp, "Malian troops fought the rebels near Konna."), "Konna")
    assert found.place.feature_code == "DESC" and found.role == "place"


def test_side_by_side_near_a_place_is_the_events_place() -> None:
    from dyad.pipeline import Pipeline

    text = "BAMAKO (Reuters) - Malian and French troops were fighting side by side near Konna."
    events = Pipeline().code(text, date(2013, 1, 14))
    assert events and all(e.location and e.location.name == "Konna" for e in events)
    assert events[0].location is not None and events[0].location.country == "MLI"


# ------------------------------------------------------------------ provinces, islands, towns


def test_iso_subdivisions_are_in_the_gazetteer_without_hijacking_other_names() -> None:
    import pycountry

    from dyad.ontology import read_tsv

    gaz = gazetteer()

    def found(name: str) -> set[tuple[str | None, str, str | None]]:
        return {
            (
                gaz.entries[v.entry].name,
                gaz.entries[v.entry].feature_code,
                gaz.entries[v.entry].country,
            )
            for v in gaz.lookup(name)
        }

    assert found("Nangarhar") == {("Nangarhar", "ADM1", "AFG")}
    assert found("Hebei province") == {("Hebei", "ADM1", "CHN")}
    assert found("Karakalpakstan") == {("Karakalpakstan", "ADM1", "UZB")}
    assert found("Kyiv region") == {("Kyiv", "ADM1", "UKR")}
    assert ("Sindh", "ADM1", "PAK") in found("Sindh")
    # a name shared with a country, a city, a capital, a demonym or a common word stays theirs
    for name in ("Donetsk", "Kunduz", "Aleppo", "La Paz", "Somali", "Delta", "Central", "Mexico"):
        assert not any(
            code == "ADM1" and country not in ("USA",) for _, code, country in found(name)
        ), name
    assert ("Kunduz", "ADM1", "AFG") in found("Kunduz province")
    assert {c for _, code, c in found("Punjab") if code == "ADM1"} == {"IND", "PAK"}
    assert {(n, c) for n, _, c in found("Georgia")} == {("Georgia", "GEO"), ("Georgia", "USA")}
    # one entry per division: places_extra.tsv rows take the ISO spellings
    assert found("Tigrai") == {("Tigray", "ADM1", "ETH")}
    assert (
        len(
            {
                e.name
                for e in gaz.entries
                if e.kind == "adm1" and e.country == "ETH" and e.name == "Tigray"
            }
        )
        == 1
    )
    codes = {s.code for s in pycountry.subdivisions}
    assert all(row["code"] in codes for row in read_tsv("places_admin1.tsv"))


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        (
            "A drone strike killed two militants in Afghanistan's eastern Nangarhar province.",
            "killed",
            "Nangarhar",
            "AFG",
        ),
        (
            "Two bombs exploded in Jalalabad in Nangarhar province.",
            "exploded",
            "Jalalabad",
            "AFG",
        ),
        (
            "Two bombs exploded in Nangarhar province, Afghanistan.",
            "exploded",
            "Nangarhar",
            "AFG",
        ),
        (
            "Police and protesters clashed in the village of Sitra on Tuesday.",
            "clashed",
            "Sitrah",
            "BHR",
        ),
        (
            "Militants rampaged through the city of Marawi on Tuesday.",
            "rampaged",
            "Marawi City",
            "PHL",
        ),
        (
            "Duterte declared martial law on the southern island of Mindanao.",
            "declared",
            "Mindanao",
            "PHL",
        ),
        (
            "Gunmen abducted 317 schoolgirls from a school in Jangebe, in Nigeria's Zamfara state.",
            "abducted",
            "Jangebe",
            "NGA",
        ),
    ],
)
def test_provinces_islands_and_described_towns_locate_events(
    nlp: Language, text: str, trigger: str, name: str, country: str
) -> None:
    doc = nlp(text)
    place = place_for_event(doc, token_index(doc, text, trigger), find_places(doc))
    assert place is not None and name in (place.name, place.text) and place.country == country


def test_a_participle_happens_where_its_head_verb_did(nlp: Language) -> None:
    text = (
        "Pakistani warplanes struck targets in Afghanistan's Khost province, killing eight people."
    )
    doc = nlp(text)
    place = place_for_event(doc, token_index(doc, text, "killing"), find_places(doc))
    assert place is not None and place.country == "AFG" and place.name.startswith("Kh")


def test_a_town_beats_the_water_it_lies_on_and_a_visit_is_where_it_goes() -> None:
    from dyad.pipeline import Pipeline

    pipe = Pipeline()
    events = pipe.code(
        "Rebel troops blocked bridges over the Bosphorus in Istanbul.", date(2016, 7, 16)
    )
    assert events and events[0].location is not None and events[0].location.name == "Istanbul"
    text = "U.S. Vice President Joe Biden, visiting Warsaw, pledged support for Poland."
    visits = [e for e in pipe.code(text, date(2014, 3, 18)) if e.event_type == "CONSULT"]
    assert visits and visits[0].location is not None and visits[0].location.name == "Warsaw"


def test_a_month_next_to_a_day_number_is_a_date_not_a_town(nlp: Language) -> None:
    found = places(nlp, "CALABAR, Nigeria, March 29 (Reuters) - Police arrested him.")
    assert "March" not in [m.place.text for m in found]


def test_the_capital_the_city_and_shared_datelines_locate_events() -> None:
    from dyad.pipeline import Pipeline

    pipe = Pipeline()
    day = date(2023, 7, 20)
    text = "Kenyan police fired tear gas at protesters in the capital on Wednesday."
    events = pipe.code(text, day)
    assert events and events[0].location is not None and events[0].location.name == "Nairobi"
    text = (
        "M23 rebels seized Goma on Tuesday. Congolese troops clashed with the rebels in the "
        "city on Wednesday."
    )
    clash = [e for e in pipe.code(text, day) if e.trigger.text.startswith("clashed")]
    assert clash and clash[0].location is not None and clash[0].location.name == "Goma"
    text = "SEOUL/TOKYO, Aug 23 (Reuters) - South Korea said it would end the pact with Japan."
    assert [p.name for p in dateline_places(text)] == ["Seoul", "Tokyo"]
