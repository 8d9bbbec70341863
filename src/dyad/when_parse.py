"""Recognise time expressions in plain text and resolve them to calendar values.

This is the text-only half of :mod:`dyad.when`: regular expressions built once from
``ontology/data/time_words.tsv`` find candidates (with exact character offsets), and
:func:`resolve` turns a candidate into an ISO value at day, month or year precision given
the publication date and the direction the governing clause points in (``past``,
``future`` or ``nearest`` for present tense). Nothing here needs spaCy.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dyad.ontology import read_tsv

Value = tuple[str | None, str | None]
_AGE = re.compile(r"(?i)[\s-]*(?:years?[\s-])?old\b")  # "71-year-old": an age, not a time


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists of ``time_words.tsv``, grouped by kind."""

    months: dict[str, int]
    month_abbr: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbr: frozenset[str]
    reldays: dict[str, int]
    shifts: dict[str, int]
    dayparts: frozenset[str]
    units: frozenset[str]
    duration_units: frozenset[str]
    numbers: dict[str, int]
    parts_adj: frozenset[str]
    parts_phrase: frozenset[str]
    preps: frozenset[str]
    duration_preps: frozenset[str]
    open_preps: frozenset[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    inherit_marks: frozenset[str]
    anaphors: frozenset[str]
    event_nouns: frozenset[str]
    name_prefixes: frozenset[str]
    dateline_cues: dict[str, int]
    sequels: dict[str, int]
    then_words: frozenset[str]
    then_blockers: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    """The time word lists, read once."""
    by: dict[str, list[dict[str, str]]] = {}
    for row in read_tsv("time_words.tsv"):
        by.setdefault(row["kind"], []).append(row)

    def names(kind: str, flag: str | None = None) -> frozenset[str]:
        return frozenset(
            r["word"] for r in by.get(kind, []) if flag is None or flag in r.get("flags", "")
        )

    def valued(kind: str) -> dict[str, int]:
        return {r["word"]: int(r["value"]) for r in by.get(kind, [])}

    return Words(
        months=valued("month"),
        month_abbr=names("month", "abbreviation"),
        ambiguous_months=names("month", "ambiguous"),
        weekdays=valued("weekday"),
        weekday_abbr=names("weekday", "abbreviation"),
        reldays=valued("relday"),
        shifts=valued("shift"),
        dayparts=names("daypart"),
        units=frozenset(r["word"] for r in by["unit"] if "duration" not in r["flags"]),
        duration_units=names("unit"),
        numbers=valued("number"),
        parts_adj=names("part", "adjective"),
        parts_phrase=names("part", "phrase"),
        preps=names("prep"),
        duration_preps=names("duration_prep"),
        open_preps=names("open_prep"),
        future_aux=names("future_aux"),
        future_verbs=names("future_verb"),
        inherit_marks=names("inherit_mark"),
        anaphors=names("anaphor", "generic"),
        event_nouns=names("anaphor", "event noun"),
        name_prefixes=names("name_prefix"),
        dateline_cues=valued("dateline_cue"),
        sequels=valued("sequel"),
        then_words=names("sequel_adverb"),
        then_blockers=names("sequel_blocker"),
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One recognised expression: char span, kind and the fields its kind uses.

    Kinds: ``date`` (year/month/day, any of them known), ``slash`` (``a/b/year``, order
    unknown), ``weekday``, ``relday`` (offset in days), ``period`` (shift of a unit),
    ``ago`` (n units before), ``in`` (n units after, a date only in a future clause),
    ``duration`` (never a date).
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    n: int = 0
    unit: str = ""
    shift: int | None = None
    part: bool = False
    standalone: bool = False
    extra: tuple[int, ...] = field(default=())

    @property
    def priority(self) -> int:
        """Tie-break between equally long overlapping candidates (lower wins)."""
        return {"date": 0, "slash": 0, "in": 1, "ago": 1, "duration": 5}.get(self.kind, 2)


def _alt(items: Iterable[str], escape: bool = True) -> str:
    """A regex alternation, longest first so that prefixes never win."""
    return "|".join(
        re.escape(i) if escape else i for i in sorted(set(items), key=len, reverse=True)
    )


@dataclass(frozen=True, slots=True)
class _Regexes:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    full_date: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _regexes() -> _Regexes:
    w = words()
    forms = sorted({f for n in w.months for f in (n, n.upper())}, key=len, reverse=True)
    dot = {f: r"\.?" if f.title() in w.month_abbr else "" for f in forms}
    mon = "|".join(re.escape(f) + dot[f] for f in forms)
    mon = rf"(?P<mon>{mon})(?![A-Za-z])"
    wd_full = [d for d in w.weekdays if d not in w.weekday_abbr]
    wd = _alt(wd_full + [d.upper() for d in wd_full])
    wd_any = _alt(list(w.weekdays) + [d.upper() for d in w.weekdays])
    wdp = rf"(?:(?:{wd_any})\.?,?\s+)?"
    dayn = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    year_core = r"(?P<y>1[89]\d\d|20\d\d)"
    year = year_core + r"(?!\d)"
    nums = _alt(w.numbers)
    nums_no_art = _alt(k for k in w.numbers if k not in ("a", "an"))
    units = _alt(w.units)
    all_units = _alt(w.duration_units)
    part_adj = _alt(w.parts_adj)
    part_phr = _alt((r"\s+".join(map(re.escape, x.split())) for x in w.parts_phrase), False)
    part = rf"(?P<part>(?i:(?:{part_adj})(?:\s+in\s+|\s*-\s*|\s+)|(?:{part_phr})\s+))"
    shift = rf"(?P<shift>(?i:{_alt(w.shifts)}))"
    daypart = rf"(?i:{_alt(w.dayparts)})"
    rel = _alt(w.reldays)
    b = r"(?<![\w])"
    pats: list[tuple[str, str]] = [
        (
            "iso",
            rf"(?<![\d/.-]){year_core}-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)",
        ),
        ("slash", rf"(?<![\d/.-])(?P<a>\d{{1,2}})([/.])(?P<b>\d{{1,2}})\2{year}(?![/.]\d)"),
        ("mdy", rf"{b}{wdp}{mon}\s+{dayn}(?:,\s*|\s+){year}"),
        ("dmy", rf"{b}{wdp}(?:(?i:the)\s+)?{dayn}(?:\s+(?i:of))?\s+{mon},?\s+{year}"),
        ("md", rf"{b}{wdp}{mon}\s+{dayn}(?!\s*(?:%|(?i:percent)))"),
        ("dm", rf"{b}{wdp}(?:(?i:the)\s+)?{dayn}(?:\s+(?i:of))?\s+{mon}"),
        ("month", rf"{b}(?:{part}|{shift}\s+)?{mon}(?:,?\s+(?:(?i:of)\s+)?{year})?"),
        ("year", rf"{b}(?:{part})?(?<![\d.,/])(?<!\d-){year}(?!s\b|[/-]\d|[.,]\d)"),
        ("weekday", rf"{b}(?:{shift}\s+)?(?P<wd>{wd})(?:(?:\s+|-){daypart})?(?![A-Za-z])"),
        ("relday", rf"{b}(?P<rd>(?i:{rel}))(?:\s+{daypart})?(?![\w])"),
        (
            "lastnight",
            rf"{b}(?i:(?P<ln>last)\s+night|this\s+(?:morning|afternoon|evening))(?![\w])",
        ),
        ("period", rf"{b}(?:{part})?{shift}\s+(?P<unit>(?i:{units}))(?![\w])"),
        ("ago", rf"{b}(?P<n>(?i:{nums})|\d+)[\s-]+(?P<unit>(?i:{units}))s?\s+(?i:ago)(?![\w])"),
        (
            "in",
            rf"{b}(?i:in)\s+(?P<span>(?P<n>(?i:{nums})|\d+)\s+(?P<unit>(?i:{units}))s?)(?![\w])",
        ),
        (
            "duration",
            rf"{b}(?P<n>(?i:{nums_no_art}|a\s+few|several)|\d+(?:\.\d+)?)[\s-]+"
            rf"(?P<unit>(?i:{all_units}))s?(?:[\s-](?i:long))?(?![\w])",
        ),
        (
            "duration2",
            rf"{b}(?i:the\s+(?:past|last|next|coming|previous)\s+)"
            rf"(?P<n>(?i:{nums_no_art}|few)|\d+)?\s*(?P<unit>(?i:{all_units}))s?(?![\w])",
        ),
    ]
    compiled = tuple((k, re.compile(p)) for k, p in pats)
    full = tuple((k, re.compile(p)) for k, p in pats if k in ("iso", "slash", "mdy", "dmy"))
    return _Regexes(compiled, full)


def _month_of(token: str) -> int:
    w = words()
    t = token.rstrip(".")
    return w.months.get(t) or w.months[t.title() if t.title() in w.months else t.capitalize()]


def _num(text: str) -> int:
    t = re.sub(r"\s+", " ", text.lower())
    if t.replace(".", "", 1).isdigit():
        return int(float(t))
    return words().numbers.get(t, 0)


def _ok_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def recognise(text: str) -> list[Candidate]:
    """Every candidate expression in ``text``, overlapping; callers choose among them."""
    out: list[Candidate] = []
    w = words()
    for kind, rx in _regexes().patterns:
        for m in rx.finditer(text):
            g = m.groupdict()
            s, e = m.span("span") if g.get("span") else m.span()
            c: Candidate | None = None
            if kind == "iso":
                yi, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
                c = Candidate(s, e, "date", yi, mo, d) if _ok_day(yi, mo, d) else None
            elif kind == "slash":
                yi, a, bb = int(g["y"]), int(g["a"]), int(g["b"])
                if _ok_day(yi, a, bb) or _ok_day(yi, bb, a):
                    c = Candidate(s, e, "slash", yi, extra=(a, bb))
            elif kind in ("mdy", "dmy", "md", "dm"):
                y = int(g["y"]) if g.get("y") else None
                mo, d = _month_of(g["mon"]), int(g["d"])
                if _ok_day(y or 2000, mo, d):
                    c = Candidate(s, e, "date", y, mo, d)
            elif kind == "month":
                y = int(g["y"]) if g.get("y") else None
                sh = w.shifts[g["shift"].lower()] if g.get("shift") else None
                alone = y is None and not g.get("part") and sh is None
                c = Candidate(
                    s,
                    e,
                    "date",
                    y,
                    _month_of(g["mon"]),
                    None,
                    shift=sh,
                    part=bool(g.get("part")),
                    standalone=alone,
                )
            elif kind == "year":
                c = Candidate(
                    s,
                    e,
                    "date",
                    int(g["y"]),
                    part=bool(g.get("part")),
                    standalone=not g.get("part"),
                )
            elif kind == "weekday":
                sh = w.shifts[g["shift"].lower()] if g.get("shift") else None
                c = Candidate(s, e, "weekday", n=w.weekdays[g["wd"].title()], shift=sh)
            elif kind == "relday":
                c = Candidate(s, e, "relday", n=w.reldays[g["rd"].lower()])
            elif kind == "lastnight":
                c = Candidate(s, e, "relday", n=-1 if g.get("ln") else 0)
            elif kind == "period":
                c = Candidate(
                    s,
                    e,
                    "period",
                    unit=g["unit"].lower(),
                    shift=w.shifts[g["shift"].lower()],
                    part=bool(g.get("part")),
                )
                if not g.get("part") and re.search(r"(?i)\bthe\s+$", text[max(0, s - 5) : s]):
                    c = Candidate(s, e, "duration")  # "over the last year": a stretch of time
            elif kind in ("ago", "in"):
                c = Candidate(s, e, kind, n=_num(g["n"]), unit=g["unit"].lower())
            elif kind in ("duration", "duration2") and not _AGE.match(text, e):
                c = Candidate(s, e, "duration")
            if c is not None:
                out.append(c)
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, in text order."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _iso(d: date, precision: str) -> Value:
    if precision == "day":
        return d.isoformat(), "day"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    return f"{d.year:04d}", "year"


def _span_value(a: date, b: date) -> Value:
    """The finest day/month/year period containing both ends of a stretch."""
    if a == b:
        return _iso(a, "day")
    if (a.year, a.month) == (b.year, b.month):
        return _iso(a, "month")
    if a.year == b.year:
        return _iso(a, "year")
    return _iso(a + (b - a) / 2, "year")


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _pick(options: list[date], pub: date, direction: str) -> date | None:
    if direction == "past":
        before = [o for o in options if o <= pub]
        return max(before) if before else None
    if direction == "future":
        after = [o for o in options if o >= pub]
        return min(after) if after else None
    return min(options, key=lambda o: (abs((o - pub).days), o > pub)) if options else None


def resolve(c: Candidate, pub: date | None, direction: str) -> Value:
    """The ISO value and precision of a candidate; ``(None, None)`` when it has none.

    ``direction`` is ``past`` (take the latest occurrence at or before publication),
    ``future`` (the earliest at or after) or ``nearest`` (present tense: the closest).
    """
    if c.kind == "duration":
        return None, None
    if c.kind == "date":
        if c.year is not None:
            if c.month is None:
                return f"{c.year:04d}", "year"
            if c.day is None:
                return f"{c.year:04d}-{c.month:02d}", "month"
            return date(c.year, c.month, c.day).isoformat(), "day"
        if pub is None or c.month is None:
            return None, None
        if c.day is None:
            months = [date(pub.year + k, c.month, 1) for k in (-1, 0, 1)]
            here = date(pub.year, pub.month, 1)
            if c.shift == 0:
                return _iso(date(pub.year, c.month, 1), "month")
            if c.shift is not None:
                direction = "past" if c.shift < 0 else "future"
                months = [m for m in months if m != here]
            got = _pick(months, here, direction)
            return _iso(got, "month") if got else (None, None)
        days = [
            date(pub.year + k, c.month, c.day)
            for k in (-1, 0, 1)
            if _ok_day(pub.year + k, c.month, c.day)
        ]
        got = _pick(days, pub, direction)
        return _iso(got, "day") if got else (None, None)
    if c.kind == "slash":
        a, b = c.extra
        year = c.year or 0
        opts = [date(year, m, d) for m, d in ((a, b), (b, a)) if _ok_day(year, m, d)]
        if not opts:
            return None, None
        if pub is not None:
            return _iso(min(opts, key=lambda o: abs((o - pub).days)), "day")
        return _iso(opts[0], "day")
    if pub is None:
        return None, None
    if c.kind == "weekday":
        back = (pub.weekday() - c.n) % 7
        fwd = (c.n - pub.weekday()) % 7
        if c.shift == -1:
            return _iso(pub - timedelta(days=back or 7), "day")
        if c.shift == 1:
            return _iso(pub + timedelta(days=fwd or 7), "day")
        opts = [pub - timedelta(days=back), pub + timedelta(days=fwd)]
        got = _pick(opts, pub, direction)
        return _iso(got, "day") if got else (None, None)
    if c.kind == "relday":
        return _iso(pub + timedelta(days=c.n), "day")
    if c.kind == "period":
        k = c.shift or 0
        if c.unit == "year":
            return f"{pub.year + k:04d}", "year"
        if c.unit == "month":
            return _iso(_add_months(pub, k), "month")
        if c.unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
            return _span_value(monday, monday + timedelta(days=6))
        return _iso(pub + timedelta(days=k), "day")
    if c.kind in ("ago", "in"):
        if c.kind == "in" and direction != "future":
            return None, None
        n = c.n if c.kind == "in" else -c.n
        if c.unit == "day":
            return _iso(pub + timedelta(days=n), "day")
        if c.unit == "week":
            mid = pub + timedelta(weeks=n)
            return _span_value(mid - timedelta(days=3), mid + timedelta(days=3))
        if c.unit == "month":
            return _iso(_add_months(pub, n), "month")
        return f"{pub.year + n:04d}", "year"
    return None, None


def full_dates(text: str) -> list[tuple[date, int, int]]:
    """Complete dates (day, month and year all stated) in ``text``, in text order."""
    found: list[tuple[date, int, int]] = []
    for kind, rx in _regexes().full_date:
        for m in rx.finditer(text):
            g = m.groupdict()
            try:
                if kind == "slash":
                    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
                    d = date(y, a, b) if _ok_day(y, a, b) else date(y, b, a)
                elif kind == "iso":
                    d = date(int(g["y"]), int(g["m"]), int(g["d"]))
                else:
                    d = date(int(g["y"]), _month_of(g["mon"]), int(g["d"]))
            except (ValueError, KeyError):
                continue
            found.append((d, m.start(), m.end()))
    found.sort(key=lambda t: (t[1], -t[2]))
    out: list[tuple[date, int, int]] = []
    for d, s, e in found:
        if not out or s >= out[-1][2]:
            out.append((d, s, e))
    return out
