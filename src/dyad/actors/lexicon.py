"""Actor knowledge: countries, metonyms, organisations and agent words, loaded from TSV data.

The data files are ``countries.tsv``, ``metonyms.tsv``, ``organizations.tsv`` and ``agents.tsv``
under ``dyad/ontology/data``. Lookups work on *tokens* produced by :func:`tokenize`, so that the
same splitting is applied to the data and to the text being resolved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dyad.ontology import read_tsv

#: Codes that are not ISO countries but PLOVER's international actor codes.
INTERNATIONAL_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " "})
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w(?:[\w&'./-]*\w)?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class CountryTerm:
    """A phrase naming a country, a seat of power or an organisation, and what it codes as.

    ``country`` is an ISO alpha-3 code or a PLOVER international code (``UNO``, ``IGO``...).
    ``kind`` is the row kind of ``countries.tsv`` (name, official, historical, adjective, demonym,
    capital), or ``metonym`` / ``organization``. ``since``/``until`` bound when a dated coding
    applies (the Taliban are REB until 2021-08-14, GOV after).
    """

    phrase: str
    country: str
    sector: str | None
    name: str
    kind: str
    ambiguous: bool
    since: date | None = None
    until: date | None = None

    def valid_on(self, on: date | None) -> bool:
        """Whether this coding applies on ``on``; with no date, only open-ended codings apply."""
        if on is None:
            return self.until is None
        return (self.since is None or self.since <= on) and (self.until is None or on <= self.until)


@dataclass(frozen=True, slots=True)
class AgentTerm:
    """A title, group noun, modifier or filler word, and the sector it gives an actor.

    ``kind`` is ``title``, ``group``, ``modifier`` (former, exiled: makes ELI) or ``filler``
    (top, senior, Mr: skipped). ``weak`` heads (spokesman, official) yield to a more specific
    word in the same phrase.
    """

    phrase: str
    sector: str
    kind: str
    weak: bool = False


def normalize(text: str) -> str:
    """Straight apostrophes, plain spaces, NFC; the text's length may change."""
    return unicodedata.normalize("NFC", text.translate(_QUOTES))


def tokenize(text: str) -> list[str]:
    """Split into words and punctuation; ``'s`` and a leading ``ex-`` become their own tokens."""
    out: list[str] = []
    for tok in _TOKEN.findall(normalize(text)):
        low = tok.lower()
        if low.startswith("ex-") and len(tok) > 3:
            out.extend((tok[:2], tok[3:]))
        elif low.endswith("'s") and len(tok) > 2:
            out.extend((tok[:-2], "'s"))
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """A token without accents (``Élysée`` -> ``Elysee``), case kept."""
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold(t) for t in tokens)


def _is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalize_first(tokens: Sequence[str]) -> tuple[str, ...]:
    if not tokens or not tokens[0]:
        return tuple(tokens)
    return (tokens[0][0].upper() + tokens[0][1:], *tokens[1:])


def _singulars(word: str) -> list[str]:
    """Candidate singular forms of an English plural noun, most likely first."""
    out: list[str] = []
    if word.endswith("men") and len(word) > 4:
        out.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith(("ches", "shes", "sses", "xes")):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word == "children":
        out.append("child")
    if word == "people":
        out.append("person")
    return out


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


