"""Dashboard pages through the app (no browser): escaping, evidence markup, errors, limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.api import create_app
from tests.api.support import EXAMPLE_ID, XSS_ID


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(db)
    with TestClient(app) as test_client:
        yield test_client


def test_stored_html_is_escaped(client: TestClient) -> None:
    page = client.get(f"/documents/{XSS_ID}")
    assert page.status_code == 200
    assert "<script>window.__dyad_xss" not in page.text
    assert "&lt;script&gt;window.__dyad_xss = 1;&lt;/script&gt;" in page.text
    assert '<img src="x"' not in page.text
    assert 'href="javascript:' not in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    listing = client.get("/", params={"text": "phone call"})
    assert "<script>window" not in listing.text


def test_event_page_marks_the_evidence(client: TestClient) -> None:
    events = client.get("/api/events", params={"place": "Baku", "actor": "IRN"}).json()["events"]
    meet = next(e for e in events if e["trigger"]["text"] == "meet")
    page = client.get(f"/events/{meet['event_id']}").text
    assert re.search(r'<mark class="hl hl-trigger" title="CONSULT \(CAMEO 040\)">meet</mark>', page)
    assert '<mark class="hl hl-place" title="place: Baku">Baku</mark>' in page
    assert 'title="date: 2021-12-23">December 23, 2021</mark>' in page
    assert "Iranian Foreign Minister Hossein Amir-Abdollahian</mark>" in page
    assert meet["reason"].replace("'", "&#39;") in page


def test_document_page(client: TestClient) -> None:
    page = client.get(f"/documents/{EXAMPLE_ID}").text
    assert "Iran, Azerbaijan oppose foreign interference in regional affairs" in page
    assert page.count("hl-trigger") >= 20
    assert 'href="https://www.presstv.ir/' in page


def test_unknown_pages_are_html_404(client: TestClient) -> None:
    for url in ("/events/0000", "/documents/none.txt", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>404</h1>" in response.text


def test_bad_filters_are_reported_not_fatal(client: TestClient) -> None:
    page = client.get("/", params={"since": "last week", "actor": "IRN"})
    assert page.status_code == 200
    assert "since: &#39;last week&#39; is not valid" in page.text
    rows = page.text.count("<tr data-event-id=")
    assert rows == client.get("/api/events", params={"actor": "IRN"}).json()["total"]


def test_timeline_page(client: TestClient) -> None:
    page = client.get("/timeline", params={"a": "IRN", "b": "AZE", "by": "month"}).text
    assert page.count('class="bar ') >= 4
    assert "Oct 2021" in page and "Dec 2021" in page
    empty = client.get("/timeline", params={"a": "ZZZ", "b": "YYY"}).text
    assert "No dated events for this dyad." in empty
    default = client.get("/timeline").text  # the busiest dyad
    assert 'IRN</span> ↔ <span class="code big">AZE' in default


def test_map_and_outline(client: TestClient) -> None:
    fitted = client.get("/map").text
    assert 'data-place="Baku"' in fitted
    assert 'viewBox="0.0 0.0 1000.0 394.0"' not in fitted
    world = client.get("/map", params={"view": "world"}).text
    assert 'viewBox="0.0 0.0 1000.0 394.0"' in world
    svg = client.get("/map/world.svg")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.count("<path id=") >= 150 and 'id="AZE"' in svg.text


def test_network_page(client: TestClient) -> None:
    page = client.get("/network", params={"level": "code"}).text
    assert 'data-node="IRNGOV"' in page and 'data-node="AZEGOV"' in page
    assert 'href="/?actor=IRNGOV"' in page


def test_code_form_problems(client: TestClient) -> None:
    empty = client.post("/code", data={"text": "  ", "published": "yesterday"})
    assert empty.status_code == 422
    assert "paste an article" in empty.text and "use YYYY-MM-DD" in empty.text
    token = client.post("/code", data={"text": "Iran met Azerbaijan.", "token": "guess"})
    assert token.status_code == 422 and "wrong token" in token.text
    big = client.post("/code", data={"text": "x" * 2_100_000})
    assert big.status_code == 413
    assert client.app.state.service.pipeline_loaded is False  # type: ignore[attr-defined]
