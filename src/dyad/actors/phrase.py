"""Resolve an actor noun phrase as written in news to a country, a sector and a name.

Pure string work over the actor lexicon (no spaCy): the phrase is split into tokens, scanned
left to right for the longest known terms (countries, metonyms, organisations, agent words), and
the remaining capitalised words are taken as a person's name. The grammatical head decides the
sector ("Speaker of Azerbaijan's National Assembly" is LEG because of "Speaker"); a generic head
("spokesman", "official") yields to a more specific word ("Hamas spokesman" is REB).
A name without a nationality is looked up among office holders (``dyad.actors.people``) when that
module is available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from dyad.actors.lexicon import (
    INTERNATIONAL_CODES,
    ActorLexicon,
    AgentTerm,
    CountryTerm,
    load_lexicon,
    tokenize,
)
from dyad.errors import DyadError
from dyad.events.lexicon import load_grammar, sponsor_pattern

# Grammar, not knowledge: words that open a noun phrase, and prepositions whose object is not
# the actor's own country ("ambassador *to* Azerbaijan", "troops *in* Syria").
_DETERMINERS = frozenset(
    (
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
        "both",
        "all",
        "some",
        "several",
    )
)
_FOREIGN_PREPS = frozenset(
    (
        "to",
        "in",
        "at",
        "with",
        "against",
        "for",
        "into",
        "toward",
        "towards",
        "on",
        "over",
        "near",
        "outside",
        "inside",
        "across",
        "via",
        "between",
        "by",
        "than",
    )
)
_NAME_PARTICLES = frozenset(
    (
        "al",
        "al-",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "de",
        "del",
        "della",
        "der",
        "di",
        "da",
        "dos",
        "du",
        "van",
        "von",
        "le",
        "la",
        "ul",
        "ur",
    )
)
# sectors that a "former"/"exiled" modifier turns into ELI (former office holders)
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an actor phrase resolved to, and a one-line human-readable reason."""

    country: str | None
    sector: str | None
    name: str | None
    why: str


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of tokens: a known term, an agent word, or an unknown word / punctuation."""

    kind: str  # country | agent | region | affix | word | punct
    start: int
    tokens: tuple[str, ...]
    term: CountryTerm | None = None
    agent: AgentTerm | None = None

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _is_capitalised(token: str) -> bool:
    return bool(token) and token[0].isupper()


def _is_word(token: str) -> bool:
    return bool(token) and (token[0].isalnum())


def _match_country(
    lex: ActorLexicon, tokens: list[str], i: int, n: int, on: date | None
) -> CountryTerm | None:
    span = tokens[i : i + n]
    term = lex.lookup(span, on)
    if term is None and span[0][:1].islower():
        term = lex.lookup([span[0][0].upper() + span[0][1:], *span[1:]], on)
        # Lower case only forgives names that are never ordinary words: not "male" (Malé),
        # not ambiguous words, abbreviations, capitals or seats of power.
        if term is not None and (
            term.ambiguous or term.phrase.isupper() or term.kind in ("capital", "metonym")
        ):
            return None
    return term


def _looks_like_name_part(lex: ActorLexicon, tokens: list[str], j: int, on: date | None) -> bool:
    """An unknown capitalised word next to an ambiguous term ("Michael Jordan", "Chad Smith")."""
    if j < 0 or j >= len(tokens):
        return False
    tok = tokens[j]
    if not _is_capitalised(tok) or not tok[1:].islower():
        return False
    for n in range(1, min(lex.max_len, len(tokens) - j) + 1):
        span = tokens[j : j + n]
        if lex.lookup(span, on) is not None or lex.lookup_agent(span) is not None:
            return False
    return True


def _scan(lex: ActorLexicon, tokens: list[str], on: date | None) -> list[_Piece]:
    """Greedy longest-match scan of the tokens into pieces."""
    pieces: list[_Piece] = []
    i = 0
    while i < len(tokens):
        piece: _Piece | None = None
        longest = lex.longest_from(tokens[i])
        for n in range(min(longest, len(tokens) - i), 0, -1):
            span = tuple(tokens[i : i + n])
            if not _is_word(span[0]) or not _is_word(span[-1]):
                continue
            if lex.is_non_actor(span):
                piece = _Piece("region", i, span)
                break
            term = _match_country(lex, tokens, i, n, on)
            if (
                term is not None
                and (term.ambiguous or term.kind == "capital")
                and (
                    _looks_like_name_part(lex, tokens, i - 1, on)
                    or _looks_like_name_part(lex, tokens, i + n, on)
                )
            ):
                term = None
            if term is not None:
                piece = _Piece("country", i, span, term=term)
                break
            agent = lex.lookup_agent(span)
            if agent is not None:
                piece = _Piece("agent", i, span, agent=agent)
                break
        if piece is None:
            tok = tokens[i]
            piece = _affix_piece(lex, tok, i, on) or _Piece(
                "word" if _is_word(tok) else "punct", i, (tok,)
            )
        pieces.append(piece)
        i += len(piece.tokens)
    return _names_over_titles(pieces)


def _names_over_titles(pieces: list[_Piece]) -> list[_Piece]:
    """A capitalised one-word generic title between two name words is part of the name.

    "Hassan Sheikh Mohamud": the middle word is not a title here.
    """
    out = list(pieces)
    for k in range(1, len(out) - 1):
        p = out[k]
        if p.kind != "agent" or len(p.tokens) != 1 or not _is_capitalised(p.tokens[0]):
            continue
        if p.agent is None or not p.agent.weak:
            continue
        before, after = out[k - 1], out[k + 1]
        if all(q.kind == "word" and _is_capitalised(q.tokens[0]) for q in (before, after)):
            out[k] = _Piece("word", p.start, p.tokens)
    return out


def _affix_piece(lex: ActorLexicon, token: str, i: int, on: date | None) -> _Piece | None:
    """A country joined to a word: "Saudi-led" names the actor, and "British-flagged" the
    tanker's owner (grammar.tsv ``owner_participle``); "Iranian-backed" does not."""
    prefix, dash, rest = token.rpartition("-")
    if not dash or not prefix or not rest:
        return None
    term = lex.lookup(tokenize(prefix), on)
    if term is None:
        return None
    if rest.lower() == "led" or load_grammar().has("owner_participle", rest.lower()):
        return _Piece("country", i, (token,), term=term)
    return _Piece("affix", i, (token,), term=term)


