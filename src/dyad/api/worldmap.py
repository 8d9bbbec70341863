"""The bundled world outline: generated from offline data, drawn as SVG paths.

``static/world.geojson`` holds simplified country polygons built by :func:`build_outline`
from the boundary GeoJSON shipped inside the ``countryinfo`` package (MIT; the shapes come
from johan/world.geo.json, itself from Natural Earth, public domain). Regenerate it with
``python -m dyad.api.worldmap``. A few countries have no shape in that data (Hungary, Serbia,
Montenegro, Myanmar and small islands); the map shows them as water.

The map uses an equirectangular projection cropped to latitudes 84N..58S.
"""

from __future__ import annotations

import json
import math
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

OUTLINE = Path(__file__).resolve().parent.parent / "web" / "static" / "world.geojson"
NORTH, SOUTH = 84.0, -58.0
Ring = list[tuple[float, float]]


def _perpendicular(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification of one ring (first and last points kept)."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(ring[i], ring[first], ring[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)))


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    coords = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        coords = [coords]
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in coords]


def build_outline(tolerance: float = 0.12, digits: int = 2) -> dict[str, Any]:
    """A simplified world FeatureCollection (one feature per ISO alpha-3 code).

    Rings are simplified with Douglas-Peucker (``tolerance`` degrees), rounded to ``digits``
    decimals; islands smaller than about 0.05 square degrees are dropped.
    """
    features: list[dict[str, Any]] = []
    root = resources.files("countryinfo").joinpath("data")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha3")
        collection = record.get("geoJSON") or {}
        if not code or code == "ATA" or not collection.get("features"):
            continue
        polygons: list[list[list[list[float]]]] = []
        for feature in collection["features"]:
            for poly in _polygons(feature.get("geometry") or {}):
                rings = [simplify(r, tolerance) for r in poly]
                rings = [r for r in rings if len(r) >= 4 and _area(r) > 0.1]
                if rings:
                    polygons.append(
                        [[[round(x, digits), round(y, digits)] for x, y in r] for r in rings]
                    )
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "id": code,
                    "properties": {"name": record.get("name") or code},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return {
        "type": "FeatureCollection",
        "source": "countryinfo 1.0.1 (MIT) boundaries from johan/world.geo.json (Natural Earth, "
        "public domain); simplified by dyad.api.worldmap",
        "features": features,
    }


@lru_cache(maxsize=1)
def load_outline() -> dict[str, Any]:
    """The bundled outline (``web/static/world.geojson``)."""
    data: dict[str, Any] = json.loads(OUTLINE.read_text(encoding="utf-8"))
    return data


def project(lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Equirectangular projection of a point onto a ``width`` x ``height`` map."""
    x = (lon + 180.0) / 360.0 * width
    y = (NORTH - max(SOUTH, min(NORTH, lat))) / (NORTH - SOUTH) * height
    return round(x, 1), round(y, 1)


@lru_cache(maxsize=4)
def country_paths(width: int, height: int) -> tuple[tuple[str, str, str], ...]:
    """``(iso3, name, svg path data)`` for every country of the outline at this size."""
    out: list[tuple[str, str, str]] = []
    for feature in load_outline()["features"]:
        parts: list[str] = []
        for poly in feature["geometry"]["coordinates"]:
            for ring in poly:
                points = [project(x, y, width, height) for x, y in ring]
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        out.append((str(feature["id"]), str(feature["properties"]["name"]), "".join(parts)))
    return tuple(out)


def graticule(width: int, height: int, step: int = 30) -> str:
    """SVG path data of meridians and parallels every ``step`` degrees."""
    parts: list[str] = []
    for lon in range(-180, 181, step):
        (x0, y0), (x1, y1) = project(lon, NORTH, width, height), project(lon, SOUTH, width, height)
        parts.append(f"M{x0:g},{y0:g}L{x1:g},{y1:g}")
    for lat in range(-90 + step, 90, step):
        if not SOUTH < lat < NORTH:
            continue
        (x0, y0), (x1, y1) = project(-180, lat, width, height), project(180, lat, width, height)
        parts.append(f"M{x0:g},{y0:g}L{x1:g},{y1:g}")
    return "".join(parts)


def main() -> None:
    """Write ``web/static/world.geojson`` (or the path given as the first argument)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTLINE
    data = build_outline()
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target}: {len(data['features'])} countries, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
