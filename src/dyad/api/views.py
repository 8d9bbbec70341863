"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same store as the API.

Pages: events table (``/``), event (``/events/{id}``), document (``/documents/{id}``), dyad
timeline (``/timeline``), map (``/map``), actor network (``/network``) and a page to code a
pasted or uploaded article (``/code``). Charts are inline SVG computed server-side
(``dyad.api.charts``); the small script in ``static/dyad.js`` only adds conveniences.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from dyad import __version__
from dyad.api import charts, worldmap
from dyad.api.filters import filters_from_form
from dyad.api.highlight import document_html, sentence_html
from dyad.api.service import Service
from dyad.errors import DyadError
from dyad.ontology.plover import PLOVER_TYPES
from dyad.store import EventFilter

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
PAGE_SIZE = 50
MAP_W, MAP_H = 1000, 394
SORTS = {
    "date": "Newest first",
    "date-asc": "Oldest first",
    "sources": "Most sources",
    "mentions": "Most mentions",
    "goldstein": "Most conflictual",
    "added": "Order added",
}
QUAD_NAMES = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every value is HTML-escaped unless it is Markup we built
    trim_blocks=True,
    lstrip_blocks=True,
)
# Document ids are often URLs: "/" must be encoded too inside a /documents/ link.
_env.filters["quote_id"] = lambda v: quote(str(v), safe="")
templates = Jinja2Templates(env=_env)
_env.globals.update(
    version=__version__,
    quad_names=QUAD_NAMES,
    plover_types=PLOVER_TYPES,
    sorts=SORTS,
    sentence_html=sentence_html,
)
router = APIRouter(include_in_schema=False)


def http_url(value: object) -> str:
    """The URL if it is http(s), else ``#`` (a stored ``javascript:`` URL must not be a link)."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else "#"


_env.filters["http_url"] = http_url


def _svc(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("nav", "")
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An HTML error page with the status and message."""
    return _render(request, "error.html", status=status, status_code=status, message=message)


def _query(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if v.strip()}


def _link(values: dict[str, str], **changes: Any) -> str:
    merged = {**values, **{k: str(v) for k, v in changes.items() if v is not None}}
    return "?" + urlencode({k: v for k, v in merged.items() if v != ""})


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value or default), low), high)
    except ValueError:
        return default


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The events table with filters, search, sorting and pages."""
    params = _query(request)
    f, values, problems = filters_from_form(params)
    sort = params.get("sort", "date")
    if sort not in SORTS:
        problems.append(f"sort: {sort!r} is not valid")
        sort = "date"
    page = _int(params.get("page"), 1, 1, 100_000)
    with _svc(request).reader() as store:
        total = store.count(f)
        rows = store.events(f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort)
        counts = store.counts()
    keep = {**values, "sort": sort} if sort != "date" else dict(values)
    pages = max(1, -(-total // PAGE_SIZE))
    return _render(
        request,
        "events.html",
        nav="events",
        events=rows,
        total=total,
        values=values,
        sort=sort,
        problems=problems,
        page=page,
        pages=pages,
        prev_link=_link(keep, page=page - 1) if page > 1 else None,
        next_link=_link(keep, page=page + 1) if page < pages else None,
        counts=counts,
        filtered=bool(values),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: its codes and every mention's sentence with the evidence highlighted."""
    with _svc(request).reader() as store:
        try:
            record = store.event(event_id)
        except KeyError:
            return error_page(request, 404, f"No event {event_id!r}.")
        dates: dict[str, list[dict[str, Any]]] = {}
        for m in record["mentions"]:
            if m["doc_id"] not in dates:
                try:
                    dates[m["doc_id"]] = store.document(m["doc_id"])["dates"]
                except KeyError:
                    dates[m["doc_id"]] = []
    for m in record["mentions"]:
        m["html"] = sentence_html(m, dates.get(m["doc_id"], []))
    return _render(request, "event.html", nav="events", event=record)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """A stored article: its text with every event's evidence marked, and its events."""
    with _svc(request).reader() as store:
        try:
            doc = store.document(doc_id)
        except KeyError:
            return error_page(request, 404, f"No document {doc_id!r}.")
    body = document_html(doc["text"], doc["events"], doc["places"], doc["dates"])
    for e in doc["events"]:
        e["html"] = sentence_html(e, doc["dates"])
    return _render(request, "document.html", nav="events", doc=doc, body=body)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    """A dyad's events over time: quad classes as stacked bars, Goldstein mean below."""
    params = _query(request)
    by = params.get("by", "month")
    by = by if by in ("day", "week", "month", "year") else "month"
    both = params.get("both", "1") not in ("0", "false", "off")
    problems: list[str] = []
    with _svc(request).reader() as store:
        dyads = store.top_dyads(limit=12)
        a = params.get("a") or (str(dyads[0]["actor"]) if dyads else "")
        b = params.get("b") or (str(dyads[0]["recipient"]) if dyads else "")
        rows: list[dict[str, Any]] = []
        if a and b:
            try:
                rows = store.series(EventFilter(actor=a, recipient=b), by=by)
                if both:
                    back = store.series(EventFilter(actor=b, recipient=a), by=by)
                    rows = charts.merge_series(rows, back)
            except DyadError as exc:
                problems.append(str(exc).replace("--", ""))
    rows = [{**r, "period": str(r["period"])} for r in rows]
    chart = charts.timeline(rows, by)
    totals = {k: sum(int(r.get(k) or 0) for r in rows) for k, _ in charts.QUADS}
    return _render(
        request,
        "timeline.html",
        nav="timeline",
        a=a.upper(),
        b=b.upper(),
        by=by,
        both=both,
        chart=chart,
        rows=rows,
        dyads=dyads,
        totals=totals,
        quads=charts.QUADS,
        problems=problems,
    )


