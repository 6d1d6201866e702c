"""What a query matches and how results are ranked."""
from __future__ import annotations

from indexer.model import Filters


def ids(result) -> list[str]:
    return [h.doc.id for h in result.hits]


def test_plural_query_ranks_target_and_targets_above_targeted(index):
    ranked = ids(index.search("targets", limit=10))
    assert ranked.index("nspcc-1") > max(ranked.index("wlga-1"), ranked.index("ccfw-1"))


def test_stemming_still_finds_other_forms_of_a_word(index):
    assert "nspcc-1" in ids(index.search("targets"))


def test_phrase_matches_only_the_exact_words_in_order(index):
    assert ids(index.search('"financial penalties"')) == ["ccfw-1"]


def test_alias_in_query_matches_the_organisation(index):
    assert set(ids(index.search("WLGA"))) == {"wlga-1"}


def test_organisation_field_accepts_an_alias(index):
    assert set(ids(index.search("org:WLGA children"))) == {"wlga-1"}


def test_year_and_type_fields(index):
    assert set(ids(index.search("year:2019 AND type:letter AND targets"))) == {"wlga-1", "ccfw-1"}


def test_not_excludes(index):
    assert "ccfw-1" not in ids(index.search("targets NOT penalties"))


def test_misspelt_query_suggests_a_word_from_the_index(index):
    result = index.search("povrety")
    assert (result.total, result.suggestion) == (0, "poverty")


def test_query_with_hits_has_no_suggestion(index):
    assert index.search("poverty").suggestion is None


def test_total_and_facets_count_every_match_not_only_the_page(index):
    result = index.search("targets", limit=1)
    assert len(result.hits) == 1
    assert result.total == 4
    assert result.facets["organisation"] == {
        "Welsh Local Government Association": 1, "Children's Commissioner for Wales": 1,
        "NSPCC Cymru/Wales": 1}
    assert result.facets["year"] == {"2018": 1, "2019": 3}


def test_offset_pages_through_results(index):
    everything = ids(index.search("targets", limit=10))
    assert ids(index.search("targets", limit=2, offset=2)) == everything[2:4]


def test_filters_and_query_combine(index):
    assert ids(index.search("poverty", Filters(doc_type="response"))) == ["wg-1"]
