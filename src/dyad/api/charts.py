"""Chart geometry for the dashboard, computed server-side; the templates draw it as SVG.

Nothing here writes markup: every function returns numbers and labels, and the Jinja
templates (autoescaped) turn them into ``<rect>``, ``<path>`` and ``<circle>`` elements.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from dyad.api.worldmap import project

QUADS = (
    ("verbal_coop", "Verbal cooperation"),
    ("material_coop", "Material cooperation"),
    ("verbal_conflict", "Verbal conflict"),
    ("material_conflict", "Material conflict"),
)
MAX_FILLED = 400  # empty periods are only filled in for series this short


@dataclass
class Bar:
    """One segment of a stacked bar."""

    x: float
    y: float
    w: float
    h: float
    kind: str
    title: str


@dataclass
class Tick:
    """An axis label at a position."""

    pos: float
    label: str


@dataclass
class Timeline:
    """A stacked-bar chart of quad classes and a Goldstein line below it."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    xticks: list[Tick] = field(default_factory=list)
    yticks: list[Tick] = field(default_factory=list)
    gticks: list[Tick] = field(default_factory=list)
    gpath: str = ""
    gpoints: list[tuple[float, float, str]] = field(default_factory=list)
    gzero: float = 0.0
    plot: tuple[float, float, float, float] = (0, 0, 0, 0)  # left, top, right, bottom (bars)
    gplot: tuple[float, float, float, float] = (0, 0, 0, 0)  # the Goldstein panel


def _step(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def _label(day: date, by: str) -> str:
    if by == "month":
        return day.strftime("%b %Y")
    if by == "year":
        return str(day.year)
    return day.isoformat()


def fill_periods(points: Sequence[Mapping[str, Any]], by: str) -> list[dict[str, Any]]:
    """The series with empty periods between the first and last added as zeros."""
    rows = [dict(p) for p in points]
    if len(rows) < 2:
        return rows
    seen = {date.fromisoformat(str(r["period"])): r for r in rows}
    first, last = min(seen), max(seen)
    out: list[dict[str, Any]] = []
    day = first
    while day <= last and len(out) <= MAX_FILLED:
        out.append(seen.get(day) or {"period": day.isoformat(), "events": 0})
        day = _step(day, by)
    return out if day > last else rows


def _nice(top: float) -> float:
    if top <= 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(top))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if top <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def timeline(points: Sequence[Mapping[str, Any]], by: str, width: int = 920) -> Timeline:
    """Stacked bars of events by quad class per period, and the Goldstein mean per period."""
    rows = fill_periods(points, by)
    chart = Timeline(width=width, height=400)
    left, right, top, bottom = 56.0, width - 16.0, 16.0, 236.0
    gtop, gbottom = 276.0, 372.0
    chart.plot, chart.gplot = (left, top, right, bottom), (left, gtop, right, gbottom)
    ymax = _nice(max((float(r.get("events") or 0) for r in rows), default=0.0))
    for n in range(5):
        value = ymax * n / 4
        chart.yticks.append(Tick(bottom - (bottom - top) * n / 4, f"{value:g}"))

    def gy(g: float) -> float:
        return gtop + (10.0 - g) / 20.0 * (gbottom - gtop)

    chart.gzero = gy(0.0)
    chart.gticks = [Tick(gy(g), f"{g:+g}" if g else "0") for g in (10, 5, 0, -5, -10)]
    if not rows:
        return chart
    slot = (right - left) / len(rows)
    bar_w = max(min(slot * 0.7, 48.0), 1.0)
    every = max(1, math.ceil(len(rows) / 12))
    path: list[str] = []
    for i, r in enumerate(rows):
        day = date.fromisoformat(str(r["period"]))
        cx = left + slot * (i + 0.5)
        if i % every == 0:
            chart.xticks.append(Tick(cx, _label(day, by)))
        y = bottom
        for key, name in QUADS:
            count = float(r.get(key) or 0)
            if count <= 0:
                continue
            h = (bottom - top) * count / ymax
            y -= h
            title = f"{_label(day, by)}: {count:g} {name.lower()}"
            chart.bars.append(
                Bar(round(cx - bar_w / 2, 1), round(y, 1), round(bar_w, 1), round(h, 1), key, title)
            )
        mean = r.get("goldstein_mean")
        if mean is not None and r.get("events"):
            px, py = round(cx, 1), round(gy(float(mean)), 1)
            path.append(f"{'M' if not path else 'L'}{px},{py}")
            chart.gpoints.append((px, py, f"{_label(day, by)}: Goldstein mean {mean:+.2f}"))
    chart.gpath = "".join(path)
    return chart


