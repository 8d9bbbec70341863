"""When things happened: time expressions in a spaCy Doc, and the date of each event.

:func:`find_dates` finds every time expression (its own patterns over the text, plus
spaCy's DATE entities it could not read) and resolves each against the publication date
and the tense of the clause that governs it. :func:`date_for_event` picks the expression
that dates an event's clause, else falls back to the publication date for reports of the
moment. :func:`infer_published` reads a plain-text article's publication date from a
dateline or a full date near the top. See ``docs/dates.md`` for the rules and their limits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from dyad.model import When
from dyad.when_parse import Candidate, full_dates, recognise, resolve, select, words

__all__ = ["TimeExpr", "date_for_event", "find_dates", "infer_published"]

# Dependency relations under which a verb-tagged token does not head a clause of its own.
_NOT_CLAUSE = frozenset({"aux", "auxpass", "amod", "compound", "nmod", "npadvmod"})
# Relations through which a clause shares the time of the clause above it.
_INHERIT = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp"})
# Entity types under which a bare month or weekday name is a name, not a date.
_NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW"})
_DIRECTION = {"past": "past", "future": "future", "present": "nearest"}
_HEAD_CHARS = 1000  # infer_published looks for the date in the top of the article


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression found in a Doc: its resolved When and its token range."""

    when: When
    start_token: int
    end_token: int


def _is_clause_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and t.dep_ not in _NOT_CLAUSE


def _clause_verb(t: Token) -> Token:
    """The verb heading the clause ``t`` is in (``t`` itself if it is one), else the root."""
    seen = 0
    while not _is_clause_verb(t) and t.head.i != t.i and seen < 64:
        t, seen = t.head, seen + 1
    return t


def _tense(v: Token, depth: int = 0) -> str:
    """``past``, ``future`` or ``present`` for the clause headed by ``v``."""
    w = words()
    if not _is_clause_verb(v) or depth > 4:
        return "present"
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in w.future_aux for a in auxes):
        return "future"
    head_clause = _clause_verb(v.head) if v.head.i != v.i else v
    if any(a.lower_ == "to" for a in auxes):
        if v.head.lemma_.lower() in w.future_verbs or v.head.lemma_ == "be":
            return "future"
        return _tense(head_clause, depth + 1) if head_clause.i != v.i else "present"
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if v.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if not auxes and v.tag_ in ("VB", "VBG") and head_clause.i != v.i:
        return _tense(head_clause, depth + 1)
    return "present"


def _plausible(doc: Doc, span: Span, c: Candidate) -> bool:
    """Context checks for bare years, bare month names and weekday names."""
    w = words()
    first = span[0]
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    cue = prev in w.preps or prev in w.parts_adj or prev in w.shifts
    in_date_ent = first.ent_type_ == "DATE"
    named = first.ent_type_ in _NAME_ENTS
    if named and (c.kind == "weekday" or (c.kind == "date" and c.standalone and c.month)):
        return False
    if c.kind == "weekday" and span.start > 0 and doc[span.start - 1].text in w.name_prefixes:
        return False  # "Black Friday", "Ash Wednesday"
    if not c.standalone:
        return True
    if c.month is None:  # a bare year: "in 2020", or one spaCy calls a date
        return cue or in_date_ent or _attributive(doc, span)
    if first.tag_ == "MD" or first.tag_.startswith("VB"):
        return False
    name = first.text.rstrip(".")
    if name.title() in w.month_abbr:
        return False
    if name.title() in w.ambiguous_months:
        return cue or in_date_ent
    return True


def _attributive(doc: Doc, span: Span) -> bool:
    """A bare year modifying a noun after a determiner: "a 2003 military coup"."""
    if len(span) != 1:
        return False
    t = span[0]
    if t.dep_ not in ("nummod", "compound", "amod") or t.head.i <= t.i:
        return False
    if t.head.pos_ not in ("NOUN", "PROPN") or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.pos_ == "DET" or before.tag_ in ("PRP$", "POS")


