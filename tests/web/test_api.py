"""The api blueprint: the contract's JSON shapes, the same filters, JSON errors."""
from __future__ import annotations

import pytest

HIT_KEYS = {"doc_id", "title", "organisation", "author", "date", "doc_type", "score", "passages"}
PASSAGE_KEYS = {"text", "highlight", "page", "recommendation"}


def test_search_answers_the_contract_shape(client):
    data = client.get("/api/search?q=targets").get_json()
    assert data["query"] == "targets" and data["total"] >= 1
    assert HIT_KEYS <= set(data["hits"][0])
    assert PASSAGE_KEYS <= set(data["hits"][0]["passages"][0])
    assert set(data["facets"]) == {"organisation", "year", "doc_type"}


def test_search_filters_by_organisation_alias(client):
    data = client.get("/api/search?q=targets&org=WLGA").get_json()
    assert data["hits"]
    assert {h["organisation"] for h in data["hits"]} == {"Welsh Local Government Association"}


def test_search_pages_with_limit_and_page(client):
    first = client.get("/api/search?q=children&limit=1").get_json()
    second = client.get("/api/search?q=children&limit=1&page=2").get_json()
    assert len(first["hits"]) == len(second["hits"]) == 1
    assert first["hits"][0]["doc_id"] != second["hits"][0]["doc_id"]
    assert (first["page"], second["page"], second["limit"]) == (1, 2, 1)


def test_highlight_escapes_document_html(client):
    data = client.get("/api/search?q=zanzibarite").get_json()
    highlights = [p["highlight"] for h in data["hits"] for p in h["passages"]]
    assert highlights and all("<script" not in h and "<img" not in h for h in highlights)
    assert any("<mark>" in h for h in highlights)


def test_bodies_answers_the_contract_shape(client):
    data = client.get("/api/bodies?q=targets").get_json()
    assert data["query"] == "targets"
    body = data["bodies"][0]
    assert set(body) >= {"organisation", "documents", "first_date", "last_date", "passages"}
    assert {"doc_id", "page", "text", "highlight"} <= set(body["passages"][0])


def test_document_has_metadata_text_and_passages(client, hostile_doc_id):
    data = client.get(f"/api/docs/{hostile_doc_id}").get_json()
    assert data["id"] == hostile_doc_id
    assert data["organisation"] == "Welsh Local Government Association"
    assert "<script>alert(1)</script>" in data["text"]  # JSON carries the text as it is
    assert data["passages"] and {"doc_id", "ordinal", "text", "page"} <= set(data["passages"][0])


def test_no_query_lists_every_document_the_filters_allow(client):
    everything = client.get("/api/search?limit=100").get_json()
    wlga = client.get("/api/search?org=WLGA&limit=100").get_json()
    assert everything["total"] > wlga["total"] >= 1
    assert {h["organisation"] for h in wlga["hits"]} == {"Welsh Local Government Association"}


def test_unknown_document_is_a_json_404(client):
    response = client.get("/api/docs/no-such-id")
    assert response.status_code == 404 and "error" in response.get_json()


@pytest.mark.parametrize("query, message", [
    ("q=targets&from=notadate", "not a valid date"),
    ("q=targets&rec=abc", "rec must be a whole number"),
    ("q=targets&limit=1000", "limit must be at most"),
    ("q=foo:bar", "foo"),
    ("q=(", ""),
])
@pytest.mark.parametrize("endpoint", ["/api/search", "/api/bodies"])
def test_bad_requests_are_json_400_with_a_message(client, endpoint, query, message):
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert message in response.get_json()["error"]
