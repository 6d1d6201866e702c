"""An empty query searches every document: the filters alone narrow it."""
from __future__ import annotations

import pytest

from indexer.model import Filters

# one entry per duplicate group: pack-2 is a copy of wlga-1
EVERY_DOCUMENT = {"wlga-1", "pack-1", "ccfw-1", "nspcc-1", "wg-1", "anon-1"}


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_finds_every_document_once(index, query):
    result = index.search(query, limit=50)
    assert result.total == len(EVERY_DOCUMENT)
    assert {h.doc.id for h in result.hits} == EVERY_DOCUMENT


def test_empty_query_with_filters_finds_what_the_filters_let_through(index):
    result = index.search("", Filters(org="Welsh Local Government Association"))
    assert [h.doc.id for h in result.hits] == ["wlga-1"]
    assert [a["id"] for a in result.hits[0].also_in] == ["pack-2"]


def test_empty_query_with_a_date_range(index):
    result = index.search("", Filters(date_from="2019-11-01", date_to="2019-12-31"), limit=50)
    assert {h.doc.id for h in result.hits} == {"wlga-1", "ccfw-1", "nspcc-1"}


def test_empty_query_lists_newest_first(index):
    ids = [h.doc.id for h in index.search("", limit=50).hits]
    assert ids == ["pack-1", "nspcc-1", "ccfw-1", "wlga-1", "wg-1", "anon-1"]


def test_empty_query_counts_every_document_in_facets(index):
    result = index.search("", limit=1)
    assert len(result.hits) == 1
    assert sum(result.facets["doc_type"].values()) == result.total


def test_empty_query_shows_each_documents_opening_passage_unmarked(index):
    hit = index.search("", Filters(org="Welsh Government")).hits[0]
    assert [(p.ordinal, p.highlight) for p in hit.passages] == [
        (0, "Recommendation 7: spending on preventative services will rise.")]


def test_empty_query_without_collapsing_lists_every_copy(index):
    result = index.search("", Filters(org="Welsh Local Government Association"), collapse=False)
    assert {h.doc.id for h in result.hits} == {"wlga-1", "pack-2"}