def _open_ended(doc: Doc, e: TimeExpr, trig: Token, verb: Token) -> bool:
    """ "Assoumani, in power since 2016, dismissed ...": a stretch reaching to now
    (``open_prep``) inside a modifier dates no event; on the event's own verb it dates the
    start ("have been fighting since April 15")."""
    if e.start_token == 0 or doc[e.start_token - 1].lower_ not in words().open_preps:
        return False
    root = doc[e.start_token : e.end_token].root
    return not (_adverbial(root, verb) or _adverbial(root, trig))


def _year_applies(doc: Doc, e: TimeExpr, trig: Token, verb: Token) -> bool:
    """A year modifying a noun ("a 2003 coup") dates only that noun's event: the trigger
    itself, or the verb the noun is a prepositional object of ("seized power in a 2003
    coup"), not a verb acting on the thing ("violated the 2015 deal")."""
    span = doc[e.start_token : e.end_token]
    if not _attributive(doc, span):
        return True
    noun = span[0].head
    if noun.i == trig.i:
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == verb.i


def find_dates(doc: Doc, published: date | None) -> list[TimeExpr]:
    """Every time expression in ``doc``, in document order, resolved where it can be.

    Absolute dates keep their own value. Relative ones ("on Wednesday", "in October",
    "last year") are resolved against ``published`` in the direction of their clause's
    tense: past looks back, future (will, would, plans to) looks forward, present takes the
    nearest. They get ``value=None`` when ``published`` is None. Durations ("six-week",
    "three days") and DATE entities the patterns cannot read are returned with
    ``value=None``. Leading prepositions are not part of the span; part-of-period words
    ("late in November", "earlier this year") are, but do not change the precision.
    """
    text = doc.text
    cands: list[Candidate] = []
    spans: dict[tuple[int, int], Span] = {}
    for c in recognise(text):
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None and len(span) and _plausible(doc, span, c):
            cands.append(c)
            spans[(c.start, c.end)] = span
    out: list[TimeExpr] = []
    for c in select(cands):
        span = spans[(c.start, c.end)]
        direction = _DIRECTION[_tense(_clause_verb(span.root))]
        value, precision = resolve(c, published, direction)
        when = When(text[c.start : c.end], c.start, c.end, value, precision)
        out.append(TimeExpr(when, span.start, span.end))
    taken = [(e.when.start, e.when.end) for e in out]
    for ent in doc.ents:
        if ent.label_ != "DATE" or not re.search(r"[A-Za-z]", ent.text):
            continue
        if re.search(r"(?i)\bold\b|\bage[sd]?\b", ent.text):
            continue  # ages: "the 71-year-old"
        if any(ent.start_char < e and ent.end_char > s for s, e in taken):
            continue
        when = When(ent.text, ent.start_char, ent.end_char, None, None)
        out.append(TimeExpr(when, ent.start, ent.end))
    return _sequels(doc, sorted(out, key=lambda e: e.when.start))


