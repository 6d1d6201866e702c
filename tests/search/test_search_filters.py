"""Each filter of `search` and `bodies`, alone."""
from __future__ import annotations

import pytest

from indexer.gazetteer import resolve_filter
from indexer.model import Filters


def hit_ids(index, query: str, filters: Filters) -> set[str]:
    return {h.doc.id for h in index.search(query, filters, limit=50).hits}


def test_org_filter_by_alias_resolved_through_the_gazetteer(index):
    assert hit_ids(index, "children", Filters(org=resolve_filter("WLGA"))) == {"wlga-1"}


def test_org_filter_ignores_case(index):
    assert hit_ids(index, "children", Filters(org="welsh local government association")) == {"wlga-1"}


def test_author_filter_matches_whole_name(index):
    assert hit_ids(index, "targets", Filters(author="Sally Holland")) == {"ccfw-1"}


def test_author_filter_matches_surname_in_any_case(index):
    assert hit_ids(index, "targets", Filters(author="holland")) == {"ccfw-1"}


def test_author_filter_matches_start_of_a_name(index):
    assert hit_ids(index, "targets", Filters(author="Holl")) == {"ccfw-1"}


@pytest.mark.parametrize("date_from, date_to, expected", [
    ("2019-11-15", "2019-11-30", {"ccfw-1"}),          # dated "2019-11": its month overlaps
    ("2019-11-01", "2019-11-30", {"ccfw-1", "wlga-1"}),
    ("2019-11-09", None, {"ccfw-1", "nspcc-1"}),       # wlga-1 is 2019-11-08
    (None, "2019-11-08", {"wlga-1", "ccfw-1", "anon-1"}),
    ("2018-01-01", "2018-12-31", {"anon-1"}),          # dated "2018": the whole year
])
def test_date_range_overlaps_month_and_year_precision_dates(index, date_from, date_to, expected):
    assert hit_ids(index, "targets", Filters(date_from=date_from, date_to=date_to)) == expected


def test_date_filter_leaves_out_undated_documents(index):
    assert hit_ids(index, "targets", Filters(date_from="2000-01-01")) == {
        "wlga-1", "ccfw-1", "nspcc-1", "anon-1"}


def test_rec_filter_keeps_documents_responding_to_that_recommendation(index):
    assert hit_ids(index, "spending OR poverty", Filters(rec=7)) == {"wg-1", "ccfw-1"}


def test_type_filter(index):
    assert hit_ids(index, "targets", Filters(doc_type="minutes")) == {"anon-1"}


@pytest.mark.parametrize("ref", ["PAC(5)-02-20 P3", "pac(5)-02-20p3", " PAC(5)-02-20  p3 "])
def test_paper_filter_ignores_case_and_spaces_and_finds_the_copy_that_carries_it(index, ref):
    assert hit_ids(index, "children", Filters(paper=ref)) == {"pack-2"}


def test_filters_apply_to_bodies(index):
    bodies = index.bodies("targets", Filters(date_from="2019-11-01", date_to="2019-11-30"))
    assert {b.organisation for b in bodies.bodies} == {
        "Welsh Local Government Association", "Children's Commissioner for Wales"}


def test_filters_that_match_nothing_give_no_hits(index):
    result = index.search("children", Filters(org="Estyn"))
    assert (result.total, result.hits) == (0, ())
