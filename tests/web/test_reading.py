"""The web page's box takes a question: the page says how it was read, part by part."""
from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

QUESTION = "What did the WLGA write in November 2019?"


def reading_block(html: str) -> str:
    m = re.search(r'<div class="reading".*?</div>', html, re.S)
    assert m, "the page shows no reading"
    return m.group(0)


def args_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(unescape(url)).query).items()}


def test_the_search_page_shows_each_part_of_the_reading(client):
    block = reading_block(client.get("/", query_string={"q": QUESTION}).get_data(as_text=True))
    assert "Welsh Local Government Association" in block and "2019-11-01 to 2019-11-30" in block


def test_each_part_of_the_reading_has_a_link_that_removes_it(client):
    block = reading_block(client.get("/", query_string={"q": QUESTION}).get_data(as_text=True))
    removes = {m.group(1): args_of(m.group(2)) for m in re.finditer(
        r'<span class="part-label">([^<]+):</span>.*?<a href="([^"]+)"', block, re.S)}
    assert removes["Organisation"] == {"from": "2019-11-01", "to": "2019-11-30"}
    assert removes["Dated"] == {"org": "Welsh Local Government Association"}


def test_the_reading_can_be_edited_as_a_query(client):
    html = client.get("/bodies", query_string={"q": "Which bodies commented on targets or financial penalties?"})
    block = reading_block(html.get_data(as_text=True))
    edit = re.search(r'<a href="([^"]+)" class="edit-query"', block)
    assert args_of(edit.group(1)) == {"q": 'targets OR "financial penalties"'}
    page = client.get(unescape(edit.group(1))).get_data(as_text=True)
    assert 'class="reading"' not in page and "Children" in page


def test_a_bodies_question_typed_on_the_search_page_goes_to_the_bodies_page(client):
    response = client.get("/", query_string={"q": "Which bodies mentioned Baby Steps?"})
    assert response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/bodies"


def test_a_body_links_to_its_documents_for_the_reading_not_the_question(client):
    html = client.get("/bodies", query_string={"q": "Which bodies mentioned Baby Steps?"}).get_data(as_text=True)
    link = re.search(r'<th scope="row"><a href="([^"]+)">NSPCC', html)
    assert args_of(link.group(1)) == {"q": '"Baby Steps"', "org": "NSPCC Cymru/Wales"}


def test_the_bodies_page_without_a_question_is_an_invitation_not_an_error(client):
    response = client.get("/bodies")
    assert response.status_code == 200 and "Type what was said" in response.get_data(as_text=True)


def test_the_api_carries_the_reading(client):
    data = client.get("/api/bodies", query_string={"q": "Who mentioned Baby Steps?"}).get_json()
    assert data["interpreted"]["query"] == '"Baby Steps"'
    data = client.get("/api/ask", query_string={"q": QUESTION}).get_json()
    assert data["interpreted"]["answer"] == "documents" and data["total"] >= 1
