"""`bodies`: which organisations said something matching the query."""
from __future__ import annotations


def orgs(result) -> list[str]:
    return [b.organisation for b in result.bodies]


def test_bodies_names_organisations_whose_passages_match(index):
    assert set(orgs(index.bodies('targets OR "financial penalties"'))) == {
        "Welsh Local Government Association", "Children's Commissioner for Wales"}


def test_a_passage_must_match_itself_not_only_its_document(index):
    # nspcc-1 says "financial" and "penalties" in one passage, never the phrase,
    # and "Targeted", which is not "targets"
    assert "NSPCC Cymru/Wales" not in orgs(index.bodies('targets OR "financial penalties"'))


def test_documents_without_organisation_are_left_out(index):
    assert None not in orgs(index.bodies("targets"))
    assert all(b.organisation for b in index.bodies("discussed").bodies) and orgs(index.bodies("discussed")) == []


def test_copies_of_a_document_count_once(index):
    wlga = next(b for b in index.bodies("children").bodies
                if b.organisation == "Welsh Local Government Association")
    assert len(wlga.documents) == 1


def test_organisation_that_said_most_comes_first(index):
    # WLGA: two passages; the Commissioner: one
    assert orgs(index.bodies("targets OR authorities"))[0] == "Welsh Local Government Association"


def test_body_passages_are_highlighted_with_their_document(index):
    body = index.bodies('"financial penalties"').bodies[0]
    assert body.passages[0].doc_id == "ccfw-1"
    assert "<mark>financial penalties</mark>" in body.passages[0].highlight


def test_first_and_last_date_span_the_matching_documents(index):
    body = next(b for b in index.bodies("poverty OR spending").bodies
                if b.organisation == "Children's Commissioner for Wales")
    assert (body.first_date, body.last_date) == ("2019-11", "2019-11")


def test_bodies_suggests_a_spelling_when_nothing_matches(index):
    assert index.bodies("povrety").suggestion == "poverty"
