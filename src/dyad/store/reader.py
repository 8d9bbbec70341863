"""Reading the store: event filters as parameterised SQL, stored rows back as Events."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.model import Actor, Event, Place, Sentence, Span

Connection = duckdb.DuckDBPyConnection
_CODE = re.compile(r"^[A-Z0-9-]{1,12}$")

SORTS = {
    "date": "e.day DESC NULLS LAST, e.seq",
    "date-asc": "e.day ASC NULLS LAST, e.seq",
    "sources": "e.num_sources DESC, e.num_mentions DESC, e.seq",
    "mentions": "e.num_mentions DESC, e.seq",
    "goldstein": "e.goldstein ASC, e.seq",
    "added": "e.seq",
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events to read; every field left None does not filter.

    ``actor``/``recipient``/``cameo`` are code prefixes (``IRN``, ``IRNGOV``, ``04``);
    ``country`` and ``sector`` match either side; ``bbox`` is (min lon, min lat, max lon,
    max lat); ``text`` is searched in the sentences of all mentions; ``flagged`` False keeps
    real events only, True only negated or hypothetical ones.
    """

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    sector: str | None = None
    event_type: str | None = None
    mode: str | None = None
    cameo: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    min_sources: int | None = None
    flagged: bool | None = None
    doc_id: str | None = None

    @classmethod
    def build(cls, *, bbox: str | None = None, real: bool = False, **fields: Any) -> EventFilter:
        """A checked filter from what a user typed (CLI options, API query parameters).

        ``bbox`` is the "minlon,minlat,maxlon,maxlat" text, ``real`` keeps real events only,
        empty strings filter nothing. Raises StoreError naming the bad option.
        """
        values = {k: (None if v == "" else v) for k, v in fields.items()}
        box = parse_bbox(bbox) if bbox else None
        f = cls(**values, bbox=box, flagged=False if real else None)
        f.where()  # validates the codes now, not at the first query
        return f

    def where(self, alias: str = "e") -> tuple[str, list[object]]:
        """The SQL condition (on events aliased ``alias``) and its parameters."""
        conds: list[str] = []
        params: list[object] = []
        a = alias

        def add(cond: str, *values: object) -> None:
            conds.append(cond)
            params.extend(values)

        if self.actor:
            add(f"contains({a}.actor_key, ?)", "," + _code(self.actor, "actor"))
        if self.recipient:
            add(f"contains({a}.recipient_key, ?)", "," + _code(self.recipient, "recipient"))
        if self.country:
            add(f"contains({a}.countries, ?)", "," + _code(self.country, "country") + ",")
        if self.sector:
            add(f"contains({a}.sectors, ?)", "," + _code(self.sector, "sector") + ",")
        if self.event_type:
            add(f"{a}.event_type = ?", self.event_type.upper())
        if self.mode:
            add(f"{a}.mode = ?", self.mode.lower())
        if self.cameo:
            add(f"starts_with({a}.cameo, ?)", self.cameo)
        if self.quad is not None:
            add(f"{a}.quad_class = ?", self.quad)
        if self.since:
            add(f"{a}.day >= ?", self.since)
        if self.until:
            add(f"{a}.day <= ?", self.until)
        if self.place:
            add(f"lower({a}.place_name) = lower(?)", self.place)
        if self.bbox:
            lon0, lat0, lon1, lat1 = self.bbox
            add(f"{a}.lon BETWEEN ? AND ? AND {a}.lat BETWEEN ? AND ?", lon0, lon1, lat0, lat1)
        if self.text:
            add(
                f"EXISTS (SELECT 1 FROM mentions t WHERE t.event_id = {a}.id "
                "AND contains(lower(t.sentence_text), lower(?)))",
                self.text,
            )
        if self.min_sources:
            add(f"{a}.num_sources >= ?", self.min_sources)
        if self.flagged is False:
            add(f"NOT ({a}.negated OR {a}.hypothetical)")
        elif self.flagged is True:
            add(f"({a}.negated OR {a}.hypothetical)")
        if self.doc_id:
            add(
                f"EXISTS (SELECT 1 FROM mentions t WHERE t.event_id = {a}.id AND t.doc_id = ?)",
                self.doc_id,
            )
        return (" AND ".join(conds) or "true"), params