def merge_series(
    one: Sequence[Mapping[str, Any]], other: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Two directions of a dyad added per period (Goldstein mean recomputed from the sums)."""
    keys = ("events", "mentions", *(k for k, _ in QUADS))
    merged: dict[str, dict[str, Any]] = {}
    for row in (*one, *other):
        period = str(row["period"])
        slot = merged.setdefault(
            period, {"period": period, **{k: 0 for k in keys}, "goldstein_sum": 0.0}
        )
        for k in keys:
            slot[k] += int(row.get(k) or 0)
        slot["goldstein_sum"] = round(slot["goldstein_sum"] + float(row["goldstein_sum"] or 0), 3)
    for slot in merged.values():
        slot["goldstein_mean"] = (
            round(slot["goldstein_sum"] / slot["events"], 3) if slot["events"] else None
        )
    return [merged[p] for p in sorted(merged)]


@dataclass
class Dot:
    """A place on the map with its events."""

    x: float
    y: float
    r: float
    name: str
    events: int
    goldstein: float
    tone: str  # coop | neutral | conflict
    lat: float
    lon: float


def tone(goldstein: float) -> str:
    """``coop``, ``neutral`` or ``conflict`` for a Goldstein score."""
    if goldstein >= 1.0:
        return "coop"
    if goldstein <= -1.0:
        return "conflict"
    return "neutral"


def map_dots(places: Sequence[Mapping[str, Any]], width: int, height: int) -> list[Dot]:
    """Circles for places (``name``, ``lat``, ``lon``, ``events``, ``goldstein``), big first."""
    most = max((int(p["events"]) for p in places), default=1)
    dots = []
    for p in places:
        x, y = project(float(p["lon"]), float(p["lat"]), width, height)
        r = 3.0 + 13.0 * math.sqrt(int(p["events"]) / most)
        g = float(p["goldstein"] or 0.0)
        dots.append(
            Dot(
                x,
                y,
                round(r, 1),
                str(p["name"]),
                int(p["events"]),
                round(g, 2),
                tone(g),
                float(p["lat"]),
                float(p["lon"]),
            )
        )
    return sorted(dots, key=lambda d: -d.r)


def map_view(
    dots: Sequence[Dot], width: int, height: int, min_width: float = 130.0, pad: float = 0.25
) -> tuple[float, float, float, float]:
    """The part of the map to show (x, y, w, h in map units): the dots with a margin.

    The view keeps the map's aspect ratio, is at least ``min_width`` wide (about 47 degrees
    at the default map width) and stays inside the map. No dots: the whole world.
    """
    if not dots:
        return 0.0, 0.0, float(width), float(height)
    x0, x1 = min(d.x for d in dots), max(d.x for d in dots)
    y0, y1 = min(d.y for d in dots), max(d.y for d in dots)
    w = max((x1 - x0) * (1 + 2 * pad), min_width)
    h = max((y1 - y0) * (1 + 2 * pad), w * height / width)
    w = max(w, h * width / height)
    if w >= width or h >= height:
        return 0.0, 0.0, float(width), float(height)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - w / 2, 0.0), width - w)
    top = min(max(cy - h / 2, 0.0), height - h)
    return round(left, 1), round(top, 1), round(w, 1), round(h, 1)


def zoomed(dots: Sequence[Dot], scale: float) -> list[Dot]:
    """Dots with radii multiplied by ``scale`` (so they keep their size on screen)."""
    return [replace(d, r=round(d.r * scale, 2)) for d in dots]


@dataclass
class Label:
    """A place name on the map."""

    x: float
    y: float
    anchor: str
    text: str


def map_labels(dots: Sequence[Dot], scale: float, limit: int = 40) -> list[Label]:
    """Labels for the biggest dots, each put right, left, above or below its dot where it
    overlaps no label or dot already placed (a label that fits nowhere is left out)."""
    size = 12 * scale
    taken: list[tuple[float, float, float, float]] = [
        (d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r) for d in dots
    ]
    out: list[Label] = []
    for d in dots[:limit]:
        width = 0.62 * size * len(d.name)
        gap = d.r + 3 * scale
        options = (
            (d.x + gap, d.y + size / 3, "start", d.x + gap, d.x + gap + width),
            (d.x - gap, d.y + size / 3, "end", d.x - gap - width, d.x - gap),
            (d.x, d.y - gap - size / 4, "middle", d.x - width / 2, d.x + width / 2),
            (d.x, d.y + gap + size, "middle", d.x - width / 2, d.x + width / 2),
        )
        own = (d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r)
        for x, y, anchor, left, right in options:
            box = (left, y - size, right, y + size / 4)
            if not any(_overlap(box, other) for other in taken if other != own):
                taken.append(box)
                out.append(Label(round(x, 2), round(y, 2), anchor, d.name))
                break
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Node:
    """An actor in the network drawing."""

    id: str
    x: float
    y: float
    r: float
    events: int
    lx: float
    ly: float
    anchor: str


@dataclass
class Link:
    """A directed edge drawn as a curve from source to target."""

    source: str
    target: str
    path: str
    width: float
    events: int
    goldstein: float
    tone: str


def network_layout(
    edges: Sequence[Mapping[str, Any]], size: int = 640, max_nodes: int = 40
) -> tuple[list[Node], list[Link]]:
    """A circular layout: busiest actors first around the circle; curved directed edges."""
    weight: dict[str, int] = {}
    for e in edges:
        for side in ("source", "target"):
            weight[str(e[side])] = weight.get(str(e[side]), 0) + int(e["events"])
    ids = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    if not ids:
        return [], []
    centre, radius = size / 2, size / 2 - 70
    most = max(weight[i] for i in ids)
    nodes: dict[str, Node] = {}
    for n, key in enumerate(ids):
        angle = 2 * math.pi * n / len(ids) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        r = 5.0 + 13.0 * math.sqrt(weight[key] / most)
        lx, ly = (
            centre + (radius + r + 10) * math.cos(angle),
            centre + (radius + r + 10) * math.sin(angle),
        )
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        )
        nodes[key] = Node(
            key,
            round(x, 1),
            round(y, 1),
            round(r, 1),
            weight[key],
            round(lx, 1),
            round(ly + 4, 1),
            anchor,
        )
    most_edge = max(int(e["events"]) for e in edges)
    links: list[Link] = []
    for e in edges:
        a, b = nodes.get(str(e["source"])), nodes.get(str(e["target"]))
        if a is None or b is None:
            continue
        # Bend each direction to its own side so A->B and B->A do not overlap.
        mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy) or 1.0
        bend = 0.18 * length
        cx, cy = mx - dy / length * bend, my + dx / length * bend
        # Stop the curve at the target's rim so the arrowhead shows.
        tx, ty = (
            b.x - (b.x - cx) / math.hypot(b.x - cx, b.y - cy) * (b.r + 3),
            b.y - (b.y - cy) / math.hypot(b.x - cx, b.y - cy) * (b.r + 3),
        )
        g = float(e.get("goldstein_mean") or 0.0)
        links.append(
            Link(
                a.id,
                b.id,
                f"M{a.x},{a.y}Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}",
                round(1.0 + 5.0 * int(e["events"]) / most_edge, 1),
                int(e["events"]),
                round(g, 2),
                tone(g),
            )
        )
    return list(nodes.values()), links