def _sequels(doc: Doc, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """ "Protesters clashed with police on Friday ... the president dropped the plans a day
    later": a phrase dated from the story's previous day-precision date (``sequel`` rows of
    time_words.tsv; "N days later" adds N)."""
    w = words()
    text = doc.text
    found: list[tuple[int, int, int]] = []
    for phrase, offset in w.sequels.items():
        rx = re.escape(phrase)
        if phrase == "days later":
            rx = r"(?:" + "|".join(map(re.escape, w.numbers)) + r"|\d+)\s+days\s+later"
        for m in re.finditer(r"(?i)\b" + rx + r"\b", text):
            n = offset
            if phrase == "days later":
                first = m.group(0).split()[0].lower()
                n = int(first) if first.isdigit() else w.numbers.get(first, 0)
            found.append((m.start(), m.end(), n))
    for t in doc:
        # "They then opened fire": "then" as an adverb of sequence continues the day before it
        # (not "since then", "by then", "the then president").
        before_word = doc[t.i - 1].lower_ if t.i else ""
        if t.lower_ in w.then_words and t.dep_ == "advmod" and before_word not in w.then_blockers:
            found.append((t.idx, t.idx + len(t.text), 0))
    if not found:
        return exprs
    out = list(exprs)
    for start, end, n in sorted(found):
        before = [
            e for e in out if e.when.end <= start and e.when.value and len(e.when.value) == 10
        ]
        if not before:
            continue
        base = date.fromisoformat(before[-1].when.value)  # type: ignore[arg-type]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        value = (base + timedelta(days=n)).isoformat()
        out = [e for e in out if e.when.end <= start or e.when.start >= end]  # drop "a day"
        out.append(TimeExpr(When(text[start:end], start, end, value, "day"), span.start, span.end))
        out.sort(key=lambda e: e.when.start)
    return out


def _steps(t: Token, anchor: Token, through_relative: bool) -> int | None:
    """Edges from ``t`` up to ``anchor``; None if not below it or another clause intervenes."""
    n = 0
    while t.i != anchor.i:
        if t.head.i == t.i or n > 64:
            return None
        t, n = t.head, n + 1
        relative = through_relative and t.dep_ in ("relcl", "acl")
        if t.i != anchor.i and _is_clause_verb(t) and not relative:
            return None
    return n


def _adverbial(root: Token, anchor: Token) -> bool:
    """The expression modifies ``anchor`` directly: "last year", "on Wednesday"."""
    if root.head.i == anchor.i:
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.i == anchor.i


def _break_between(doc: Doc, a: int, b: int) -> bool:
    """A paragraph break (a newline token) lies between tokens ``a`` and ``b``."""
    return any("\n" in doc[k].text for k in range(min(a, b) + 1, max(a, b)))


def _best(doc: Doc, exprs: Sequence[TimeExpr], anchor: Token, relative: bool) -> When | None:
    scored: list[tuple[int, int, int, int]] = []
    for k, e in enumerate(exprs):
        root = doc[e.start_token : e.end_token].root
        n = _steps(root, anchor, relative)
        if n is not None and _break_between(doc, root.i, anchor.i):
            n = None  # a headline parsed into the next paragraph's sentence
        if n is not None:
            # A direct adverbial counts as one edge whether bare ("earlier this week") or
            # through its preposition ("on Thursday"); then the nearer wins.
            adverbial = _adverbial(root, anchor)
            scored.append((0 if adverbial else 1, 1 if adverbial else n, abs(root.i - anchor.i), k))
    return exprs[min(scored)[3]].when if scored else None


def _misattached(doc: Doc, exprs: Sequence[TimeExpr], verb: Token) -> When | None:
    """An expression the parser hung on a headline verb, read with the clause it opens.

    Only when its parse attachment crosses a paragraph break, it is in ``verb``'s
    paragraph, and no other clause verb stands between it and ``verb``.
    """
    for e in exprs:
        root = doc[e.start_token : e.end_token].root
        attach = _clause_verb(root.head) if root.head.i != root.i else root
        if not _break_between(doc, root.i, attach.i) or _break_between(doc, root.i, verb.i):
            continue
        lo, hi = sorted((e.end_token, verb.i))
        if not any(_is_clause_verb(doc[k]) for k in range(lo, hi) if k != verb.i):
            return e.when
    return None


def _inherit_parent(v: Token) -> Token | None:
    """The clause whose time ``v``'s clause shares, if the link between them allows it."""
    w = words()
    if v.head.i == v.i or v.dep_ not in _INHERIT:
        return None
    if v.dep_ in ("advcl", "pcomp"):
        marks = [c.lower_ for c in v.children if c.dep_ == "mark"]
        if v.dep_ == "pcomp":
            marks.append(v.head.lower_)
        if marks and marks[0] not in w.inherit_marks:
            return None  # "although ...", "if ...": a clause with a time of its own
    if v.dep_ == "ccomp" and _tense(v) != "present":
        return None  # reported past or future: not the time of the report
    return _clause_verb(v.head)


def _previous_sentence(doc: Doc, verb: Token, exprs: Sequence[TimeExpr]) -> When | None:
    """The previous sentence's date when this clause refers back to its event ("the event")."""
    w = words()
    sent = verb.sent
    if sent.start == 0 or _tense(verb) != "past":
        return None
    prev = doc[sent.start - 1].sent
    while not prev.text.strip() and prev.start > 0:  # a stray whitespace "sentence"
        prev = doc[prev.start - 1].sent
    valued = [e for e in exprs if prev.start <= e.start_token < prev.end and e.when.value]
    if len({e.when.value for e in valued}) != 1:
        return None
    prev_nouns = {t.lemma_.lower() for t in prev if t.pos_ == "NOUN"}
    for t in sent:
        if t.pos_ != "NOUN" or _clause_verb(t).i != verb.i:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children):
            continue
        lemma = t.lemma_.lower()
        if lemma in w.anaphors or (lemma in w.event_nouns and lemma in prev_nouns):
            return valued[0].when
    return None


