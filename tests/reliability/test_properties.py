"""Property tests: any Unicode text codes without an exception, and every offset is true.

Texts mix real news sentences with random Unicode, control characters, emoji, right-to-left
script, combining marks, very long tokens and odd whitespace (lone surrogates are left out:
they cannot be encoded, so no reader can produce them). For every event the pipeline reports,
``text[start:end]`` must be the reported span: actors, recipients, trigger, sentence, location;
and for the document: dates, places and people.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.model import Document
from dyad.pipeline import Analysis, Pipeline

EXAMPLES = 150
SETTINGS: dict[str, Any] = {
    "max_examples": EXAMPLES,
    "deadline": None,
    "derandomize": True,  # the same cases on every run: CI stays reproducible
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}

NEWS = (
    "Iranian President Ebrahim Raisi met Azerbaijani President Ilham Aliyev in Ashgabat on Sunday.",
    "Azerbaijan condemned the attack on its embassy in Tehran on 27 January 2023.",
    "Russian forces shelled the city of Kharkiv on Friday, Ukrainian officials said.",
    "Kenyan police fired tear gas at opposition supporters in Nairobi on Wednesday.",
    "The United Nations urged Sudan's warring parties to agree to a ceasefire.",
    "Chinese coast guard ships blocked a Philippine supply mission near Second Thomas Shoal.",
    "BAKU, Dec. 23 (PressTV) - Iran and Azerbaijan signed a gas swap agreement last month.",
    "He said the two sides would meet again in Geneva next week.",
    "Israel did not attack Lebanon, the army said.",
    "Protesters in Paris marched against the pension reform on March 7.",
    "Qatar hosted talks between Sudanese army and paramilitary envoys in Doha on Monday.",
    "North Korean leader Kim Jong Un visited Russia and met President Vladimir Putin.",
)
ARABIC = "\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0625\u064a\u0631\u0627\u0646\u064a"
ODD = (
    "\u200b",  # zero-width space
    "\u200e\u200f",  # LTR / RTL marks
    "\u202e",  # right-to-left override
    "\ufeff",  # BOM inside text
    "\u00a0",  # no-break space
    "\u2028\u2029",  # line / paragraph separators
    "\x00\x01\x07\x1b",  # control characters
    "\x85\x9f",  # C1 controls
    "\r\n\t\f\v",
    "\U0001f600\U0001f1ee\U0001f1f7\U0001f468\u200d\U0001f469\u200d\U0001f467",  # emoji, ZWJ
    ARABIC,
    "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd",  # Hebrew
    "\u4e60\u8fd1\u5e73\u5728\u5317\u4eac\u4f1a\u89c1",  # Chinese
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\U0001d54f\U0001d552\U0001d55f",  # mathematical letters (astral plane)
    "Ｉｒａｎ　ｍｅｔ　Ａｚｅｒｂａｉｊａｎ",  # full-width
)

unicode_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # no lone surrogates
    max_size=80,
)
long_token = st.integers(min_value=200, max_value=5000).map(lambda n: "x" * n)
long_word = st.builds(lambda c, n: c * n, st.sampled_from("Aé中ا-_.0"), st.integers(50, 3000))
piece = st.one_of(
    st.sampled_from(NEWS),
    st.sampled_from(ODD),
    unicode_text,
    long_token,
    long_word,
)
separator = st.sampled_from([" ", "\n", "\n\n", "", "\t", " \u200b ", "\r\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """News sentences interleaved with random and hostile Unicode."""
    parts = draw(st.lists(piece, min_size=1, max_size=8))
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(separator))
    return "".join(out)


def _check_spans(text: str, analysis: Analysis) -> int:
    """Assert every reported offset slices ``text`` to the reported span; returns spans seen."""
    seen = 0

    def span(start: int, end: int, value: str, what: str) -> None:
        nonlocal seen
        assert 0 <= start <= end <= len(text), (what, start, end, len(text))
        assert text[start:end] == value, (what, text[start:end], value)
        seen += 1

    for e in analysis.events:
        for a in (*e.actor, *e.recipient):
            span(a.start, a.end, a.text, "actor")
        span(e.trigger.start, e.trigger.end, e.trigger.text, "trigger")
        span(e.sentence.start, e.sentence.end, e.sentence.text, "sentence")
        assert e.sentence.start <= e.trigger.start and e.trigger.end <= e.sentence.end
        if e.location is not None and e.location.start is not None:
            span(e.location.start, e.location.end, e.location.text, "location")
        e.to_dict()  # serialisable
    for w in analysis.dates:
        span(w.start, w.end, w.text, "date")
    for p in analysis.places:
        span(p.start, p.end, p.text, "place")
    for n in analysis.people:
        span(n.start, n.end, n.evidence, "person")
    return seen


def _analyse(pipeline: Pipeline, text: str, published: date | None) -> Analysis:
    source = "given" if published else "none"
    doc = Document(id="prop", text=text, published=published, published_source=source)
    return pipeline.analyse(doc)


@given(text=texts(), published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1))))
@settings(**SETTINGS)
def test_mixed_text_codes_and_offsets_are_true(
    pipeline: Pipeline, text: str, published: date | None
) -> None:
    analysis = _analyse(pipeline, text, published)
    _check_spans(text, analysis)


@given(text=st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400))
@settings(**SETTINGS)
def test_any_unicode_codes_without_error(pipeline: Pipeline, text: str) -> None:
    analysis = _analyse(pipeline, text, date(2023, 5, 8))
    _check_spans(text, analysis)


# Each codes at least one event. Left out: no actor (7), and the dateline (6): what comes
# before a dateline is read as a headline and not coded, by design.
CODED = tuple(s for n, s in enumerate(NEWS) if n not in (6, 7))


def _occurrences(text: str, sentence: str) -> list[tuple[int, int]]:
    out, at = [], text.find(sentence)
    while at >= 0:
        out.append((at, at + len(sentence)))
        at = text.find(sentence, at + 1)
    return out


@given(
    sentences=st.lists(st.sampled_from(CODED), min_size=1, max_size=6),
    noise=st.lists(st.sampled_from(ODD), max_size=4),
)
@settings(**SETTINGS)
def test_trailing_noise_hides_no_event(
    pipeline: Pipeline, sentences: list[str], noise: list[str]
) -> None:
    text = "\n\n".join(sentences) + "\n\n" + " ".join(noise)
    analysis = _analyse(pipeline, text, date(2023, 5, 8))
    _check_spans(text, analysis)
    triggers = [e.trigger.start for e in analysis.events]
    for sentence in set(sentences):
        spans = _occurrences(text, sentence)
        assert any(a <= t < b for a, b in spans for t in triggers), (sentence, text)


# Found by hypothesis: a short line of odd characters (a stray right-to-left override, a few
# Arabic words, stacked accents, mathematical letters) before a paragraph loses its event.
LEADING_NOISE = [
    ("\u202e", CODED[1]),
    (
        ARABIC,
        CODED[1],
    ),
    ("e\u0301\u0301\u0301", NEWS[9]),
    ("\U0001d54f\U0001d552\U0001d55f", CODED[1]),
]


@pytest.mark.xfail(
    strict=True,
    reason="bug: a line of odd characters before a paragraph makes the parser split or "
    "misread its first sentence, and its event is lost",
)
@pytest.mark.parametrize(("noise", "sentence"), LEADING_NOISE)
def test_leading_noise_hides_no_event(pipeline: Pipeline, noise: str, sentence: str) -> None:
    text = noise + "\n\n" + sentence
    analysis = _analyse(pipeline, text, date(2023, 5, 8))
    start = text.index(sentence)
    assert any(start <= e.trigger.start < len(text) for e in analysis.events)
