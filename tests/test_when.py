"""Time expressions, their resolution against the publication date, and event dates."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.model import When
from dyad.when import TimeExpr, date_for_event, find_dates, infer_published

PUB = date(2021, 12, 23)  # a Thursday


def values(nlp: Language, text: str, published: date | None = PUB) -> dict[str, str | None]:
    doc = nlp(text)
    out = {}
    for e in find_dates(doc, published):
        assert text[e.when.start : e.when.end] == e.when.text
        out[e.when.text] = e.when.value
    return out


@pytest.fixture(scope="module")
def example(nlp: Language, example_text: str) -> tuple[Doc, list[TimeExpr]]:
    doc = nlp(example_text)
    return doc, find_dates(doc, PUB)


def token_at(doc: Doc, sentence_start: str, word: str) -> int:
    at = doc.text.index(sentence_start)
    return next(t.i for t in doc if t.idx >= at and t.text == word)


# --- expressions in the example article ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("December 23, 2021", "2021-12-23", "day"),
        ("Wednesday", "2021-12-22", "day"),
        ("December 10", "2021-12-10", "day"),
        ("Earlier this year", "2021", "year"),
        ("October", "2021-10", "month"),
        ("late in November", "2021-11", "month"),
        ("last year", "2020", "year"),
        ("this year", "2021", "year"),
    ],
)
def test_example_expressions(
    example: tuple[Doc, list[TimeExpr]], text: str, value: str, precision: str
) -> None:
    doc, exprs = example
    found = [e for e in exprs if e.when.text == text]
    assert found, text
    for e in found:
        assert e.when.value == value
        assert e.when.precision == precision
        assert doc.text[e.when.start : e.when.end] == text
        assert doc[e.start_token : e.end_token].text == text


def test_example_offsets_durations_and_non_dates(example: tuple[Doc, list[TimeExpr]]) -> None:
    doc, exprs = example
    starts = [e.when.start for e in exprs]
    assert starts == sorted(starts)
    for e in exprs:
        assert doc.text[e.when.start : e.when.end] == e.when.text
        assert doc[e.start_token : e.end_token].start_char == e.when.start
    by_text = {e.when.text: e.when for e in exprs}
    assert by_text["six-week"].value is None and by_text["six-week"].precision is None
    assert not any("kilometer" in t for t in by_text)
    assert not any("future" in t or "soon" in t for t in by_text)
    assert not any(t.lower().startswith(("on ", "in ")) for t in by_text)


# --- formats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The accord was signed on 23 December 2021 in Vienna.", "23 December 2021", "2021-12-23"),
        ("Troops withdrew on Dec. 23, officials said.", "Dec. 23", "2021-12-23"),
        ("The order is dated 2021-12-20.", "2021-12-20", "2021-12-20"),
        ("The order is dated 12/20/2021.", "12/20/2021", "2021-12-20"),
        ("The order is dated 20/12/2021.", "20/12/2021", "2021-12-20"),
        ("The junta seized power in 2020.", "2020", "2020"),
        ("Talks collapsed in October 2021.", "October 2021", "2021-10"),
        ("The rebels retreated in mid-2019.", "mid-2019", "2019"),
        ("The summit ended on the 3rd of March 2020.", "the 3rd of March 2020", "2020-03-03"),
        ("May 4, 2019 was the day the strike began.", "May 4, 2019", "2019-05-04"),
        ("The envoy arrived yesterday.", "yesterday", "2021-12-22"),
        ("The envoy arrives today.", "today", "2021-12-23"),
        ("The envoy leaves tomorrow.", "tomorrow", "2021-12-24"),
        ("Police detained him two days ago.", "two days ago", "2021-12-21"),
        ("Prices rose last month.", "last month", "2021-11"),
        ("Prices will rise next month.", "next month", "2022-01"),
        ("Rebels attacked a convoy last week.", "last week", "2021-12"),
        ("The army withdrew at the end of last year.", "the end of last year", "2020"),
        ("He resigned earlier this month.", "earlier this month", "2021-12"),
    ],
)
def test_formats(nlp: Language, sentence: str, text: str, value: str) -> None:
    assert values(nlp, sentence).get(text) == value


def test_durations_are_not_dates(nlp: Language) -> None:
    got = values(nlp, "The siege lasted for three days and the 71-year-old leader left.")
    assert got == {"three days": None}
    got = values(nlp, "Ties improved over the past year along a 700-kilometer border.")
    assert got == {"the past year": None}


def test_may_the_verb_is_not_a_month(nlp: Language) -> None:
    assert values(nlp, "The talks may fail, officials said.") == {}
    assert values(nlp, "Elections were held in May.") == {"May": "2021-05"}


# --- tense and the publication date --------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The minister visited Moscow on Wednesday.", "Wednesday", "2021-12-22"),
        ("The minister will visit Moscow on Wednesday.", "Wednesday", "2021-12-29"),
        ("The minister met envoys on Thursday.", "Thursday", "2021-12-23"),
        ("They met last Thursday.", "last Thursday", "2021-12-16"),
        ("They will meet next Thursday.", "next Thursday", "2021-12-30"),
        ("Talks were held in March.", "March", "2021-03"),
        ("Elections will be held in March.", "March", "2022-03"),
        ("Iran plans to hold talks in January.", "January", "2022-01"),
        # a month-day after publication in a past clause: the previous year
        ("Protesters gathered on December 30, police said.", "December 30", "2020-12-30"),
        ("The summit will open on December 30.", "December 30", "2021-12-30"),
        ("Iran plans to hold talks in two weeks.", "two weeks", "2022-01"),
    ],
)
def test_tense(nlp: Language, sentence: str, text: str, value: str) -> None:
    assert values(nlp, sentence).get(text) == value


def test_in_two_weeks_in_a_past_clause_is_a_duration(nlp: Language) -> None:
    assert values(nlp, "The army built the bridge in two weeks.") == {"two weeks": None}


def test_without_publication_date_only_absolute_dates_resolve(nlp: Language) -> None:
    got = values(nlp, "They met on Wednesday and signed on 5 March 2020, last year.", None)
    assert got == {"Wednesday": None, "5 March 2020": "2020-03-05", "last year": None}


# --- infer_published ----------------------------------------------------------------


def test_infer_published_from_caption(example_text: str) -> None:
    got = infer_published(example_text)
    assert got is not None
    d, start, end = got
    assert d == PUB
    assert example_text[start:end] == "December 23, 2021"


def test_infer_published_prefers_dateline_cue() -> None:
    text = (
        "Talks on January 5, 2020 failed, the report recalled.\n"
        "Published: 22 December 2021 10:00 GMT\n"
        "Updated on December 24, 2021\n"
    )
    got = infer_published(text)
    assert got is not None
    assert got[0] == date(2021, 12, 22)
    assert text[got[1] : got[2]] == "22 December 2021"


def test_infer_published_none_and_far_dates() -> None:
    assert infer_published("Officials met on Wednesday to discuss the border.") is None
    assert infer_published("x" * 1500 + " on December 23, 2021.") is None
    got = infer_published("Posted 2021-12-20T10:00:00Z\n\nThe thing happened.")
    assert got is not None and got[0] == date(2021, 12, 20)


# --- date_for_event -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence_start", "trigger", "value", "evidence"),
    [
        ("Iranian Foreign Minister Hossein Amir-Abdollahian (4th L)", "meet", "2021-12-23",
         "December 23, 2021"),
        ("He made the remarks", "meeting", "2021-12-22", "Wednesday"),
        ("The first meeting", "held", "2021-12-10", "December 10"),
        ("Earlier this year", "seized", "2021", "Earlier this year"),
        ("However, in a phone", "call", "2021-10", "October"),
        ("However, in a phone", "release", "2021-10", "October"),
        ("In a separate meeting", "discussed", "2021-12-22", "Wednesday"),
        ("Amir-Abdollahian said a meeting", "meeting", "2021-11", "late in November"),
        ("Azerbaijan and Armenia fought", "fought", "2020", "last year"),
        # continues the previous sentence's event ("took part in the event")
        ("Azerbaijan, Russia, Turkey", "took", "2021-12-10", "December 10"),
    ],
)  # fmt: skip
def test_date_for_event_example(
    example: tuple[Doc, list[TimeExpr]], sentence_start: str, trigger: str, value: str,
    evidence: str,
) -> None:  # fmt: skip
    doc, exprs = example
    when = date_for_event(doc, token_at(doc, sentence_start, trigger), exprs, PUB)
    assert when is not None
    assert when.value == value
    assert when.text == evidence == doc.text[when.start : when.end]


def test_date_for_event_fallbacks(example: tuple[Doc, list[TimeExpr]]) -> None:
    doc, exprs = example
    invited = token_at(doc, "Meanwhile, Amir-Abdollahian invited", "invited")
    assert date_for_event(doc, invited, exprs, PUB) == When("", 0, 0, "2021-12-23", "day")
    assert date_for_event(doc, invited, exprs, PUB, historical=True) is None
    assert date_for_event(doc, invited, exprs, None) is None
    travel = token_at(doc, "The invitation was welcomed", "travel")  # "would travel"
    assert date_for_event(doc, travel, exprs, PUB) is None
    # "Although ..." does not share the main clause's "this year"
    ended = token_at(doc, "Although the fighting", "ended")
    assert date_for_event(doc, ended, exprs, PUB, historical=True) is None


def test_date_for_event_clause_boundaries(nlp: Language) -> None:
    doc = nlp("The minister said on Monday that rebels had attacked the base last year.")
    exprs = find_dates(doc, PUB)
    said = next(t.i for t in doc if t.text == "said")
    attacked = next(t.i for t in doc if t.text == "attacked")
    said_when = date_for_event(doc, said, exprs, PUB)
    attacked_when = date_for_event(doc, attacked, exprs, PUB)
    assert said_when is not None and said_when.value == "2021-12-20"
    assert attacked_when is not None and attacked_when.value == "2020"


def test_sequel_phrases_date_from_the_previous_dated_event(nlp: Language) -> None:
    text = (
        "Protesters clashed with police in Nukus on Friday. "
        "The president dropped the plans a day later. "
        "Two days later he visited the region. Talks resumed the following day."
    )
    got = values(nlp, text, date(2022, 7, 4))
    assert got["Friday"] == "2022-07-01"
    assert got["a day later"] == "2022-07-02"
    assert got["Two days later"] == "2022-07-04"
    assert got["the following day"] == "2022-07-05"
    # with no dated event before it, a sequel has no date of its own
    assert "a day later" not in values(nlp, "The plans were dropped a day later.", date(2022, 7, 4))


def test_then_continues_the_previous_dated_event(nlp: Language) -> None:
    text = (
        "Russian border guards rammed a Ukrainian tugboat near the Kerch Strait on Sunday. "
        "They then opened fire on the ships. Since then, talks have stalled."
    )
    got = values(nlp, text, date(2018, 11, 27))
    assert got["then"] == "2018-11-25"
    thens = [e for e in find_dates(nlp(text), date(2018, 11, 27)) if e.when.text == "then"]
    assert len(thens) == 1  # not "Since then"


def test_relative_clause_on_a_time_is_dated_by_it(nlp: Language) -> None:
    doc = nlp(
        "Ties had sunk to their lowest point in 2019, when the court ordered the firms to pay."
    )
    exprs = find_dates(doc, PUB)
    ordered = next(t.i for t in doc if t.text == "ordered")
    when = date_for_event(doc, ordered, exprs, PUB)
    assert when is not None and when.value == "2019"


def _event_date(nlp: Language, text: str, trigger: str) -> When | None:
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == trigger)
    return date_for_event(doc, i, find_dates(doc, PUB), PUB)


def test_since_inside_a_modifier_does_not_date_the_event(nlp: Language) -> None:
    when = _event_date(nlp, "Kamara, in office since 2016, denied the charges.", "denied")
    assert when is not None and when.text == "" and when.value == PUB.isoformat()
    # on the event's own verb, "since" dates its start
    when = _event_date(nlp, "Rebels have fought the army since 2017.", "fought")
    assert when is not None and when.value == "2017"


def test_own_adverbial_beats_one_after_the_object(nlp: Language) -> None:
    when = _event_date(
        nlp, "Obi on Tuesday rejected the results of polls held earlier this month.", "rejected"
    )
    assert when is not None and when.text == "Tuesday"


def test_year_modifying_the_event_noun_dates_it(nlp: Language) -> None:
    when = _event_date(nlp, "Dacko took power in a 1979 palace coup.", "took")
    assert when is not None and when.value == "1979"
    # but not a thing the verb acts on
    when = _event_date(nlp, "Tehran said Washington broke the 2015 nuclear deal.", "broke")
    assert when is None or when.value != "2015"