class ActorLexicon:
    """All actor terms, indexed for whole-phrase lookups and for token-level longest matches."""

    def __init__(
        self,
        countries: Sequence[CountryTerm],
        agents: Sequence[AgentTerm],
        regions: Sequence[str] = (),
        sovereign: dict[str, str] | None = None,
    ) -> None:
        self.countries: tuple[CountryTerm, ...] = tuple(countries)
        self.agents: tuple[AgentTerm, ...] = tuple(agents)
        self._terms: dict[tuple[str, ...], list[CountryTerm]] = {}
        self._agents: dict[tuple[str, ...], AgentTerm] = {}
        self._capitals: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._sovereign: dict[str, str] = dict(sovereign or {})
        #: token keys of regions that PLOVER leaves uncoded ("Latin America", "the West")
        self.non_actors: frozenset[tuple[str, ...]] = frozenset(_key(tokenize(r)) for r in regions)
        self.max_len = 1
        for term in self.countries:
            # metonyms and organisations come after countries.tsv: they win on lookups
            key = _key(tokenize(term.phrase))
            bucket = self._terms.setdefault(key, [])
            special = ("metonym", "organization")
            if bucket and bucket[0].kind not in special and term.kind in special:
                bucket.clear()
            if not bucket or term.kind == bucket[0].kind:
                bucket.append(term)
            self.max_len = max(self.max_len, len(key))
            if term.kind == "capital":
                self._capitals.setdefault(term.country, term.phrase)
            if term.kind in ("name", "organization") and term.phrase == term.name:
                self._names.setdefault(term.country, term.name)
        for term in self.countries:
            if term.kind == "organization" and term.phrase == term.country:
                self._names.setdefault(term.country, term.name)
        for agent in self.agents:
            key = tuple(t.lower() for t in _key(tokenize(agent.phrase)))
            self._agents.setdefault(key, agent)
            self.max_len = max(self.max_len, len(key))
        # Longest phrase that starts with a given (lower-cased) word: lets a scan skip the
        # words that start nothing, which is most of them.
        self._longest: dict[str, int] = {}
        for key in (*self._terms, *self._agents, *self.non_actors):
            first = key[0].lower()
            self._longest[first] = max(self._longest.get(first, 0), len(key))

    def longest_from(self, token: str) -> int:
        """Length of the longest known phrase starting with ``token`` (0: none does).

        A plural ("troops") counts as its singulars do, as agent lookups allow.
        """
        word = fold(token).lower()
        found = self._longest.get(word, 0)
        for singular in _singulars(word):
            found = max(found, self._longest.get(singular, 0))
        return found

    # -- whole-phrase lookups -------------------------------------------------------------

    def country(self, phrase: str, on: date | None = None) -> CountryTerm | None:
        """The country, metonym or organisation a phrase names, or None.

        Tolerates a leading "the", a possessive "'s", curly apostrophes and the case of the first
        letter (not for abbreviations: "us" is not "US"). Regions ("the West") give None.
        """
        tokens = tokenize(phrase.strip())
        if tokens and tokens[0].lower() == "the":
            tokens = tokens[1:]
        while tokens and tokens[-1] in ("'s", "'", ".", ",", ";", ":"):
            tokens = tokens[:-1]
        found = self.lookup(tokens, on)
        if found is None and tokens:
            variant = _capitalize_first(tokens)
            found = self.lookup(variant, on)
            if found is not None and (
                found.ambiguous
                or _is_abbreviation(found.phrase)
                or found.kind in ("capital", "metonym")
            ):
                return None
        return found

    def agent(self, phrase: str) -> AgentTerm | None:
        """The agent (title, group, modifier, filler) a phrase names, or None.

        Case-insensitive; tolerates regular plurals of the last word ("foreign ministers").
        """
        tokens = [t.lower() for t in tokenize(phrase.strip())]
        if tokens and tokens[0] == "the":
            tokens = tokens[1:]
        return self.lookup_agent(tokens)

    def capital_of(self, iso3: str) -> str | None:
        """The (first listed, current) capital of a country."""
        return self._capitals.get(iso3)

    def name_of(self, iso3: str) -> str | None:
        """The canonical short name of a country code, or of a PLOVER code where one is listed."""
        return self._names.get(iso3)

    def sovereign_of(self, iso3: str) -> str:
        """The controlling state PLOVER folds a dependency into; the code itself otherwise."""
        return self._sovereign.get(iso3, iso3)

    # -- token-level lookups (used by the phrase resolver) -----------------------------------

    def lookup(self, tokens: Sequence[str], on: date | None = None) -> CountryTerm | None:
        """The term whose tokens are exactly ``tokens`` (accents folded), valid on ``on``."""
        key = _key(tokens)
        if key in self.non_actors:
            return None
        bucket = self._terms.get(key)
        if not bucket:
            return None
        for term in bucket:
            if term.valid_on(on):
                return term
        return None if on is None else bucket[-1]

    def is_non_actor(self, tokens: Sequence[str]) -> bool:
        """Whether the tokens name a region that PLOVER leaves uncoded ("Latin America")."""
        return _key(tokens) in self.non_actors

    def lookup_agent(self, tokens: Sequence[str]) -> AgentTerm | None:
        """The agent whose (lower-cased) tokens are ``tokens``, trying singulars of the last."""
        key = tuple(t.lower() for t in _key(tokens))
        if not key:
            return None
        found = self._agents.get(key)
        if found is not None:
            return found
        for singular in _singulars(key[-1]):
            found = self._agents.get((*key[:-1], singular))
            if found is not None:
                return found
        return None


def _country_terms() -> tuple[list[CountryTerm], list[str], dict[str, str]]:
    terms: list[CountryTerm] = []
    regions: list[str] = []
    sovereign: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        if row["kind"] == "region":
            regions.append(row["phrase"])
            continue
        capital = row["kind"] == "capital"
        terms.append(
            CountryTerm(
                phrase=row["phrase"],
                country=row["iso3"],
                sector="GOV" if capital else None,
                name=row["name"],
                kind=row["kind"],
                ambiguous=row.get("ambiguous") == "y",
            )
        )
        if row.get("sovereign"):
            sovereign[row["iso3"]] = row["sovereign"]
    for row in read_tsv("metonyms.tsv"):
        terms.append(
            CountryTerm(
                phrase=row["phrase"],
                country=row["iso3"],
                sector=row["sector"] or None,
                name=row["name"],
                kind="metonym",
                ambiguous=row.get("ambiguous") == "y",
            )
        )
    for row in read_tsv("organizations.tsv"):
        terms.append(
            CountryTerm(
                phrase=row["phrase"],
                country=row["code"],
                sector=row["sector"] or None,
                name=row["name"],
                kind="organization",
                ambiguous=row.get("ambiguous") == "y",
                since=_date(row.get("since", "")),
                until=_date(row.get("until", "")),
            )
        )
    return terms, regions, sovereign


@lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    """The shipped actor lexicon, loaded once per process (about 20 ms)."""
    terms, regions, sovereign = _country_terms()
    agents = [
        AgentTerm(
            phrase=row["phrase"],
            sector=row["sector"],
            kind=row["kind"],
            weak=row.get("weak") == "y",
        )
        for row in read_tsv("agents.tsv")
    ]
    return ActorLexicon(terms, agents, regions, sovereign)
