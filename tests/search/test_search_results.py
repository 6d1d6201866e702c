"""Shapes of results, highlighting, duplicates and the stored documents."""
from __future__ import annotations

import json

from indexer.model import Filters


def test_duplicate_copies_are_shown_once_with_their_other_location(index):
    hits = [h for h in index.search("children", limit=50).hits if h.doc.id in ("wlga-1", "pack-2")]
    assert [h.doc.id for h in hits] == ["wlga-1"] or [h.doc.id for h in hits] == ["pack-2"]
    other = {"wlga-1": "pack-2", "pack-2": "wlga-1"}[hits[0].doc.id]
    assert [a["id"] for a in hits[0].also_in] == [other]


def test_duplicate_points_to_the_earliest_indexed_copy(index):
    dups = {d.id: d.duplicate_of for d in index.documents()}
    assert dups["pack-2"] == "wlga-1" and dups["wlga-1"] is None


def test_without_collapsing_both_copies_are_listed(index):
    ids = {h.doc.id for h in index.search("children", limit=50, collapse=False).hits}
    assert {"wlga-1", "pack-2"} <= ids


def test_highlight_escapes_document_text_and_adds_only_mark(index):
    passage = index.search('"Baby Steps"').hits[0].passages[0]
    assert passage.highlight == ("Our &lt;b&gt;<mark>Baby Steps</mark>&lt;/b&gt; programme "
                                 "&lt;script&gt;alert(1)&lt;/script&gt; supports parents &amp; carers.")


def test_hit_passages_carry_page_and_text(index):
    passage = index.search('"financial penalties"').hits[0].passages[0]
    assert (passage.page, passage.doc_id) == (1, "ccfw-1")
    assert passage.text.startswith("I am concerned that targets")


def test_search_result_json_shape(index):
    d = json.loads(json.dumps(index.search("poverty").to_dict()))
    assert set(d) == {"query", "total", "hits", "facets"}
    assert set(d["facets"]) == {"organisation", "year", "doc_type"}
    hit = d["hits"][0]
    assert {"doc_id", "title", "organisation", "author", "date", "doc_type", "score", "passages"} <= set(hit)
    assert set(hit["passages"][0]) == {"doc_id", "text", "highlight", "page", "recommendation",
                                          "ordinal"}


def test_bodies_result_json_shape(index):
    d = json.loads(json.dumps(index.bodies("poverty").to_dict()))
    assert set(d) == {"query", "bodies"}
    assert set(d["bodies"][0]) == {"organisation", "documents", "first_date", "last_date", "passages"}


def test_get_returns_document_with_passages_and_other_copies(index):
    doc = index.get("pack-2")
    assert [p.ordinal for p in doc.passages] == [0, 1, 2]
    assert doc.paper_ref == "PAC(5)-02-20 P3"
    assert [a["id"] for a in doc.also_in] == ["wlga-1"]


def test_get_unknown_id_is_none(index):
    assert index.get("no-such-doc") is None


def test_documents_are_ordered_by_source_then_first_page(index):
    assert [d.id for d in index.documents()] == [
        "ccfw-1", "nspcc-1", "wlga-1", "anon-1", "pack-1", "pack-2", "wg-1"]


def test_stats_count_files_documents_passages_and_failures(index):
    stats = index.stats()
    assert {k: stats[k] for k in ("files", "documents", "passages", "organisations", "failures")} == {
        "files": 7, "documents": 7, "passages": 16, "organisations": 5, "failures": 1}
    assert stats["last_indexed"]


def test_failures_are_listed_with_reason(index):
    assert index.failures() == [{"source": "broken/secret.pdf", "reason": "encrypted",
                                 "detail": "the PDF needs a password"}]


def test_files_record_hash_and_status(index):
    files = index.files()
    assert (files["letters/wlga.txt"].status, files["letters/wlga.txt"].n_docs) == ("ok", 1)
    assert files["broken/secret.pdf"].status == "failed"


def test_results_without_filters_equal_results_with_empty_filters(index):
    assert index.search("targets").to_dict() == index.search("targets", Filters()).to_dict()


def test_search_passages_carry_their_ordinal_in_the_document(index):
    passage = index.search('"Housing Support Grant"').hits[0].passages[0]
    assert (passage.doc_id, passage.ordinal) == ("wg-1", 1)


def test_bodies_passages_carry_their_ordinal_in_the_document(index):
    body = next(b for b in index.bodies("poverty").bodies if b.organisation == "Welsh Government")
    assert [(p.doc_id, p.ordinal) for p in body.passages] == [("wg-1", 1)]


def test_passage_ordinal_is_in_the_json(index):
    d = index.search('"Baby Steps"').to_dict()
    assert d["hits"][0]["passages"][0]["ordinal"] == 1
