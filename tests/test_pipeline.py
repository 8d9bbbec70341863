"""The pipeline end to end on the example article: events, evidence and exact offsets."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.model import Document, Event
from dyad.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def example_events(pipeline: Pipeline, example_text: str) -> list[Event]:
    doc = Document("example", example_text, date(2021, 12, 23), "given")
    return list(pipeline.analyse(doc).events)


def test_every_offset_slices_the_text(example_events: list[Event], example_text: str) -> None:
    assert example_events
    for e in example_events:
        assert example_text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert example_text[e.sentence.start : e.sentence.end] == e.sentence.text
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
        for a in (*e.actor, *e.recipient):
            assert example_text[a.start : a.end] == a.text
        if e.location is not None:
            loc = e.location
            assert example_text[loc.start : loc.end] == loc.text


def test_every_event_has_a_reason_and_valid_codes(example_events: list[Event]) -> None:
    for e in example_events:
        assert e.reason and "pattern" in e.reason
        assert e.quad_class in (1, 2, 3, 4)
        assert -10 <= e.goldstein <= 10
        assert e.actor and all(a.country for a in e.actor)
        assert e.event_id and len(e.event_id) == 16


def test_the_visit_and_meetings_are_coded(example_events: list[Event]) -> None:
    consults = [e for e in example_events if e.event_type == "CONSULT" and not e.hypothetical]
    dyads = {(e.actor[0].code, e.recipient[0].code) for e in consults if e.recipient}
    assert ("IRNGOV", "AZEGOV") in dyads or ("AZEGOV", "IRNGOV") in dyads
    phone = [e for e in consults if e.mode == "phone"]
    assert phone and phone[0].date == "2021-10"
    caption = [e for e in consults if e.trigger.text == "meet"]
    assert caption and caption[0].location is not None and caption[0].location.name == "Baku"


def test_refusal_is_coded_as_reject(example_events: list[Event]) -> None:
    [georgia] = [e for e in example_events if e.actor[0].country == "GEO"]
    assert georgia.event_type == "REJECT" and georgia.cameo == "125"
    assert not georgia.negated and "would" in georgia.reason


def test_background_war_is_historical_and_dated_2020(example_events: list[Event]) -> None:
    [war] = [e for e in example_events if e.event_type == "ASSAULT"]
    assert war.date == "2020" and war.date_precision == "year"
    assert war.historical
    assert {war.actor[0].country, war.recipient[0].country} == {"AZE", "ARM"}


def test_same_input_gives_same_ids(pipeline: Pipeline, example_text: str) -> None:
    doc = Document("example", example_text, date(2021, 12, 23), "given")
    first = [e.event_id for e in pipeline.analyse(doc).events]
    second = [e.event_id for e in pipeline.analyse(doc).events]
    assert first == second and len(set(first)) == len(first)


def test_announced_visit_is_an_intent_not_a_visit(pipeline: Pipeline) -> None:
    events = pipeline.code(
        "Bayramov said he would travel to Iran in the near future.", date(2021, 12, 23)
    )
    assert not [e for e in events if e.event_type == "CONSULT" and not e.hypothetical]
    [intent] = [e for e in events if e.event_type == "AGREE"]
    assert intent.cameo == "036" and "announced" in intent.reason


def test_invitation_to_visit_is_hypothetical(pipeline: Pipeline) -> None:
    events = pipeline.code(
        "Iran's foreign minister invited his Azeri counterpart to visit Tehran.",
        date(2021, 12, 23),
    )
    visits = [e for e in events if e.event_type == "CONSULT" and e.mode == "visit"]
    assert visits and all(e.hypothetical for e in visits)


def test_promise_of_retaliation_is_a_threat(pipeline: Pipeline) -> None:
    events = pipeline.code("Iran vowed to retaliate against Israel.", date(2024, 4, 2))
    threats = [e for e in events if e.event_type == "THREATEN"]
    assert threats and threats[0].recipient[0].country == "ISR"


def test_force_used_on_a_place_happens_there(pipeline: Pipeline) -> None:
    pipe = pipeline
    text = "Iraqi government forces took control of the oil city of Kirkuk on Monday."
    taken = [e for e in pipe.code(text, date(2017, 10, 16)) if e.event_type == "COERCE"]
    assert taken and taken[0].location is not None and taken[0].location.name == "Kirkuk"
    text = "Protesters clashed with police in the regional capital Nukus on Friday."
    clash = pipe.code(text, date(2022, 7, 4))
    assert clash and clash[0].location is not None and clash[0].location.name == "Nukus"
