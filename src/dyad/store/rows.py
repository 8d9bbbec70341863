"""Rows of the events, mentions and mention_actors tables built from coded Events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from dyad.model import Actor, Event, Place


def _codes(actors: Sequence[Actor]) -> list[str]:
    return list(dict.fromkeys(a.code for a in actors))


def _set_key(values: Iterable[str | None]) -> str:
    items = sorted({v for v in values if v})
    return "," + ",".join(items) + "," if items else ","


def event_row(event: Event, key: str, day: date | None, now_place: str | None) -> list[object]:
    """The events-table row of a new event first seen in ``event`` (seq and time added in SQL)."""
    loc = event.location
    sides = (*event.actor, *event.recipient)
    return [
        event.event_id,
        key,
        event.event_type,
        event.mode,
        list(event.context),
        event.cameo,
        event.quad_class,
        event.goldstein,
        _set_key(a.code for a in event.actor),
        _set_key(a.code for a in event.recipient),
        _set_key(a.country for a in sides),
        _set_key(a.sector for a in sides),
        _codes(event.actor),
        _codes(event.recipient),
        list(dict.fromkeys(a.country or "---" for a in event.actor)),
        list(dict.fromkeys(a.country or "---" for a in event.recipient)),
        list(dict.fromkeys(a.name or a.text for a in event.actor)),
        list(dict.fromkeys(a.name or a.text for a in event.recipient)),
        event.date,
        event.date_precision,
        day,
        now_place,
        *_place_cells(loc),
        event.negated,
        event.hypothetical,
        event.historical,
        event.confidence,
        event.event_id,
        event.event_id if loc else None,
        event.doc_id,
    ]


EVENT_COLUMNS = (
    "id, key, event_type, mode, context, cameo, quad_class, goldstein, actor_key, recipient_key, "
    "countries, sectors, actor_codes, recipient_codes, actor_countries, recipient_countries, "
    "actor_names, recipient_names, date, date_precision, day, place_key, place_name, geonameid, "
    "lat, lon, place_country, feature_code, negated, hypothetical, historical, confidence, "
    "mention_id, place_mention_id, first_doc"
)
INSERT_EVENT = (
    f"INSERT INTO events ({EVENT_COLUMNS}, seq, added) "
    f"VALUES ({', '.join('?' * 35)}, nextval('event_seq'), now())"
)


def mention_row(event: Event, event_id: str, fp: str) -> list[object]:
    """The mentions-table row of one coded event mention."""
    loc = event.location
    s, t = event.sentence, event.trigger
    return [
        event.event_id,
        event_id,
        event.doc_id,
        fp,
        event.event_type,
        event.mode,
        list(event.context),
        event.cameo,
        event.quad_class,
        event.goldstein,
        event.date,
        event.date_precision,
        loc.text if loc else None,
        loc.start if loc else None,
        loc.end if loc else None,
        *_place_cells(loc),
        s.index,
        s.start,
        s.end,
        s.text,
        t.start,
        t.end,
        t.text,
        event.negated,
        event.hypothetical,
        event.historical,
        event.confidence,
        event.reason,
    ]


def actor_rows(event: Event) -> list[list[object]]:
    """mention_actors rows: every actor and recipient with its span."""
    rows: list[list[object]] = []
    for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
        for n, a in enumerate(actors):
            rows.append(
                [
                    event.event_id,
                    role,
                    n,
                    a.text,
                    a.start,
                    a.end,
                    a.name,
                    a.country,
                    a.sector,
                    a.code,
                ]
            )
    return rows


def _place_cells(loc: Place | None) -> list[object]:
    """The place columns both tables share: name, GeoNames id, lat, lon, country, feature code."""
    if loc is None:
        return [None] * 6
    return [loc.name, loc.geonameid, loc.lat, loc.lon, loc.country, loc.feature_code]
