"""The JSON API over a real database file: filters, pages, evidence, aggregations, errors."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.support import EXAMPLE_ID, XSS, XSS_ID


def _events(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_health_reports_counts_and_no_pipeline(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["documents"] == 4
    assert body["counts"]["events"] > 20
    assert body["writable"] is False
    assert body["pipeline_loaded"] is False


def test_events_page_shape_and_counts(client: TestClient) -> None:
    body = _events(client)
    assert body["total"] == len(body["events"]) > 20
    first = body["events"][0]
    for key in ("event_id", "mention_id", "num_mentions", "num_sources", "num_articles", "reason"):
        assert key in first
    assert first["sentence"]["text"]
    # newest first by default
    days = [e["date"] for e in body["events"] if e["date_precision"] == "day"]
    assert days == sorted(days, reverse=True)


def test_dyad_filter(client: TestClient) -> None:
    body = _events(client, actor="IRN", recipient="AZE")
    assert body["total"] >= 5
    for e in body["events"]:
        assert any(a["code"].startswith("IRN") for a in e["actor"])
        assert any(r["code"].startswith("AZE") for r in e["recipient"])
    meeting = [e for e in body["events"] if e["trigger"]["text"] == "meet"]
    assert meeting and meeting[0]["location"]["name"] == "Baku"


def test_type_place_bbox_text_quad_and_dates(client: TestClient) -> None:
    consult = _events(client, type="consult")["events"]
    assert consult and {e["event_type"] for e in consult} == {"CONSULT"}
    baku = _events(client, place="baku")["events"]
    assert baku and all(e["location"]["name"] == "Baku" for e in baku)
    boxed = _events(client, bbox="44,38,51,42")["events"]  # around Baku
    assert {e["event_id"] for e in baku} <= {e["event_id"] for e in boxed}
    phone = _events(client, text="phone call")["events"]
    assert {e["doc_id"] for e in phone} >= {XSS_ID}
    conflict = _events(client, quad=3)["events"]
    assert conflict and {e["quad_class"] for e in conflict} == {3}
    october = _events(client, since="2021-10-01", until="2021-10-31")["events"]
    assert october and all(e["date"].startswith("2021-10") for e in october)
    assert _events(client, min_sources=2)["total"] == 0


def test_pagination_and_sort(client: TestClient) -> None:
    total = _events(client)["total"]
    first = client.get("/api/events", params={"limit": 5, "offset": 0, "sort": "date-asc"}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5, "sort": "date-asc"}).json()
    assert first["total"] == second["total"] == total
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(ids) == len(set(ids)) == 10
    assert first["events"][0]["date"] <= second["events"][0]["date"]


def test_bad_filters_are_422_json(client: TestClient) -> None:
    for params in (
        {"limit": 501},
        {"limit": 0},
        {"offset": -1},
        {"since": "yesterday"},
        {"bbox": "1,2,3"},
        {"actor": "IRN'; DROP TABLE events; --"},
        {"quad": 5},
        {"sort": "random"},
        {"text": "a\x00b"},
    ):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, params
        assert set(response.json()) == {"error"}
        assert response.json()["error"]


def test_schema_valid_filters_that_match_nothing(client: TestClient) -> None:
    assert _events(client, since="2021-12-31", until="2021-01-01")["total"] == 0
    assert _events(client, bbox="200,0,210,10")["total"] == 0
    assert _events(client, actor="ZZZ")["events"] == []


def test_event_with_all_mentions_and_evidence(client: TestClient) -> None:
    events = _events(client, actor="IRN", recipient="AZE", place="Baku")["events"]
    busiest = max(events, key=lambda e: e["num_mentions"])
    response = client.get(f"/api/events/{busiest['event_id']}")
    assert response.status_code == 200
    record = response.json()
    assert len(record["mentions"]) == record["num_mentions"] >= 2
    text = client.get(f"/api/documents/{EXAMPLE_ID}").json()["text"]
    for m in record["mentions"]:
        trigger, sentence = m["trigger"], m["sentence"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        for actor in m["actor"] + m["recipient"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]
        assert m["reason"] and m["source"] == "PressTV" and m["published"] == "2021-12-23"


def test_unknown_ids_are_404_json(client: TestClient) -> None:
    for url in ("/api/events/0000000000000000", "/api/documents/nope.txt", "/api/nothing"):
        response = client.get(url)
        assert response.status_code == 404
        assert "error" in response.json()


def test_document_with_text_and_spans(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{EXAMPLE_ID}").json()
    assert doc["published"] == "2021-12-23"
    assert doc["events"] and doc["places"] and doc["dates"]
    for d in doc["dates"]:
        assert doc["text"][d["start"] : d["end"]] == d["text"]
    raw = client.get(f"/api/documents/{XSS_ID}").json()
    assert XSS in raw["text"]  # JSON gives the text exactly as stored


def test_dyad_series_by_month_both_directions(client: TestClient) -> None:
    body = client.get("/api/dyads/IRN/AZE/series", params={"by": "month", "both": True}).json()
    periods = [p["period"] for p in body["series"]]
    assert periods[:3] == ["2021-10-01", "2021-11-01", "2021-12-01"]
    for p in body["series"]:
        quads = p["verbal_coop"] + p["material_coop"] + p["verbal_conflict"]
        assert quads + p["material_conflict"] == p["events"]
    one_way = client.get("/api/dyads/IRN/AZE/series", params={"by": "month"}).json()
    assert sum(p["events"] for p in one_way["series"]) < sum(p["events"] for p in body["series"])
    daily = client.get("/api/dyads/irn/aze/series", params={"by": "day"}).json()
    assert daily["actor"] == "IRN" and all(len(p["period"]) == 10 for p in daily["series"])
    assert client.get("/api/dyads/IRN/AZE/series", params={"by": "hour"}).status_code == 422


def test_actors_and_network(client: TestClient) -> None:
    actors = client.get("/api/actors").json()
    assert actors[0]["actor"] in ("IRN", "AZE")
    assert actors[0]["events"] == actors[0]["as_actor"] + actors[0]["as_recipient"]
    codes = client.get("/api/actors", params={"level": "code", "limit": 3}).json()
    assert len(codes) == 3 and any(len(a["actor"]) > 3 for a in codes)
    edges = client.get("/api/network").json()
    assert any(e["source"] == "IRN" and e["target"] == "AZE" for e in edges)
    strong = client.get("/api/network", params={"min_events": 3}).json()
    assert strong and all(e["events"] >= 3 for e in strong)


def test_openapi_and_headers(client: TestClient) -> None:
    response = client.get("/openapi.json")
    schema = response.json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/dyads/{actor}/{recipient}/series",
        "/api/actors",
        "/api/network",
        "/api/health",
    ):
        assert path in schema["paths"], path
    assert "/" not in schema["paths"]  # pages are not part of the API
    errors = schema["paths"]["/api/events"]["get"]["responses"]["422"]
    assert errors["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert "content-security-policy" in response.headers
    assert client.get("/docs").status_code == 404  # no CDN-hosted Swagger UI


def test_writes_refused_without_configured_token(client: TestClient) -> None:
    response = client.post(
        "/api/documents",
        json={"id": "a", "text": "Iran condemned Israel."},
        headers={"Authorization": "Bearer anything"},
    )
    assert response.status_code == 403
    assert "no token" in response.json()["error"]


def test_get_requests_never_load_the_pipeline(client: TestClient) -> None:
    for url in (
        "/api/events",
        "/api/dyads/IRN/AZE/series",
        "/api/actors",
        "/api/network",
        f"/api/documents/{EXAMPLE_ID}",
        "/",
        "/timeline",
        "/map",
        "/network",
        "/code",
    ):
        assert client.get(url).status_code == 200, url
    assert client.app.state.service.pipeline_loaded is False  # type: ignore[attr-defined]
