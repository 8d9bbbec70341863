"""The actor lexicon: data files are well formed and lookups normalise as promised."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pycountry
import pytest

from dyad.actors.lexicon import INTERNATIONAL_CODES, ActorLexicon, load_lexicon, tokenize
from dyad.ontology import read_tsv

SECTORS = set(
    "GOV MIL LEG JUD COP REB OPP CVL BUS MED EDU REL REF LAB JRN CRM PTY ELI SPY UAF AGR SOC".split()  # noqa: SIM905, E501
)
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_lexicon()


def test_every_iso_country_has_a_name_and_every_state_a_capital() -> None:
    rows = list(read_tsv("countries.tsv"))
    named = {r["iso3"] for r in rows if r["kind"] == "name"}
    assert ISO3 - named == set()
    with_capital = {r["iso3"] for r in rows if r["kind"] == "capital"}
    states = {r["iso3"] for r in rows if r["kind"] == "name" and not r["sovereign"]}
    # Antarctica has none; Hong Kong, Macau and the Vatican are their own capital
    assert states - with_capital == {"ATA", "HKG", "MAC", "VAT"}


def test_country_rows_are_unique_and_valid() -> None:
    rows = list(read_tsv("countries.tsv"))
    dups = [p for p, n in Counter(r["phrase"] for r in rows).items() if n > 1]
    assert dups == []
    for r in rows:
        assert r["kind"] in {
            "name",
            "official",
            "historical",
            "adjective",
            "demonym",
            "capital",
            "region",
        }, r
        assert r["iso3"] in ISO3 or (r["kind"] == "region" and r["iso3"] == ""), r
        assert r["ambiguous"] in ("", "y"), r
        assert r["sovereign"] in ISO3 | {""}, r


def test_metonym_organisation_and_agent_rows_use_known_codes() -> None:
    codes = ISO3 | INTERNATIONAL_CODES
    for r in read_tsv("metonyms.tsv"):
        assert r["iso3"] in codes and r["sector"] in SECTORS | {""}, r
    for r in read_tsv("organizations.tsv"):
        assert r["code"] in codes and r["sector"] in SECTORS | {""}, r
        for cell in (r["since"], r["until"]):
            if cell:
                date.fromisoformat(cell)
    agents = list(read_tsv("agents.tsv"))
    assert len(agents) > 300
    for r in agents:
        assert r["phrase"] == r["phrase"].lower(), r
        assert r["kind"] in {"title", "group", "modifier", "filler"}, r
        assert r["sector"] in SECTORS or (r["kind"] == "filler" and not r["sector"]), r
    assert {r["sector"] for r in agents if r["sector"]} == SECTORS


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Czechia", "CZE"),
        ("the Czech Republic", "CZE"),
        ("UAE", "ARE"),
        ("the U.S.", "USA"),
        ("America", "USA"),
        ("Great Britain", "GBR"),
        ("DPRK", "PRK"),
        ("ROK", "KOR"),
        ("Azeri", "AZE"),
        ("Azerbaijanis", "AZE"),
        ("Emirati", "ARE"),
        ("Ivorian", "CIV"),
        ("Palestinian", "PSE"),
        ("Iran's", "IRN"),
        ("Iran’s", "IRN"),
        ("iran", "IRN"),
        ("Baku", "AZE"),
        ("the Kremlin", "RUS"),
        ("Élysée Palace", "FRA"),
        ("Elysee Palace", "FRA"),
        ("NATO", "IGO"),
        ("the UN", "UNO"),
    ],
)
def test_country_lookup_normalises(lex: ActorLexicon, phrase: str, iso3: str) -> None:
    term = lex.country(phrase)
    assert term is not None and term.country == iso3


def test_abbreviations_and_ambiguous_words_keep_their_case(lex: ActorLexicon) -> None:
    assert lex.country("us") is None  # the pronoun
    assert lex.country("who") is None  # not the WHO
    assert lex.country("turkey") is None  # the bird
    turkey = lex.country("Turkey")
    assert turkey is not None and turkey.country == "TUR" and turkey.ambiguous
    for word in ("Georgia", "Jordan", "Chad", "China"):
        term = lex.country(word)
        assert term is not None and term.ambiguous, word
    assert lex.country("Iran") is not None and not lex.country("Iran").ambiguous  # type: ignore[union-attr]


def test_regions_are_not_actors(lex: ActorLexicon) -> None:
    assert lex.country("Latin America") is None
    assert lex.country("the West") is None
    assert lex.country("the Persian Gulf") is None


def test_metonyms_and_organisations_carry_sectors(lex: ActorLexicon) -> None:
    pentagon = lex.country("the Pentagon")
    assert pentagon is not None and (pentagon.country, pentagon.sector) == ("USA", "MIL")
    knesset = lex.country("Knesset")
    assert knesset is not None and (knesset.country, knesset.sector) == ("ISR", "LEG")
    houthis = lex.country("Houthis")
    assert houthis is not None and (houthis.country, houthis.sector) == ("YEM", "REB")
    capital = lex.country("Tehran")
    assert capital is not None and (capital.country, capital.sector, capital.kind) == (
        "IRN",
        "GOV",
        "capital",
    )


def test_dated_codings_follow_the_date(lex: ActorLexicon) -> None:
    before = lex.country("Taliban", on=date(2020, 2, 29))
    after = lex.country("Taliban", on=date(2021, 9, 1))
    now = lex.country("the Taliban")
    assert before is not None and before.sector == "REB"
    assert after is not None and after.sector == "GOV"
    assert now is not None and now.sector == "GOV"


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("troops", "MIL"),
        ("foreign ministers", "GOV"),
        ("Lawmakers", "LEG"),
        ("MPs", "LEG"),
        ("spokesmen", "GOV"),
        ("gunmen", "UAF"),
        ("ministries", "GOV"),
        ("journalists", "JRN"),
        ("doctors", "MED"),
        ("refugees", "REF"),
        ("intelligence agencies", "SPY"),
        ("the police", "COP"),
    ],
)
def test_agent_lookup_tolerates_case_and_plurals(
    lex: ActorLexicon, phrase: str, sector: str
) -> None:
    term = lex.agent(phrase)
    assert term is not None and term.sector == sector


def test_weak_heads_and_modifiers(lex: ActorLexicon) -> None:
    spokesman = lex.agent("spokesman")
    assert spokesman is not None and spokesman.weak
    former = lex.agent("former")
    assert former is not None and (former.kind, former.sector) == ("modifier", "ELI")
    assert lex.agent("minister") is not None and not lex.agent("minister").weak  # type: ignore[union-attr]
    assert lex.agent("banana") is None


def test_capitals_names_and_sovereigns(lex: ActorLexicon) -> None:
    assert lex.capital_of("AZE") == "Baku"
    assert lex.capital_of("IRN") == "Tehran"
    assert lex.capital_of("USA") == "Washington"
    assert lex.name_of("AZE") == "Azerbaijan"
    assert lex.name_of("GBR") == "United Kingdom"
    assert lex.name_of("UNO") == "United Nations"
    assert lex.name_of("XXX") is None
    assert lex.sovereign_of("PRI") == "USA"
    assert lex.sovereign_of("FRA") == "FRA"


def test_tokenize_splits_possessives_and_keeps_abbreviations() -> None:
    assert tokenize("Azerbaijan’s U.S. ex-president") == [
        "Azerbaijan",
        "'s",
        "U.S.",
        "ex",
        "president",
    ]
    assert tokenize("Amir-Abdollahian (4th L)") == ["Amir-Abdollahian", "(", "4th", "L", ")"]


def test_lexicon_is_cached(lex: ActorLexicon) -> None:
    assert load_lexicon() is lex
    assert len(lex.countries) > 2500 and len(lex.agents) > 1000
