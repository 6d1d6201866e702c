"""The search blueprint: search, bodies, document and download pages."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote
from pathlib import Path

import pytest

from webui import create_app

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_search_page_without_a_query_shows_the_form_help_and_every_document(client):
    html = client.get("/").get_data(as_text=True)
    assert '<form class="search" method="get" action="/" role="search">' in html
    assert '<label for="q">' in html and "AND</code> / <code>OR</code>" in html
    assert re.search(r"All \d+ documents", html)


def test_search_results_show_metadata_and_marked_passages(client):
    html = client.get("/?q=targets").get_data(as_text=True)
    assert "<mark>" in html.lower()
    assert "<dd>Welsh Local Government Association</dd>" in html
    assert re.search(r'href="/doc/[^"#]+#p-\d+"', html)


@pytest.mark.parametrize("url", ["/?q=zanzibarite", "/bodies?q=zanzibarite"])
def test_script_in_a_document_is_escaped_in_results(client, url):
    html = client.get(url).get_data(as_text=True)
    assert "zanzibarite" in html.lower()
    assert SCRIPT not in html and "<img src=x" not in html and "<b>zanzibarite" not in html.lower()


def test_script_in_a_document_is_escaped_on_its_page(client, hostile_doc_id):
    html = client.get(f"/doc/{hostile_doc_id}").get_data(as_text=True)
    assert SCRIPT not in html and "<img src=x" not in html
    assert ESCAPED_SCRIPT in html


def test_facet_link_narrows_results_to_that_organisation(client):
    html = client.get("/?q=targets").get_data(as_text=True)
    facet = next(h for h in links(html) if "org=Welsh+Local+Government+Association" in h)
    narrowed = client.get(facet).get_data(as_text=True)
    orgs = re.findall(r"<dt>Organisation</dt><dd>([^<]*)</dd>", narrowed)
    assert orgs and set(orgs) == {"Welsh Local Government Association"}


def test_year_facet_link_sets_both_date_bounds(client):
    html = client.get("/?q=children").get_data(as_text=True)
    year = next(h for h in links(html) if "from=" in h)
    assert re.search(r"from=(\d{4})&to=\1", year)
    assert client.get(year).status_code == 200


def test_results_are_paged_with_links_that_keep_the_query(client):
    html = client.get("/?q=children&limit=1").get_data(as_text=True)
    assert 'aria-label="Result pages"' in html
    assert "/?q=children&limit=1&page=2" in links(html)
    assert client.get("/?q=children&limit=1&page=2").status_code == 200


def test_no_results_is_a_clear_empty_state(client):
    response = client.get("/?q=qwxzvbnm")
    assert response.status_code == 200
    assert "No documents found" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/?q=childrn", "/bodies?q=childrn"])
def test_did_you_mean_is_a_link_to_the_suggested_search(client, url):
    html = client.get(url).get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" class="suggestion">children</a>', html)
    assert link and "q=children" in unescape(link.group(1))


def test_bodies_lists_organisations_with_expandable_passages(client):
    html = client.get("/bodies?q=targets").get_data(as_text=True)
    assert '<table class="bodies">' in html
    assert "<details>" in html and "<summary>" in html
    assert "Welsh Local Government Association" in html
    assert re.search(r'href="/doc/[^"]+"', html)


def test_document_page_shows_metadata_text_and_download_link(client, hostile_doc_id):
    html = client.get(f"/doc/{hostile_doc_id}").get_data(as_text=True)
    assert "<dt>Organisation</dt><dd>Welsh Local Government Association</dd>" in html
    assert f'href="/doc/{hostile_doc_id}/original"' in html
    assert 'id="p-' in html


def test_passage_links_from_results_land_on_that_passage(client):
    html = client.get("/?q=penalties").get_data(as_text=True)
    href = next(h for h in links(html) if h.startswith("/doc/") and "#" in h)
    path, anchor = href.split("#")
    page = client.get(path).get_data(as_text=True)
    marked = re.search(rf'id="{anchor}"[^>]*>(.*?)<', page, re.S)
    assert marked and "penalties" in unescape(page[marked.start():marked.start() + 4000]).lower()


def test_unknown_document_is_404(client):
    assert client.get("/doc/no-such-id").status_code == 404


def test_download_serves_the_indexed_file(client, hostile_doc_id, hostile_dir):
    response = client.get(f"/doc/{hostile_doc_id}/original")
    assert response.status_code == 200
    assert response.data == (hostile_dir / "hostile_letter.txt").read_bytes()
    assert "attachment" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("url", [
    "/doc/..%2f..%2fetc%2fpasswd/original",
    "/doc/..%2F..%2F..%2Fetc%2Fpasswd/original",
    "/doc/%2e%2e/original",
    "/doc/../../etc/passwd/original",
    "/doc/%2fetc%2fpasswd/original",
    "/doc/no-such-id/original",
])
def test_download_of_anything_but_an_indexed_document_is_404(client, monkeypatch, url):
    import webui.search

    served: list = []
    monkeypatch.setattr(webui.search, "send_file", lambda *a, **k: served.append(a))
    response = client.get(url)
    assert response.status_code == 404
    assert served == [] and b"root:" not in response.data


@pytest.mark.parametrize("url, message", [
    ("/?q=targets&from=notadate", "not a valid date"),
    ("/?q=targets&rec=abc", "rec must be a whole number"),
    ("/?q=targets&type=novel", "type must be one of"),
    ("/?q=targets&page=0", "page must be a whole number"),
    ("/?q=targets&from=2020&to=2019", "is after"),
    ("/?q=foo:bar", "foo"),
    ("/?q=(", ""),
    ("/bodies?q=targets&to=31-31-2019", "not a valid date"),
])
def test_malformed_parameters_are_a_friendly_400(client, url, message):
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please check your search" in html and message in html
    assert "Traceback" not in html


@pytest.mark.parametrize("url", ["/", "/?q=targets", "/bodies?q=targets", "/doc/no-such-id", "/?rec=abc",
                                 "/api/search?q=targets"])
def test_every_response_carries_a_strict_content_security_policy(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, hostile_doc_id):
    for url in ["/", "/?q=targets", "/bodies?q=targets", f"/doc/{hostile_doc_id}"]:
        html = client.get(url).get_data(as_text=True)
        assert "<script" not in html and "<style" not in html and " style=" not in html


def test_missing_index_is_a_friendly_503_that_says_to_run_evidex_index(tmp_path):
    client = create_app(tmp_path / "nothing-here").test_client()
    response = client.get("/?q=targets")
    assert response.status_code == 503
    assert "evidex index" in response.get_data(as_text=True)
    assert client.get("/api/search?q=targets").status_code == 503


def test_filters_in_use_are_listed_each_with_a_link_that_removes_it(client):
    html = client.get("/?q=children&org=WLGA&type=letter").get_data(as_text=True)
    assert "Organisation: <strong>WLGA</strong>" in html
    assert "/?q=children&type=letter" in links(html)
    assert "/?q=children&org=WLGA" in links(html)
