"""Pure helpers of the dashboard: highlighting, chart geometry, the world outline, filters."""

from __future__ import annotations

from datetime import date

from dyad.api.charts import (
    fill_periods,
    map_dots,
    map_labels,
    map_view,
    merge_series,
    network_layout,
    timeline,
)
from dyad.api.filters import filters_from_form
from dyad.api.highlight import Mark, event_marks, highlight
from dyad.api.views import http_url
from dyad.api.worldmap import build_outline, load_outline, project, simplify

SENTENCE = "Iranian Foreign Minister Hossein Amir-Abdollahian met Ilham Aliyev in Baku."


def test_highlight_escapes_and_splits_overlaps() -> None:
    text = "A <b>bold</b> & risky <script>x()</script> claim"
    html = highlight(text, [Mark(2, 13, "actor", 'a "quoted" label'), Mark(9, 20, "trigger", "t")])
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert '<mark class="hl hl-actor" title="a &#34;quoted&#34; label">&lt;b&gt;bold</mark>' in html
    # the overlap carries both classes, trigger first
    assert '<mark class="hl hl-trigger hl-actor" title="t; a &#34;quoted&#34; label">' in html
    assert '&lt;/b&gt;</mark><mark class="hl hl-trigger" title="t"> &amp; risk</mark>' in html


def test_highlight_clips_marks_to_the_sentence() -> None:
    base = 100
    marks = [Mark(90, 107, "actor", "a"), Mark(150, 400, "place", "p"), Mark(500, 510, "date", "d")]
    html = highlight(SENTENCE, marks, base=base)
    assert html.startswith('<mark class="hl hl-actor" title="a">Iranian</mark> Foreign')
    assert html.endswith("</mark>")
    assert "hl-date" not in html


def test_event_marks_take_the_date_expression_in_the_sentence() -> None:
    event = {
        "event_type": "CONSULT",
        "cameo": "040",
        "actor": [{"text": "Iranian ...", "start": 0, "end": 49, "code": "IRNGOV", "name": None}],
        "recipient": [],
        "trigger": {"start": 50, "end": 53, "text": "met"},
        "location": None,
        "date": "2021-12-22",
        "sentence": {"index": 0, "start": 0, "end": 90, "text": SENTENCE},
    }
    dates = [
        {"start": 80, "end": 89, "value": "2021-12-22"},  # in the sentence, same value
        {"start": 95, "end": 104, "value": "2021-12-22"},  # outside the sentence
        {"start": 60, "end": 66, "value": "2021-12-20"},  # another day
    ]
    kinds = {(m.kind, m.start) for m in event_marks(event, dates)}
    assert kinds == {("actor", 0), ("trigger", 50), ("date", 80)}


def test_fill_periods_and_merge() -> None:
    rows = [
        {"period": "2021-10-01", "events": 2, "goldstein_sum": 2.0},
        {"period": "2022-01-01", "events": 1, "goldstein_sum": -5.0},
    ]
    filled = fill_periods(rows, "month")
    assert [r["period"] for r in filled] == ["2021-10-01", "2021-11-01", "2021-12-01", "2022-01-01"]
    assert filled[1]["events"] == 0
    other = [{"period": "2021-10-01", "events": 2, "verbal_coop": 2, "goldstein_sum": 6.0}]
    merged = merge_series(rows, other)
    assert merged[0]["events"] == 4 and merged[0]["goldstein_mean"] == 2.0
    assert merged[1]["goldstein_mean"] == -5.0


def test_timeline_bars_are_proportional() -> None:
    rows = [
        {
            "period": "2021-10-01",
            "events": 4,
            "verbal_coop": 3,
            "material_conflict": 1,
            "goldstein_mean": 1.0,
        },
        {"period": "2021-11-01", "events": 2, "verbal_coop": 2, "goldstein_mean": -10.0},
    ]
    chart = timeline(rows, "month")
    left, top, right, bottom = chart.plot
    heights = {(b.kind, b.x): b.h for b in chart.bars}
    first = [b for b in chart.bars if b.x < (left + right) / 2]
    assert [t.label for t in chart.yticks][-1] == "5"  # 4 events: the axis goes to 5
    assert sum(b.h for b in first) == 0.8 * (bottom - top)
    assert sorted(heights.values())[0] == 0.2 * (bottom - top)
    assert [t.label for t in chart.xticks] == ["Oct 2021", "Nov 2021"]
    assert chart.gpoints[1][1] == chart.gplot[3]  # -10 sits on the panel's bottom


def test_map_view_fits_the_dots_inside_the_map() -> None:
    places = [
        {"name": "Baku", "lat": 40.38, "lon": 49.89, "events": 4, "goldstein": 2.0},
        {"name": "Tehran", "lat": 35.69, "lon": 51.42, "events": 1, "goldstein": -3.0},
    ]
    dots = map_dots(places, 1000, 394)
    assert [d.tone for d in dots] == ["coop", "conflict"]
    x, y, w, h = map_view(dots, 1000, 394)
    assert x >= 0 and x + w <= 1000 and y >= 0 and y + h <= 394
    assert abs(w / h - 1000 / 394) < 0.01 and w < 200
    for d in dots:
        assert x < d.x < x + w and y < d.y < y + h
    assert map_view([], 1000, 394) == (0.0, 0.0, 1000.0, 394.0)
    labels = map_labels(dots, w / 1000)
    assert [lab.text for lab in labels] == ["Baku", "Tehran"]


def test_network_layout() -> None:
    edges = [
        {"source": "IRN", "target": "AZE", "events": 10, "goldstein_mean": 1.6},
        {"source": "AZE", "target": "ARM", "events": 2, "goldstein_mean": -9.6},
    ]
    nodes, links = network_layout(edges, size=600)
    assert [n.id for n in nodes] == ["AZE", "IRN", "ARM"]  # by events, busiest first
    assert all(0 < n.x < 600 and 0 < n.y < 600 for n in nodes)
    assert [(lk.tone, lk.width) for lk in links] == [("coop", 6.0), ("conflict", 2.0)]


def test_world_outline() -> None:
    outline = load_outline()
    codes = {f["id"] for f in outline["features"]}
    assert {"IRN", "AZE", "USA", "BRA", "AUS", "RUS"} <= codes and len(codes) >= 160
    assert outline == build_outline()  # the bundled file is what the generator makes
    assert project(-180, 84, 1000, 394) == (0.0, 0.0)
    assert project(180, -58, 1000, 394) == (1000.0, 394.0)
    square = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
    assert simplify(square, 0.1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]


def test_form_filters_keep_good_values() -> None:
    f, values, problems = filters_from_form(
        {"actor": "irn", "since": "2021-13-01", "quad": "7", "bbox": "44,38,51,42", "real": "on"}
    )
    assert f.actor == "irn" and f.since is None and f.quad is None and f.flagged is False
    assert f.bbox == (44.0, 38.0, 51.0, 42.0)
    assert values["since"] == "2021-13-01"
    assert [p.split(":")[0] for p in problems] == ["quad", "since"]
    assert filters_from_form({"until": "2021-12-31"})[0].until == date(2021, 12, 31)


def test_only_http_links() -> None:
    assert http_url("https://example.org/a") == "https://example.org/a"
    assert http_url("javascript:alert(1)") == "#"
    assert http_url(None) == "#"