def _name_runs(pieces: list[_Piece]) -> list[tuple[int, list[str]]]:
    """Runs of capitalised unknown words (with particles inside), as (piece index, tokens)."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for k, p in enumerate(pieces):
        tok = p.tokens[0]
        if p.kind == "word" and (_is_capitalised(tok) or _is_particle(tok, bool(current))):
            if tok.lower() in _DETERMINERS:
                continue
            if not current:
                first = k
            current.append(tok)
            continue
        if current:
            runs.append((first, current))
            current = []
    if current:
        runs.append((first, current))
    out = []
    for start, run in runs:
        while run and run[-1].lower() in _NAME_PARTICLES:
            run = run[:-1]
        # "Ministry of Commerce", "Minister for Foreign Affairs": what follows of/for is no person
        after_of = start > 0 and pieces[start - 1].tokens[0].lower() in ("of", "for")
        if not after_of and any(any(c.islower() for c in t) for t in run):
            out.append((start, run))
    return out


def _is_particle(token: str, inside: bool) -> bool:
    """A lower-case part of a name: "bin" inside a name, "al-Burhan" anywhere after its start."""
    low = token.lower()
    if "-" in low and low.split("-", 1)[0] in _NAME_PARTICLES:
        return inside
    return inside and low in _NAME_PARTICLES


def _linked(pieces: list[_Piece], k: int) -> bool:
    """Is the piece at ``k`` followed by a word that ties it to what comes next ("supporters
    *of* President Maduro", "forces *loyal* to Ouattara": grammar.tsv ``group_link``)?"""
    nxt = pieces[k + 1].tokens[0].lower() if k + 1 < len(pieces) else ""
    return nxt == "of" or load_grammar().has("group_link", nxt)


def _head(pieces: list[_Piece], name_at: int | None) -> int | None:
    """Index of the agent piece that heads the phrase ("Speaker" in "Speaker of X's Y Z")."""
    agents = [
        (k, p)
        for k, p in enumerate(pieces)
        if p.kind == "agent" and p.agent is not None and p.agent.kind in ("title", "group")
    ]
    if not agents:
        return None
    k0 = agents[0][0]
    if _linked(pieces, k0):
        return k0
    if name_at is not None:
        before = [k for k, _ in agents if k < name_at]
        if before:
            return before[-1]
    return agents[-1][0]


def _countries(pieces: list[_Piece]) -> list[_Piece]:
    """Country/organisation pieces that name the actor's own side (not "ambassador *to* X")."""
    out = []
    for k, p in enumerate(pieces):
        if p.kind != "country":
            continue
        j = k - 1
        while j >= 0 and pieces[j].tokens[0].lower() in _DETERMINERS:
            j -= 1
        if j >= 0 and pieces[j].tokens[0].lower() in _FOREIGN_PREPS:
            continue
        out.append(p)
    # "the Moscow-led Collective Security Treaty Organization": the sponsor of a named body
    # is not the body; a sponsor alone ("the Saudi-led coalition") still names the side.
    named = [p for p in out if not sponsor_pattern().search(p.text)]
    return named + [p for p in out if p not in named] if named else out


def _sector(pieces: list[_Piece], head: _Piece | None, own: list[_Piece]) -> tuple[str | None, str]:
    """The sector and where it came from."""
    if head is not None and head.agent is not None and not head.agent.weak:
        return head.agent.sector, f"sector {head.agent.sector} from head '{head.text}'"
    for p in own:
        if p.term is not None and p.term.sector:
            return p.term.sector, f"sector {p.term.sector} from '{p.text}' ({p.term.name})"
    strong = [
        p
        for p in pieces
        if p.kind == "agent"
        and p.agent is not None
        and p.agent.kind in ("title", "group")
        and not p.agent.weak
        and p is not head
    ]
    if strong and head is not None and head.agent is not None and head.agent.kind == "group":
        # "supporters of President Maduro", "relatives of the minister": one person's title
        # in a group's "of" phrase says whom the group is tied to, not what the group is.
        k = pieces.index(head)
        if _linked(pieces, k):
            strong = [
                p
                for p in strong
                if p.start < head.start or (p.agent is not None and p.agent.kind != "title")
            ]
    if strong:
        if head is not None:
            before = [p for p in strong if p.start < head.start]
            strong = before or strong
        p = strong[-1]
        assert p.agent is not None
        return p.agent.sector, f"sector {p.agent.sector} from '{p.text}'"
    if any(p.term is not None and p.term.kind == "organization" for p in own):
        return None, ""  # "the ECOWAS bloc", "the EU spokesman": the body itself, no sector
    if head is not None and head.agent is not None:
        return head.agent.sector, f"sector {head.agent.sector} from generic head '{head.text}'"
    return None, ""


def _office_holders() -> Any | None:
    """The office-holder table, if ``dyad.actors.people`` is installed and loads."""
    try:
        from dyad.actors import people
    except ImportError:
        return None
    try:
        return people.office_holders()
    except (DyadError, OSError, ValueError):
        return None


def _holder(name: str, on: date | None) -> tuple[str, str, Any] | None:
    holders = _office_holders()
    if holders is None:
        return None
    found = holders.resolve(name, on)
    if found is None:
        return None
    iso3, sector, holding = found
    return str(iso3), str(sector), holding


@lru_cache(maxsize=8192)
def resolve_phrase(text: str, on: date | None = None) -> Resolution | None:
    """Resolve an actor phrase ("Iranian Foreign Minister Hossein Amir-Abdollahian") or None.

    ``on`` is the event's date: dated codings (Taliban: REB until 2021-08-14, GOV after) and
    office holders are read as of that day. Returns None when neither a country nor a sector can
    be found. International codes (UNO, EUR, IGO...) carry no GOV sector: "UN Secretary-General"
    is just UNO. Former office holders and "former"/"exiled" titles code as ELI.
    """
    lex = load_lexicon()
    tokens = tokenize(_PARENS.sub(" ", text))
    while tokens and tokens[0].lower() in _DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return None
    pieces = _scan(lex, tokens, on)
    runs = _name_runs(pieces)
    head_guess = _head(pieces, None)
    name_run = None
    if runs:
        after = [r for r in runs if head_guess is not None and r[0] > head_guess]
        name_run = after[0] if after else runs[-1]
    person = " ".join(name_run[1]) if name_run else None
    head_at = _head(pieces, name_run[0] if name_run else None)
    head = pieces[head_at] if head_at is not None else None
    own = _countries(pieces)
    reasons: list[str] = []

    country: str | None = None
    country_piece = own[0] if own else None
    if country_piece is not None and country_piece.term is not None:
        country = country_piece.term.country
        reasons.append(f"{country} from '{country_piece.text}' ({country_piece.term.kind})")
    sector, sector_why = _sector(pieces, head, own)

    # "supporters of President Maduro": a group named by whom it backs or opposes is not the
    # office holder; his office gives the group its country, not its sector or name.
    group_of = (
        head_at is not None
        and head is not None
        and head.agent is not None
        and head.agent.kind == "group"
        and name_run is not None
        and name_run[0] > head_at
        and _linked(pieces, head_at)
    )
    holder = _holder(person, on) if person and (country is None or sector is None) else None
    if holder is not None and (country is None or holder[0] == country):
        iso3, holder_sector, holding = holder
        position = getattr(holding, "position", "office")
        if country is None:
            country = iso3
            reasons.append(f"{iso3} from office holder '{person}' ({position})")
        weak_head = head is not None and head.agent is not None and head.agent.weak
        if sector is None or (weak_head and not group_of):
            sector, sector_why = holder_sector, f"sector {holder_sector} from office held"
        person = None if group_of else str(getattr(holding, "person", person))
    if sector_why:
        reasons.append(sector_why)

    modifiers = [p for p in pieces if p.agent is not None and p.agent.kind == "modifier"]
    if modifiers and sector in _OFFICE_SECTORS:
        sector = "ELI"
        reasons.append(f"ELI because '{modifiers[0].text}'")
    if country in INTERNATIONAL_CODES and sector == "GOV":
        sector = None
        reasons.append("no GOV sector for an international organisation")
    if country is None and sector is None:
        return None

    name = person
    if name is not None:
        reasons.append(f"name '{name}'")
    elif country_piece is not None and country_piece.term is not None:
        term = country_piece.term
        if term.kind in ("organization", "metonym") or head is None:
            name = term.name
    return Resolution(country, sector, name, "; ".join(reasons))
