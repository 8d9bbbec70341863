"""Datelines ("BAKU, Dec 23 (Reuters) -") at the top of an article, resolved to a place."""

from __future__ import annotations

import re

from dyad.model import Place
from dyad.where_gazetteer import Gazetteer, base_score, compatible, gazetteer

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z\u00C0-\u024F'\u2019./ \-]{1,40}?)"
    r"(?:,[ \t]*(?P<qual>(?!" + _MONTH + r"\s*\d)[A-Z][A-Za-z\u00C0-\u024F'\u2019. ]{1,30}?))?"
    r"(?:,[ \t]*(?P<date>" + _MONTH + r"[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?))?"
    r"[ \t]*(?:\((?P<agency>[^()\n]{2,40})\))?"
    r"[ \t]*(?:--|\u2014|\u2013|-|:)[ \t]"
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of a dateline ("BAKU, Dec 23 (Reuters) - ") at the top of an article."""
    pos, lines = 0, 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines += 1
            m = _DATELINE.match(line)
            if m and _dateline_like(m):
                return pos + m.start("place"), pos + m.end()
            if lines >= 6:
                break
        pos += len(line)
    return None


def dateline_place(text: str) -> tuple[Place, int, int] | None:
    """The place of a dateline ("BAKU, Dec 23 (Reuters) -") at the top of an article.

    Looks at the start of the first six non-empty lines. A line counts as a dateline when
    its place is in capitals or is followed by a date or a parenthesised agency. Returns
    the place (unresolved when the gazetteer lacks it) and the character span of the whole
    dateline, so callers can keep it out of sentence parsing.
    """
    gaz = gazetteer()
    pos, lines = 0, 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines += 1
            m = _DATELINE.match(line)
            if m and _dateline_like(m):
                return _dateline_result(gaz, m, pos)
            if lines >= 6:
                break
        pos += len(line)
    return None


def dateline_places(text: str) -> list[Place]:
    """The places of a dateline: one, or each of a shared one ("SEOUL/TOKYO, Aug 23 (Reuters)
    -", "JERUSALEM/BEIRUT"), resolved on their own."""
    top = dateline_place(text)
    if top is None:
        return []
    place = top[0]
    if "/" not in place.text:
        return [place]
    gaz = gazetteer()
    out: list[Place] = []
    offset = place.start
    for part in place.text.split("/"):
        name = part.strip()
        start = offset + part.index(name) if name else offset
        offset += len(part) + 1
        if not name:
            continue
        key = name.title() if name.isupper() else name
        cands = {v.entry: v.primary for v in gaz.lookup(key)}
        if not cands:
            continue
        entry = max(cands, key=lambda e: (base_score(gaz.entries[e], cands[e]), -e))
        g = gaz.entries[entry]
        end = start + len(name)
        out.append(
            Place(name, start, end, g.name, g.geonameid, g.lat, g.lon, g.country, g.feature_code)
        )
    return out


def _dateline_like(m: re.Match[str]) -> bool:
    letters = [ch for ch in m.group("place") if ch.isalpha()]
    return bool(
        m.group("agency")
        or m.group("date")
        or (len(letters) > 2 and all(ch.isupper() for ch in letters))
    )


def _dateline_result(gaz: Gazetteer, m: re.Match[str], pos: int) -> tuple[Place, int, int]:
    raw = m.group("place")
    name = raw.rstrip(" .-")
    start = pos + m.start("place")
    end = start + len(name)
    # A dateline in capitals ("LA PAZ", "NEW DELHI") is looked up as the name it spells:
    # short all-capital words alone would only match codes ("LA" is not "La").
    key = name.title() if name.isupper() else name
    cands = {v.entry: v.primary for v in gaz.lookup(key)}
    if m.group("qual"):
        quals = [v.entry for v in gaz.lookup(m.group("qual").strip())]
        fitting = {
            e: p
            for e, p in cands.items()
            if any(compatible(gaz.entries[e], gaz.entries[q]) for q in quals)
        }
        cands = fitting or cands
    span_end = pos + m.end()
    if not cands:
        return Place(name, start, end, name.title(), None, None, None, None, None), start, span_end
    entry = max(cands, key=lambda e: (base_score(gaz.entries[e], cands[e]), -e))
    g = gaz.entries[entry]
    place = Place(name, start, end, g.name, g.geonameid, g.lat, g.lon, g.country, g.feature_code)
    return place, start, span_end
