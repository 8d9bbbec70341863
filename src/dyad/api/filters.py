"""Event filters from request parameters: the same filters as ``dyad query``.

The JSON API declares them as typed query parameters (``EventQuery``); the dashboard's forms
go through :func:`filters_from_form`, which keeps the user's input and reports problems
instead of failing. Both end in the store's ``EventFilter`` (parameterised SQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from dyad.errors import DyadError
from dyad.store import EventFilter

CODE = r"^[A-Za-z0-9-]{1,12}$"
WORD = r"^[A-Za-z_-]{1,30}$"
NUMBER = r"-?\d{1,3}(\.\d{1,8})?"
BBOX = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
PLAIN = r"^[^\x00-\x1f]*$"  # no control characters
DAY = r"^\d{4}-\d{2}-\d{2}$"
AS_DATE: dict[str, Any] = {"json_schema_extra": {"format": "date"}}
MAX_LIMIT = 500
FIELDS = (
    "actor",
    "recipient",
    "country",
    "sector",
    "type",
    "mode",
    "cameo",
    "quad",
    "since",
    "until",
    "place",
    "bbox",
    "text",
    "min_sources",
    "real",
)


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the parameter."""


def make_filter(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    type: str | None = None,  # noqa: A002 - the query parameter's name
    mode: str | None = None,
    cameo: str | None = None,
    quad: int | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    bbox: str | None = None,
    text: str | None = None,
    min_sources: int | None = None,
    real: bool = False,
) -> EventFilter:
    """An EventFilter from already-typed values; raises FilterError for a bad combination."""
    try:
        return EventFilter.build(
            actor=actor,
            recipient=recipient,
            country=country,
            sector=sector,
            event_type=type,
            mode=mode,
            cameo=cameo,
            quad=quad,
            since=since,
            until=until,
            place=place,
            bbox=bbox,
            text=text,
            min_sources=min_sources,
            real=real,
        )
    except DyadError as exc:
        raise FilterError(str(exc).replace("--", "")) from None


@dataclass
class DyadQuery:
    """Filters on the event itself (a dyad's series takes its sides from the path)."""

    type: Annotated[
        str | None, Query(pattern=WORD, description="PLOVER event type: CONSULT, ASSAULT.")
    ] = None
    mode: Annotated[str | None, Query(pattern=WORD, description="PLOVER mode: visit.")] = None
    cameo: Annotated[
        str | None, Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix: 04, 043.")
    ] = None
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None
    since: Annotated[
        str | None,
        Query(pattern=DAY, description="Events on or after this day (YYYY-MM-DD).", **AS_DATE),
    ] = None
    until: Annotated[
        str | None,
        Query(pattern=DAY, description="Events on or before this day (YYYY-MM-DD).", **AS_DATE),
    ] = None
    place: Annotated[
        str | None,
        Query(min_length=1, max_length=200, pattern=PLAIN, description="Place name: Baku."),
    ] = None
    bbox: Annotated[
        str | None,
        Query(pattern=BBOX, description="minlon,minlat,maxlon,maxlat of the event's place."),
    ] = None
    text: Annotated[
        str | None,
        Query(min_length=1, max_length=200, pattern=PLAIN, description="Words in a sentence."),
    ] = None
    min_sources: Annotated[
        int | None, Query(ge=1, le=1_000_000, description="At least this many sources.")
    ] = None

    def to_filter(self) -> EventFilter:
        """The store's EventFilter; raises FilterError for a bad combination."""
        values: dict[str, Any] = {name: getattr(self, name, None) for name in FIELDS}
        values["real"] = bool(values["real"])
        for key in ("since", "until"):
            if values[key] is not None:
                try:
                    values[key] = date.fromisoformat(values[key])
                except ValueError:
                    raise FilterError(f"{key}: {values[key]!r} is not a day (YYYY-MM-DD)") from None
        return make_filter(**values)


@dataclass
class EventQuery(DyadQuery):
    """The filters of ``dyad query`` as typed query parameters (a FastAPI dependency)."""

    actor: Annotated[
        str | None, Query(pattern=CODE, description="Actor code prefix: IRN, IRNGOV.")
    ] = None
    recipient: Annotated[
        str | None, Query(pattern=CODE, description="Recipient code prefix: AZE, AZEGOV.")
    ] = None
    country: Annotated[
        str | None, Query(pattern=CODE, description="Country (alpha-3) on either side.")
    ] = None
    sector: Annotated[
        str | None, Query(pattern=CODE, description="Sector on either side: GOV, MIL.")
    ] = None
    real: Annotated[bool, Query(description="Only real events (not negated or hypothetical).")] = (
        False
    )


def filters_from_form(
    params: Mapping[str, str],
) -> tuple[EventFilter, dict[str, str], list[str]]:
    """A filter from a dashboard form: (filter, the values as typed, problems found).

    A value that cannot be used is reported and left out; the rest still filter.
    """
    values = {k: params.get(k, "").strip() for k in FIELDS if params.get(k, "").strip()}
    problems: list[str] = []
    typed: dict[str, object] = {}
    for key, raw in values.items():
        try:
            if key in ("since", "until"):
                typed[key] = date.fromisoformat(raw)
            elif key in ("quad", "min_sources"):
                number = int(raw)
                if number < 1 or (key == "quad" and number > 4):
                    raise ValueError
                typed[key] = number
            elif key == "real":
                typed[key] = raw.lower() in ("1", "true", "on", "yes")
            else:
                if any(ord(c) < 32 for c in raw) or len(raw) > 200:
                    raise ValueError
                typed[key] = raw
            make_filter(**typed)  # type: ignore[arg-type]
        except (ValueError, FilterError) as exc:
            detail = str(exc) if isinstance(exc, FilterError) else f"{raw!r} is not valid"
            problems.append(f"{key}: {detail}")
            typed.pop(key, None)
    return make_filter(**typed), values, problems  # type: ignore[arg-type]