@lru_cache(maxsize=16)
def _world_svg(zoom: int) -> str:
    return _env.get_template("world.svg").render(
        width=MAP_W,
        height=MAP_H,
        countries=worldmap.country_paths(MAP_W, MAP_H),
        graticule=worldmap.graticule(MAP_W, MAP_H, step=30 if zoom < 4 else 10),
        stroke=round(0.5 / zoom, 3),
        grid=round(0.6 / zoom, 3),
    )


@router.get("/map/world.svg")
def world_svg(zoom: int = 1) -> Response:
    """The bundled world outline as an SVG image (cached by the browser for a day).

    ``zoom`` (1-16) thins the lines for a map shown that many times larger.
    """
    return Response(
        _world_svg(min(max(zoom, 1), 16)),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    """Events on the world outline, one circle per place, sized by events."""
    params = _query(request)
    f, values, problems = filters_from_form(params)
    if f.bbox is None:
        f = replace(f, bbox=(-180.0, -90.0, 180.0, 90.0))  # placed events only
    with _svc(request).reader() as store:
        table = store.to_arrow(f)
    groups: dict[tuple[str, float, float], list[float]] = {}
    for name, lat, lon, g in zip(
        table.column("place_name").to_pylist(),
        table.column("lat").to_pylist(),
        table.column("lon").to_pylist(),
        table.column("goldstein").to_pylist(),
        strict=True,
    ):
        if lat is not None and lon is not None:
            groups.setdefault((str(name), float(lat), float(lon)), []).append(float(g))
    places = [
        {"name": k[0], "lat": k[1], "lon": k[2], "events": len(v), "goldstein": sum(v) / len(v)}
        for k, v in groups.items()
    ]
    dots = charts.map_dots(places, MAP_W, MAP_H)
    world = params.get("view") == "world"
    view = (0.0, 0.0, float(MAP_W), float(MAP_H)) if world else charts.map_view(dots, MAP_W, MAP_H)
    scale = view[2] / MAP_W
    dots = charts.zoomed(dots, scale)
    return _render(
        request,
        "map.html",
        nav="map",
        dots=dots,
        view=view,
        scale=scale,
        labels=charts.map_labels(dots, scale),
        zoom=max(1, min(16, round(1 / scale))),
        world=world,
        width=MAP_W,
        height=MAP_H,
        values=values,
        problems=problems,
        placed=table.num_rows,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    """The actor network: busiest actors on a circle, directed edges coloured by Goldstein."""
    params = _query(request)
    f, values, problems = filters_from_form(params)
    level = params.get("level", "country")
    level = level if level in ("country", "code") else "country"
    min_events = _int(params.get("min_events"), 1, 1, 1_000_000)
    with _svc(request).reader() as store:
        edges = store.network(f, level=level, min_events=min_events)
    nodes, links = charts.network_layout(edges)
    return _render(
        request,
        "network.html",
        nav="network",
        nodes=nodes,
        links=links,
        edges=edges[:30],
        level=level,
        min_events=min_events,
        values=values,
        problems=problems,
        size=640,
    )


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request) -> HTMLResponse:
    """The form to paste or upload an article."""
    svc = _svc(request)
    return _render(request, "code.html", nav="code", form={}, writable=svc.writable)


def _form(raw: bytes) -> dict[str, str]:
    parsed = parse_qs(raw.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in parsed.items() if v}


@router.post("/code", response_class=HTMLResponse)
async def code_submit(request: Request) -> HTMLResponse:
    """Code the article in the form; store it only when the right token is given."""
    from fastapi.concurrency import run_in_threadpool

    from dyad.sources.text import normalise_newlines, text_document

    svc = _svc(request)
    form = _form(await request.body())
    text = normalise_newlines(form.get("text", "")).strip("\n")
    problems: list[str] = []
    published: date | None = None
    if form.get("published", "").strip():
        try:
            published = date.fromisoformat(form["published"].strip())
        except ValueError:
            problems.append("published: use YYYY-MM-DD")
    if not text.strip():
        problems.append("text: paste an article or choose a file")
    token = form.get("token", "").strip()
    if token and not svc.check_token(token):
        problems.append("token: wrong token (or writes are disabled on this server)")
    context: dict[str, Any] = {"form": form, "writable": svc.writable, "problems": problems}
    if problems:
        return _render(request, "code.html", status=422, nav="code", **context)
    title = form.get("title", "").strip() or None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    doc_id = form.get("doc_id", "").strip() or f"pasted-{digest}"
    document = replace(text_document(doc_id, text, published), title=title)
    if token:
        _, results = await run_in_threadpool(svc.code_and_store, [document])
    else:
        results = await run_in_threadpool(svc.code, [document])
    result = results[0]
    if result.analysis is not None:
        analysis = result.analysis
        events = [e.to_dict() for e in analysis.events]
        dates = [d.to_dict() for d in analysis.dates]
        places = [p.to_dict() for p in analysis.places]
    else:
        events, dates, places = list(result.stored_events), [], []
        if result.status == "unchanged":
            with svc.reader() as store:
                stored = store.document(doc_id)
            dates, places = stored["dates"], stored["places"]
    for e in events:
        e["html"] = sentence_html(e, dates)
    body = document_html(text, events, places, dates)
    context.update(result=result, events=events, body=body, document=document, stored=bool(token))
    return _render(request, "code.html", nav="code", **context)
