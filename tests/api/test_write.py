"""POST /api/documents: the token, the size limit, validation, coding and storing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "reuters-2022-01-10.txt",
    "text": "Iranian Foreign Minister Hossein Amir-Abdollahian met his Azerbaijani counterpart "
    "Jeyhun Bayramov in Tehran on Monday. Azerbaijan condemned the attack on its embassy.",
    "published": "2022-01-10",
    "source": "Reuters",
}


def test_token_is_required(writable: TestClient) -> None:
    missing = writable.post("/api/documents", json=ARTICLE)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.json() == {"error": "missing bearer token"}
    wrong = writable.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 403 and wrong.json() == {"error": "wrong token"}
    basic = writable.post("/api/documents", json=ARTICLE, headers={"Authorization": TOKEN})
    assert basic.status_code == 401
    assert writable.get("/api/health").json()["counts"]["documents"] == 4


def test_body_size_limit(writable: TestClient) -> None:
    big = {**ARTICLE, "text": "Iran met Azerbaijan. " * 20_000}  # ~420 kB > 200 kB limit
    response = writable.post("/api/documents", json=big, headers=AUTH)
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]


def test_bad_bodies_are_422(writable: TestClient) -> None:
    for body in ({"text": "no id"}, {"id": "x", "text": "t", "published": "10/01/2022"}, [], 42):
        response = writable.post("/api/documents", json=body, headers=AUTH)
        assert response.status_code == 422, body
        assert "error" in response.json()
    broken = writable.post(
        "/api/documents",
        content=b"{not json",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert broken.status_code == 422


def test_post_codes_stores_and_is_idempotent(writable: TestClient) -> None:
    response = writable.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["documents"] == 1 and body["new_events"] >= 1
    result = body["results"][0]
    assert result["status"] == "stored"
    meet = [e for e in result["events"] if e["event_type"] == "CONSULT"]
    assert meet and meet[0]["date"] == "2022-01-10"
    assert meet[0]["location"]["name"] == "Tehran"
    stored = writable.get("/api/events", params={"since": "2022-01-01"}).json()
    assert stored["total"] == body["new_events"]
    doc = writable.get(f"/api/documents/{ARTICLE['id']}").json()
    assert doc["source"] == "Reuters" and len(doc["events"]) == len(result["events"])

    again = writable.post("/api/documents", json=[ARTICLE], headers=AUTH).json()
    assert again["documents"] == 0 and again["skipped"] == 1
    assert again["results"][0]["status"] == "unchanged"
    assert len(again["results"][0]["events"]) == len(result["events"])
    assert writable.get("/api/health").json()["pipeline_loaded"] is True


def test_list_with_a_bad_record(writable: TestClient) -> None:
    records = [
        {"id": "empty.txt", "text": "   "},
        {
            "id": "ok.txt",
            "text": "Russia condemned the Ukrainian strike.",
            "published": "2022-02-01",
        },
    ]
    body = writable.post("/api/documents", json=records, headers=AUTH).json()
    statuses = [(r["id"], r["status"]) for r in body["results"]]
    assert statuses == [("empty.txt", "failed"), ("ok.txt", "stored")]
    assert "empty text" in body["results"][0]["error"]
    assert body["failures"] == 1 and body["documents"] == 1
