"""The JSON API in-process (Werkzeug's test client) on a real SQLite store holding the
demo corpus and hostile articles, both analysed by the real pipeline."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from web_support import TOKEN, story_id
from werkzeug.test import Client

from newsprism.model import Analysis
from newsprism.report import build_story, load_schema
from newsprism.resources import Resources
from newsprism.storage import SQLiteStore
from newsprism.web import WebOptions, create_app


@pytest.fixture()
def client(store: SQLiteStore, resources: Resources) -> Client:
    return Client(create_app(store, resources=resources))


def _error(response: object) -> dict[str, str]:
    data = json.loads(response.get_data())  # type: ignore[attr-defined]
    assert list(data) == ["error"] and sorted(data["error"]) == ["kind", "message"]
    return data["error"]  # type: ignore[no-any-return]


def test_web_api_story_is_the_report_story(client: Client, demo_analysis: Analysis) -> None:
    sa = max(demo_analysis.stories, key=lambda s: len(s.articles))
    response = client.get(f"/api/stories/{sa.story.id}")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert json.loads(response.get_data()) == json.loads(json.dumps(build_story(sa)))


def test_web_api_story_is_gzipped_for_clients_that_take_it(
    client: Client, demo_analysis: Analysis
) -> None:
    path = f"/api/stories/{demo_analysis.stories[0].story.id}"
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_web_api_story_validates_against_the_report_schema(
    client: Client, demo_analysis: Analysis
) -> None:
    schema = load_schema()
    story_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/story"}
    for sa in demo_analysis.stories:
        data = json.loads(client.get(f"/api/stories/{sa.story.id}").get_data())
        jsonschema.validate(data, story_schema)


def test_web_api_errors_have_one_shape(client: Client) -> None:
    assert _error(client.get("/api/stories/s0000000000")) == {
        "kind": "not_found", "message": "no story 's0000000000' in the store"}  # fmt: skip
    assert _error(client.get("/api/articles/a000"))["kind"] == "not_found"
    assert _error(client.get("/api/stories?limit=0"))["kind"] == "bad_request"
    assert _error(client.get("/api/nothing-here"))["kind"] == "not_found"
    assert _error(client.delete("/api/stories"))["kind"] == "method_not_allowed"


def test_web_api_bad_id_is_404(client: Client) -> None:
    assert client.get("/api/stories/no-such-story").status_code == 404
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_web_api_oversized_body_is_413(store: SQLiteStore, resources: Resources) -> None:
    app = create_app(store, resources=resources, options=WebOptions(max_body_bytes=1000))
    body = json.dumps({"statement": "x" * 2000, "story": "s1"})
    response = Client(app).post("/api/check", data=body, content_type="application/json")
    assert response.status_code == 413 and _error(response)["kind"] == "too_large"


def test_web_api_lists_stories_newest_first_with_counts(
    client: Client, demo_analysis: Analysis
) -> None:
    data = json.loads(client.get("/api/stories?limit=2").get_data())
    assert data["total"] == len(demo_analysis.stories) + 1 and len(data["stories"]) == 2
    lasts = [s["last"] for s in json.loads(client.get("/api/stories").get_data())["stories"]]
    assert lasts == sorted(lasts, reverse=True)
    ferry = next(
        s
        for s in data["stories"]
        + json.loads(client.get("/api/stories?offset=2").get_data())["stories"]
        if "Havstad" in s["headline"]
    )
    assert ferry["articles"] == 5 and ferry["facts"]["disputed"] >= 1
    assert "Fjordland Herald" in ferry["outlets"]


def test_web_api_search_needs_every_word(client: Client) -> None:
    both = json.loads(client.get("/api/stories?q=ferry+aground").get_data())
    tram = json.loads(client.get("/api/stories?q=tram+Northfield").get_data())
    none = json.loads(client.get("/api/stories?q=tram+Havstad").get_data())
    assert both["total"] == 3  # two demo groundings and the hostile Solvik story
    assert [s["headline"] for s in tram["stories"]] == [
        "Council backs £412m tram line to Northfield after five-hour debate"]  # fmt: skip
    assert none["total"] == 0


def test_web_api_article_has_its_claims(client: Client, demo_analysis: Analysis) -> None:
    sa = demo_analysis.stories[0]
    article = sa.articles[0]
    data = json.loads(client.get(f"/api/articles/{article.id}").get_data())
    assert data["article"]["text"] == article.text and data["story"] == sa.story.id
    assert data["claims"] and all(c["article"] == article.id for c in data["claims"])
    for c in data["claims"]:
        assert article.text[c["start"] : c["end"]] == c["text"]


def test_web_api_check_finds_a_contradiction(client: Client, demo_analysis: Analysis) -> None:
    ferry = story_id(demo_analysis)
    body = {"statement": "Ten people were injured when the ferry ran aground.", "story": ferry}
    data = json.loads(client.post("/api/check", json=body).get_data())
    verdicts = {r["verdict"] for r in data["results"]}
    assert len(data["results"]) == 5 and "contradicts" in verdicts


def test_web_api_check_refuses_a_bad_body(client: Client) -> None:
    assert _error(client.post("/api/check", json={"story": "s1"}))["kind"] == "bad_request"
    not_json = client.post("/api/check", data="statement=x", content_type="text/plain")
    assert not_json.status_code == 415
    assert client.post("/api/check", json={"statement": "x", "story": "s0"}).status_code == 404


def test_web_api_is_read_only_without_a_token(client: Client) -> None:
    response = client.post("/api/articles", json={"urls": ["https://example.com/a"]})
    assert response.status_code == 403 and _error(response)["kind"] == "read_only"


def test_web_api_write_needs_the_right_token(store: SQLiteStore, resources: Resources) -> None:
    client = Client(create_app(store, token=TOKEN, resources=resources))
    body = {"urls": ["https://example.com/a"]}
    missing = client.post("/api/articles", json=body)
    wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert missing.status_code == 401 and wrong.status_code == 401
    assert missing.headers["WWW-Authenticate"] == "Bearer"


def test_web_api_add_stores_records_and_says_what_was_rejected(
    tmp_path: Path, resources: Resources
) -> None:
    records = json.loads((Path(__file__).parent / "fixtures" / "web" / "hostile.json").read_text())
    body = {"records": [*records, {"title": "no text"}, "not an object"],
            "urls": ["http://127.0.0.1:9/private", "ftp://example.com/x"]}  # fmt: skip
    with SQLiteStore(tmp_path / "c.db") as s:
        client = Client(create_app(s, token=TOKEN, resources=resources))
        auth = {"Authorization": f"Bearer {TOKEN}"}
        data = json.loads(client.post("/api/articles", json=body, headers=auth).get_data())
        listed = json.loads(client.get("/api/stories").get_data())
    assert [a["new"] for a in data["stored"]] == [True, True]
    assert len({a["story"] for a in data["stored"]}) == 1
    reasons = {r["source"]: r["reason"] for r in data["rejected"]}
    assert reasons["record 3"] == "record has no 'text' or 'html'"
    assert "not an object" in reasons["record 4"]
    assert "private" in reasons["http://127.0.0.1:9/private"]
    assert "http or https" in reasons["ftp://example.com/x"]
    assert listed["total"] == 1 and listed["stories"][0]["analysed"] is False


def test_web_api_openapi_describes_every_endpoint(client: Client) -> None:
    doc = json.loads(client.get("/openapi.json").get_data())
    assert set(doc["paths"]) == {"/api/stories", "/api/stories/{id}", "/api/articles/{id}",
                                 "/api/check", "/api/articles"}  # fmt: skip
    ref = doc["paths"]["/api/stories/{id}"]["get"]["responses"]["200"]
    assert ref["content"]["application/json"]["schema"]["$ref"].endswith("report_story")
    assert "report_claim" in doc["components"]["schemas"]


def test_web_api_sends_a_content_security_policy(client: Client) -> None:
    csp = client.get("/api/stories").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_web_api_refuses_a_foreign_host_on_loopback(store: SQLiteStore) -> None:
    app = create_app(store, options=WebOptions(allowed_hosts=("127.0.0.1", "localhost")))
    client = Client(app)
    assert client.get("/api/stories").status_code == 200
    evil = client.get("/api/stories", headers={"Host": "rebind.example:8080"})
    assert evil.status_code == 400 and _error(evil)["kind"] == "bad_host"