def date_for_event(
    doc: Doc,
    trigger_i: int,
    exprs: Sequence[TimeExpr],
    published: date | None,
    historical: bool = False,
) -> When | None:
    """The date of the event whose trigger is token ``trigger_i``, with its evidence span.

    In order: an expression inside the trigger's phrase (a noun trigger's relative clause
    counts) or attached to its clause with no other verb between; one on a clause this
    clause shares its time with (an "after ..." clause, a conjoined verb, a present-tense
    report under a dated "said"); the previous sentence's single date when this clause
    refers back to its event ("took part in the event"). Otherwise, for a past or present
    report that is not ``historical``, the publication date at day precision, returned as
    ``When("", 0, 0, ...)``; future and historical events without a date get None.
    """
    trig = doc[trigger_i]
    sent = trig.sent
    verb = _clause_verb(trig)
    valued = [
        e
        for e in exprs
        if e.when.value is not None
        and sent.start <= e.start_token < sent.end
        and not _open_ended(doc, e, trig, verb)
        and _year_applies(doc, e, trig, verb)
    ]
    if valued:
        if verb.i != trig.i:
            hit = _best(doc, valued, trig, relative=True)
            if hit is not None:
                return hit
        hit = _best(doc, valued, verb, relative=False)
        if hit is not None:
            return hit
        if verb.dep_ == "relcl":
            # "in 2018, when the Supreme Court ordered ...": a relative clause on a time
            # expression happened at that time.
            head = verb.head.i
            for e in valued:
                if e.start_token <= head < e.end_token:
                    return e.when
        hit = _misattached(doc, valued, verb)
        if hit is not None:
            return hit
        v: Token | None = verb
        for _ in range(6):
            v = _inherit_parent(v) if v is not None else None
            if v is None:
                break
            hit = _best(doc, valued, v, relative=False)
            if hit is not None:
                return hit
    hit = _previous_sentence(doc, verb, exprs)
    if hit is not None:
        return hit
    if historical or published is None or _tense(verb) == "future":
        return None
    return When("", 0, 0, published.isoformat(), "day")


def infer_published(text: str) -> tuple[date, int, int] | None:
    """A plain-text article's publication date and the char span it was read from.

    Only complete dates (day, month and year) starting in the first 1000 characters
    count. A date on a line with a dateline cue ("Published", "(Reuters)") wins, then one
    on a short line of its own, then the first in the text (e.g. a photo caption).
    """
    cues = words().dateline_cues
    best: tuple[int, int, date, int, int] | None = None
    for d, s, e in full_dates(text[: _HEAD_CHARS + 60]):
        if s >= _HEAD_CHARS:
            continue
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        low = line.lower()
        score = max((p for cue, p in cues.items() if cue in low), default=0) * 2
        if len(line.strip()) <= 80:
            score += 1
        key = (score, -s, d, s, e)
        if best is None or key[:2] > best[:2]:
            best = key
    return (best[2], best[3], best[4]) if best else None
