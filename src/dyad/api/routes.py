"""The JSON API under ``/api``: events, documents, dyad series, actors, network, health."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, Request
from pydantic import Field

from dyad import __version__
from dyad.api.charts import merge_series
from dyad.api.filters import CODE, MAX_LIMIT, DyadQuery, EventQuery, FilterError
from dyad.api.models import (
    ActorCount,
    DocumentIn,
    DocumentOut,
    DocumentResult,
    Edge,
    ErrorResponse,
    EventDetail,
    EventPage,
    Health,
    IngestOut,
    Level,
    Period,
    SeriesOut,
    SeriesPoint,
    Sort,
)
from dyad.api.service import MAX_DOCUMENTS, Service
from dyad.errors import InputError
from dyad.model import Document
from dyad.store import SCHEMA_VERSION, EventFilter

router = APIRouter(prefix="/api")

BAD_FILTER: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "A filter value is not valid."}
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such id."}
}
ID = Annotated[str, Path(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f]+$")]


def service(request: Request) -> Service:
    """The app's Service (a dependency)."""
    svc: Service = request.app.state.service
    return svc


Svc = Annotated[Service, Depends(service)]


def _filter(query: DyadQuery) -> EventFilter:
    try:
        return query.to_filter()
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from None


def require_token(
    svc: Svc,
    authorization: Annotated[
        str | None, Header(description="Bearer token (the server's DYAD_TOKEN).")
    ] = None,
) -> None:
    """Refuse writes without the right bearer token (and all writes when none is set)."""
    if not svc.writable:
        raise HTTPException(403, "writes are disabled: the server has no token (set DYAD_TOKEN)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401, "missing bearer token", headers={"WWW-Authenticate": 'Bearer realm="dyad"'}
        )
    if not svc.check_token(given.strip()):
        raise HTTPException(403, "wrong token")


@router.get("/health", response_model=Health, summary="Service status and table sizes")
def health(svc: Svc) -> dict[str, Any]:
    """Whether the store answers; row counts; whether writes are enabled."""
    with svc.reader() as store:
        counts = store.counts()
    return {
        "status": "ok",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "writable": svc.writable,
        "pipeline_loaded": svc.pipeline_loaded,
        "counts": counts,
    }


@router.get(
    "/events", response_model=EventPage, responses=BAD_FILTER, summary="Search stored events"
)
def events(
    svc: Svc,
    query: Annotated[EventQuery, Depends()],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (at most 500).")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Events to skip.")] = 0,
    sort: Annotated[Sort, Query(description="Order of the events.")] = "date",
) -> dict[str, Any]:
    """Stored (deduplicated) events matching the filters, one page at a time.

    Each event is the contract's event object of its representative mention with
    ``event_id`` the stored event's id, plus ``num_mentions``, ``num_sources``,
    ``num_articles`` and ``mention_id``.
    """
    f = _filter(query)
    with svc.reader() as store:
        total = store.count(f)
        rows = store.events(f, limit=limit, offset=offset, sort=sort)
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    responses={**NOT_FOUND, **BAD_FILTER},
    summary="One stored event with all its mentions",
)
def event(svc: Svc, event_id: ID) -> dict[str, Any]:
    """The event and every mention (sentence, trigger, actors, place, reason, document)."""
    return _one(svc, "event", event_id)


@router.get(
    "/documents/{doc_id:path}",
    response_model=DocumentOut,
    responses={**NOT_FOUND, **BAD_FILTER},
    summary="A stored document with its text and every span read from it",
)
def document(svc: Svc, doc_id: ID) -> dict[str, Any]:
    """Text, metadata, story copies, coded mentions, places, dates and people."""
    return _one(svc, "document", doc_id)


def _one(svc: Service, kind: str, key: str) -> dict[str, Any]:
    """The stored ``kind`` ("event" or "document") named ``key``, or a 404."""
    with svc.reader() as store:
        try:
            record: dict[str, Any] = getattr(store, kind)(key)
        except KeyError:
            raise HTTPException(404, f"no {kind} {key!r}") from None
    return record