def _code(value: str, what: str) -> str:
    code = value.strip().upper()
    if not _CODE.match(code):
        raise StoreError(f"--{what} must be a code such as IRN or IRNGOV, got {value!r}")
    return code


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` as four floats."""
    try:
        parts = [float(v) for v in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4:
        raise StoreError(f"--bbox must be minlon,minlat,maxlon,maxlat, got {value!r}")
    return parts[0], parts[1], parts[2], parts[3]


_MENTION_FIELDS = (
    "id, event_id, doc_id, event_type, mode, context, cameo, quad_class, goldstein, date, "
    "date_precision, place_text, place_start, place_end, place_name, geonameid, lat, lon, "
    "place_country, feature_code, sentence_index, sentence_start, sentence_end, sentence_text, "
    "trigger_start, trigger_end, trigger_text, negated, hypothetical, historical, confidence, "
    "reason"
)
_MENTION_COLUMNS = (
    ", ".join("m." + c.strip() for c in _MENTION_FIELDS.split(","))
    + ", CAST(d.published AS VARCHAR), d.published_source"
)
_MENTIONS = "mentions m LEFT JOIN documents d ON d.id = m.doc_id"


def mentions_by_id(con: Connection, ids: Sequence[str]) -> dict[str, Event]:
    """Stored mentions rebuilt as Events (event_id is the mention's own id)."""
    if not ids:
        return {}
    rows = con.execute(
        f"SELECT {_MENTION_COLUMNS} FROM {_MENTIONS} WHERE m.id IN (SELECT unnest(?::VARCHAR[]))",
        [list(ids)],
    ).fetchall()
    return _rebuild(con, rows)


def mentions_of_events(con: Connection, event_ids: Sequence[str]) -> dict[str, list[Event]]:
    """Every mention of these events, in document and sentence order."""
    rows = con.execute(
        f"SELECT {_MENTION_COLUMNS} FROM {_MENTIONS} "
        "WHERE m.event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY m.doc_id, m.trigger_start",
        [list(event_ids)],
    ).fetchall()
    out: dict[str, list[Event]] = {}
    events = _rebuild(con, rows)
    for row in rows:
        out.setdefault(str(row[1]), []).append(events[str(row[0])])
    return out


def mentions_of_document(con: Connection, doc_id: str) -> list[tuple[str, Event]]:
    """(stored event id, mention) pairs of one document, in text order."""
    rows = con.execute(
        f"SELECT {_MENTION_COLUMNS} FROM {_MENTIONS} WHERE m.doc_id = ? "
        "ORDER BY m.trigger_start, m.id",
        [doc_id],
    ).fetchall()
    events = _rebuild(con, rows)
    return [(str(r[1]), events[str(r[0])]) for r in rows]


def _rebuild(con: Connection, rows: list[Any]) -> dict[str, Event]:
    ids = [str(r[0]) for r in rows]
    actors: dict[tuple[str, str], list[Actor]] = {}
    if ids:
        for mid, role, text, start, end, name, country, sector in con.execute(
            "SELECT mention_id, role, text, start_char, end_char, name, country, sector "
            "FROM mention_actors WHERE mention_id IN (SELECT unnest(?::VARCHAR[])) "
            "ORDER BY mention_id, role, position",
            [ids],
        ).fetchall():
            actors.setdefault((str(mid), str(role)), []).append(
                Actor(text, start, end, name, country, sector)
            )
    out: dict[str, Event] = {}
    for r in rows:
        mid = str(r[0])
        place: Place | None = None
        if r[14] is not None:
            place = Place(
                text=r[11] or "",
                start=r[12] or 0,
                end=r[13] or 0,
                name=r[14],
                geonameid=r[15],
                lat=r[16],
                lon=r[17],
                country=r[18],
                feature_code=r[19],
            )
        out[mid] = Event(
            doc_id=r[2],
            event_type=r[3],
            mode=r[4],
            context=tuple(r[5] or ()),
            cameo=r[6],
            quad_class=r[7],
            goldstein=r[8],
            actor=tuple(actors.get((mid, "actor"), ())),
            recipient=tuple(actors.get((mid, "recipient"), ())),
            date=r[9],
            date_precision=r[10],
            location=place,
            sentence=Sentence(r[20], r[21], r[22], r[23]),
            trigger=Span(r[24], r[25], r[26]),
            negated=r[27],
            hypothetical=r[28],
            historical=r[29],
            confidence=r[30] if r[30] is not None else 0.5,
            reason=r[31] or "",
            published=r[32],
            published_source=r[33] or "none",
            event_id=mid,
        )
    return out


EVENT_SUMMARY = (
    "e.id, e.mention_id, e.place_mention_id, e.num_mentions, e.num_sources, e.num_articles, "
    "e.event_type, e.mode, e.context, e.cameo, e.quad_class, e.goldstein, e.date, "
    "e.date_precision, e.negated, e.hypothetical, e.historical, e.confidence, e.first_doc, "
    "e.actor_codes, e.recipient_codes, e.place_name, e.lat, e.lon"
)


def event_dicts(con: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    """Contract event objects (from each event's representative mention) plus the counts."""
    wanted = {str(r[1]) for r in rows} | {str(r[2]) for r in rows if r[2]}
    reps = mentions_by_id(con, sorted(wanted))
    out: list[dict[str, Any]] = []
    for r in rows:
        rep = reps.get(str(r[1]))
        if rep is None:
            record = _bare(r)
        else:
            record = rep.to_dict()
            place = reps.get(str(r[2])) if r[2] else None
            if record["location"] is None and place is not None and place.location is not None:
                record["location"] = place.location.to_dict()
        record["event_id"] = str(r[0])
        record["mention_id"] = str(r[1])
        record["num_mentions"] = int(r[3])
        record["num_sources"] = int(r[4])
        record["num_articles"] = int(r[5])
        out.append(record)
    return out


def _bare(r: Any) -> dict[str, Any]:
    """An event whose mention rows are missing (bulk-loaded data): the event columns only."""
    return {
        "doc_id": r[18],
        "event_type": r[6],
        "mode": r[7],
        "context": list(r[8] or ()),
        "cameo": r[9],
        "quad_class": r[10],
        "goldstein": r[11],
        "actor": [{"code": c} for c in r[19] or ()],
        "recipient": [{"code": c} for c in r[20] or ()],
        "date": r[12],
        "date_precision": r[13],
        "location": {"name": r[21], "lat": r[22], "lon": r[23]} if r[21] else None,
        "sentence": None,
        "trigger": None,
        "negated": r[14],
        "hypothetical": r[15],
        "historical": r[16],
        "confidence": r[17],
        "reason": "",
    }
