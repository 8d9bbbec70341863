"""The dashboard in headless Chromium: filter the table, read the evidence, see the charts."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.support import XSS_ID
from tests.web.conftest import shot

PASTED = (
    "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi "
    "on Wednesday. Russia accused Ukraine of shelling civilians in Donetsk."
)


def _rows(page: Any) -> int:
    return int(page.locator("#events-table tbody tr[data-event-id]").count())


def test_filter_the_events_table(page: Any) -> None:
    page.goto("/")
    everything = _rows(page)
    assert everything > 20
    page.fill("input[name=actor]", "IRN")
    page.fill("input[name=recipient]", "AZE")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**/?*actor=IRN*")
    dyad = _rows(page)
    assert 0 < dyad < everything
    assert page.locator("#total").inner_text() == str(dyad)
    for row in page.locator("#events-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        assert "IRN" in cells[2] and "AZE" in cells[3]
    shot(page, "events-filtered")
    # free-text search over the sentences
    page.goto("/")
    page.fill("input[name=text]", "phone call")
    page.press("input[name=text]", "Enter")
    page.wait_for_url("**text=phone+call*")
    sentences = page.locator("#events-table td.evidence").all_inner_texts()
    assert sentences and all("phone call" in s for s in sentences)
    # a select change submits at once (dyad.js)
    page.goto("/")
    with page.expect_navigation():
        page.select_option("select[name=type]", "CONSULT")
    types = page.locator("#events-table .badge").all_inner_texts()
    assert types and set(types) == {"CONSULT"}
    shot(page, "events")


def test_event_page_highlights_the_evidence(page: Any) -> None:
    page.goto("/?place=Baku&actor=IRN&recipient=AZE")
    page.locator("#events-table a.event-link").first.click()
    page.wait_for_url("**/events/*")
    first = page.locator("article.mention").first
    assert first.locator("mark.hl-trigger").count() >= 1
    assert first.locator("mark.hl-actor").count() >= 1
    assert first.locator("mark.hl-recipient").count() >= 1
    marks = first.locator("mark").all_inner_texts()
    assert "Baku" in " ".join(first.locator("mark.hl-place").all_inner_texts())
    assert any("December 23, 2021" in m for m in first.locator("mark.hl-date").all_inner_texts())
    assert "meet" in marks
    assert "pattern" in first.locator(".reason").inner_text()
    shot(page, "event")
    page.locator("article.mention .meta a").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator("#doc-text mark.hl-trigger").count() >= 10
    shot(page, "document", full_page=False)


def test_stored_html_never_runs(page: Any) -> None:
    page.goto(f"/documents/{XSS_ID}")
    assert page.evaluate("typeof window.__dyad_xss") == "undefined"
    assert "<script>window.__dyad_xss = 1;</script>" in page.locator("#doc-text").inner_text()
    assert page.locator("#doc-text img").count() == 0
    assert page.locator("a:has-text('original')").get_attribute("href") == "#"
    page.goto("/?text=phone+call")
    assert page.evaluate("typeof window.__dyad_xss") == "undefined"


def test_timeline(page: Any) -> None:
    page.goto("/timeline?a=IRN&b=AZE&by=month")
    chart = page.locator("#timeline-chart")
    assert chart.locator("rect.bar").count() >= 3
    labels = chart.locator("text.tick").all_text_contents()
    assert "Oct 2021" in labels and "Nov 2021" in labels and "Dec 2021" in labels
    assert chart.locator("path.goldstein").count() == 1
    assert chart.locator("circle.gpoint").count() == 3
    shot(page, "timeline")
    page.select_option("select[name=by]", "day")
    page.click("button:has-text('Show')")
    page.wait_for_url("**by=day*")
    assert page.locator("#timeline-chart rect.bar").count() >= 3


def test_map(page: Any, server: str) -> None:
    page.goto("/map")
    baku = page.locator("#map circle.dot[data-place='Baku']")
    assert baku.count() == 1
    assert page.locator("#map image").count() == 1
    outline = httpx.get(f"{server}/map/world.svg")
    assert outline.status_code == 200 and 'id="IRN"' in outline.text and 'id="AZE"' in outline.text
    page.wait_for_load_state("networkidle")
    shot(page, "map")
    with page.expect_navigation():
        baku.click()
    assert "place=Baku" in page.url
    assert _rows(page) >= 1


def test_network(page: Any) -> None:
    page.goto("/network")
    nodes = page.locator("#network .node")
    ids = [n.get_attribute("data-node") for n in nodes.all()]
    assert "IRN" in ids and "AZE" in ids
    assert page.locator("#network path.edge[data-source='IRN'][data-target='AZE']").count() == 1
    page.locator("#network .node[data-node='IRN'] circle").hover()
    assert "focus" in (page.locator("#network").get_attribute("class") or "")
    assert page.locator("#network path.edge.lit").count() >= 2
    page.mouse.move(5, 5)
    shot(page, "network")


def test_paste_an_article(page: Any, server: str) -> None:
    before = httpx.get(f"{server}/api/health").json()["counts"]["documents"]
    page.goto("/code")
    page.fill("#article-text", PASTED)
    page.fill("input[name=published]", "2021-09-29")
    page.click("#code-button")
    page.wait_for_selector("#code-result", timeout=60_000)
    assert "not stored" in page.locator("#code-result h2").inner_text()
    triggers = page.locator("#code-result article mark.hl-trigger").all_inner_texts()
    assert "met" in triggers
    assert page.locator("#code-result article mark.hl-place", has_text="Sochi").count() >= 1
    shot(page, "code")
    assert httpx.get(f"{server}/api/health").json()["counts"]["documents"] == before