@router.get(
    "/dyads/{actor}/{recipient}/series",
    response_model=SeriesOut,
    responses=BAD_FILTER,
    summary="A dyad's events over time",
)
def dyad_series(
    svc: Svc,
    actor: Annotated[str, Path(pattern=CODE, description="Actor code prefix (IRN).")],
    recipient: Annotated[str, Path(pattern=CODE, description="Recipient code prefix (AZE).")],
    query: Annotated[DyadQuery, Depends()],
    by: Annotated[Period, Query(description="Period length.")] = "month",
    both: Annotated[
        bool, Query(description="Add the other direction (recipient acting on actor).")
    ] = False,
) -> dict[str, Any]:
    """Real events of the dyad per period: counts per quad class, mentions, Goldstein sum/mean.

    Events dated less precisely than the period are left out (a month-dated event has no day).
    """
    common = _filter(query)
    forward = replace(common, actor=actor, recipient=recipient)
    backward = replace(common, actor=recipient, recipient=actor)
    with svc.reader() as store:
        rows = store.series(forward, by=by)
        if both:
            rows = merge_series(rows, store.series(backward, by=by))
    points = [SeriesPoint.model_validate({**r, "period": str(r["period"])}) for r in rows]
    return {
        "actor": actor.upper(),
        "recipient": recipient.upper(),
        "by": by,
        "both_directions": both,
        "series": points,
    }


@router.get(
    "/actors",
    response_model=list[ActorCount],
    responses=BAD_FILTER,
    summary="Actors by number of events",
)
def actors(
    svc: Svc,
    query: Annotated[EventQuery, Depends()],
    level: Annotated[Level, Query(description="Group by country or full code.")] = "country",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> list[dict[str, Any]]:
    """Real events per actor, counted as actor and as recipient."""
    f = _filter(query)
    with svc.reader() as store:
        return store.top_actors(f, limit=limit, level=level)


@router.get("/network", response_model=list[Edge], responses=BAD_FILTER, summary="Actor network")
def network(
    svc: Svc,
    query: Annotated[EventQuery, Depends()],
    level: Annotated[Level, Query(description="Group by country or full code.")] = "country",
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> list[dict[str, Any]]:
    """Directed edges between actors: real events, per quad class, Goldstein mean."""
    f = _filter(query)
    with svc.reader() as store:
        return store.network(f, level=level, min_events=min_events)


@router.post(
    "/documents",
    response_model=IngestOut,
    responses={
        400: {"model": ErrorResponse, "description": "The body cannot be decoded."},
        401: {"model": ErrorResponse, "description": "No bearer token given."},
        403: {"model": ErrorResponse, "description": "Wrong token, or writes disabled."},
        413: {"model": ErrorResponse, "description": "Request body too large."},
        422: {"model": ErrorResponse, "description": "The body is not a document record."},
    },
    dependencies=[Depends(require_token)],
    summary="Code and store articles",
)
def post_documents(
    svc: Svc,
    body: Annotated[
        DocumentIn | Annotated[list[DocumentIn], Field(min_length=1, max_length=MAX_DOCUMENTS)],
        Body(description="One document record or a list of them."),
    ],
) -> dict[str, Any]:
    """Code one article or a list of them (the contract's JSONL record) and store the events.

    A document already stored with the same id and text is not coded again (``unchanged``);
    one that cannot be read or coded is ``failed`` with the reason and recorded in failures.
    """
    from dyad.sources.jsonl import parse_record

    records = body if isinstance(body, list) else [body]
    items: list[Document | InputError] = []
    for n, record in enumerate(records):
        where = record.id or f"document {n}"
        try:
            items.append(parse_record(where, record.model_dump(exclude_none=True)))
        except InputError as exc:
            items.append(exc)
    stats, coded = svc.code_and_store(items)
    results = []
    for c in coded:
        events = (
            [e.to_dict() for e in c.analysis.events] if c.analysis is not None else c.stored_events
        )
        result = {"id": c.doc_id, "status": c.status, "error": c.error, "events": events}
        results.append(DocumentResult.model_validate(result))
    return {
        "documents": stats.documents,
        "skipped": stats.skipped + sum(c.status == "unchanged" for c in coded),
        "replaced": stats.replaced,
        "mentions": stats.mentions,
        "new_events": stats.new_events,
        "failures": sum(c.status == "failed" for c in coded),
        "results": results,
    }
