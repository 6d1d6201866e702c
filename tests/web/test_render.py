"""A document's text cut into pages with its passages anchored."""
from __future__ import annotations

from indexer.model import Document, Passage, PassageHit
from webui.render import document_pages, passage_fragment


def doc(text, page_starts, passages):
    return Document(id="d", source="s", text=text, page_starts=page_starts,
                    passages=tuple(Passage("d", i, t, page) for i, (t, page) in enumerate(passages)))


def anchors(pages):
    return {p.anchor: (page.number, p.text) for page in pages for p in page.pieces if p.anchor}


def test_pages_keep_all_the_text_in_order():
    d = doc("one two\nthree four", ((1, 0), (2, 8)), [("one two", 1), ("three four", 2)])
    pages = document_pages(d)
    assert [p.number for p in pages] == [1, 2]
    assert "".join(piece.text for p in pages for piece in p.pieces) == d.text


def test_each_passage_is_anchored_where_it_starts():
    d = doc("Dear Lynne,\n\nFirst point.\n\nSecond point.", ((5, 0),), [("First point.", 5), ("Second point.", 5)])
    assert anchors(document_pages(d)) == {"p-0": (5, "First point."), "p-1": (5, "Second point.")}


def test_a_passage_with_different_white_space_is_still_found():
    d = doc("the  local\nauthority targets", ((1, 0),), [("the local authority targets", 1)])
    assert anchors(document_pages(d)) == {"p-0": (1, "the  local\nauthority targets")}


def test_a_passage_across_a_page_break_is_anchored_once_and_marked_on_both_pages():
    d = doc("aaa bbb ccc", ((1, 0), (2, 4)), [("aaa bbb ccc", 1)])
    pages = document_pages(d)
    assert anchors(pages) == {"p-0": (1, "aaa ")}
    assert [p.passage for p in pages[1].pieces] == [True]


def test_a_passage_not_found_in_the_text_is_anchored_at_its_page():
    d = doc("page one\npage two", ((1, 0), (2, 9)), [("something else entirely", 2)])
    assert anchors(document_pages(d)) == {"p-0": (2, "")}


def test_a_document_without_page_markers_is_one_page():
    pages = document_pages(doc("just text", (), [("just text", None)]))
    assert [p.number for p in pages] == [None] and anchors(pages) == {"p-0": (None, "just text")}


def test_a_hit_links_to_its_own_passage_anchor():
    hit = PassageHit("d", "the local authority targets", "", 81, None, ordinal=7)
    assert passage_fragment(hit) == "p-7"


def test_a_hit_without_an_ordinal_links_to_its_page():
    assert passage_fragment(PassageHit("d", "some words", "", 81, None)) == "page-81"
