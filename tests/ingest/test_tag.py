"""Tagging: the date the document bears, who signed it, for which body, to whom,
and which recommendations it answers."""
import pytest

from indexer import tag as tagger
from indexer.letter import dateline, person_name, signature

from .conftest import holding

PACK = "004_29da39a45fc8ebc3"


def lines(text):
    return text.split("\n")


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line, iso", [
    ("21 June 2019", "2019-06-21"),
    ("8<sup>th</sup> November 2019", "2019-11-08"),
    ("Dyddiad /Date:    8th November 2019 ", "2019-11-08"),
    ("8fed Tachwedd 2019 / 8th November 2019", "2019-11-08"),
    ("           November 2019 ", "2019-11"),
    ("Thank you for your letter of 21 June 2019.", None),
    ("In March 2017 the Committee published", None),
])
def test_dateline_is_a_line_that_is_only_a_date(line, iso):
    assert dateline(line) == iso


def test_date_is_the_dateline_not_a_date_in_the_body():
    text = ("Mr A Person\nChair\n\nDear Ann,\n\nThank you for your letter of 3 March 2020. "
            "We met on 12 May 2020.\n\nYours sincerely\n\nJohn Evans\nDirector\n")
    assert tagger.tag(lines(text)).date is None


def test_letter_dated_only_to_a_month_keeps_month_precision(shared_docs):
    doc = holding(shared_docs[PACK], "Thank you for your letter requesting our views")
    assert doc.date == "2019-11"


def test_report_month_in_an_all_caps_title_is_not_the_document_date(shared_docs):
    doc = holding(shared_docs[PACK], "In March 2017 the Public Accounts Committee published")
    assert doc.date is None


def test_evidence_paper_dated_by_its_opening_sentence(shared_docs):
    assert shared_docs["001_e2979c239a513d60"][0].date == "2019-11"


def test_dateline_read_out_of_order_after_the_salutation_still_counts(shared_docs):
    doc = holding(shared_docs[PACK], "Many thanks for your letter seeking my views")
    assert doc.date == "2019-11-14"


# --- author and organisation -------------------------------------------------------------------

def test_author_is_the_signer_not_the_chief_executive_on_the_letterhead(shared_docs):
    doc = shared_docs["002_58e76e6945aa9136"][0]
    assert (doc.author, doc.author_role) == ("Naomi Alleyne", "Director, Social Services and Housing")


def test_organisation_comes_from_a_welsh_first_letterhead_when_the_signature_names_none(shared_docs):
    assert shared_docs["002_58e76e6945aa9136"][0].organisation == "Welsh Local Government Association"


def test_signed_first_name_above_the_typed_name_is_skipped():
    sig = signature(lines("Yours sincerely,\n\nSally\n\nSally Holland\nChildren’s Commissioner for Wales"), 0)
    assert (sig.name, sig.organisation) == ("Sally Holland", "Children's Commissioner for Wales")


def test_role_line_naming_a_body_gives_role_and_organisation():
    sig = signature(lines("Yours sincerely,\nDavid Melding AM\n"
                          "Chair, Ministerial Advisory Group on Care Experienced Children and Young People"), 0)
    assert (sig.name, sig.role, sig.organisation) == ("David Melding", "Chair", "Ministerial Advisory Group")


def test_signature_by_a_body_alone_has_no_author(shared_docs):
    doc = holding(shared_docs[PACK], "Thank you for your letter requesting our views")
    assert (doc.author, doc.organisation) == (None, "Children in Wales")


def test_chair_names_their_committee_in_the_letter(shared_docs):
    for doc in shared_docs["003_5c312e2696e1c68f"]:
        assert doc.organisation == "Children, Young People and Education Committee"


def test_nhs_wales_role_maps_to_welsh_government(shared_docs):
    doc = holding(shared_docs[PACK], "In March 2017 the Public Accounts Committee published")
    assert (doc.author, doc.organisation) == ("Jean White", "Welsh Government")


def test_unknown_body_in_the_signature_is_still_captured():
    text = "Dear Ann,\n\nWe write about foster care.\n\nYours sincerely\n\nGwen Price\nDirector\nCare Leavers Network Cymru\n"
    assert tagger.tag(lines(text)).organisation == "Care Leavers Network Cymru"


@pytest.mark.parametrize("line, name", [
    ("Professor Jean White ", "Jean White"),
    ("Rt. Hon. Mark Drakeford AM", "Mark Drakeford"),
    ("Children in Wales", None),
    ("Cardiff Bay", None),
])
def test_person_name_strips_titles_and_rejects_bodies_and_places(line, name):
    assert person_name(line) == name


# --- recipient ----------------------------------------------------------------------------------

def test_dear_first_name_is_resolved_to_the_full_name_in_the_address_block(shared_docs):
    names = [d.recipient for d in shared_docs["003_5c312e2696e1c68f"]]
    assert names == ["Mark Drakeford", "Sally Holland", "Susan Cooper"]


def test_recipient_body_comes_from_the_address_block(shared_docs):
    assert shared_docs["002_58e76e6945aa9136"][0].recipient_org == "Public Accounts Committee"


def test_dear_chair_without_a_name_stays_chair(shared_docs):
    assert holding(shared_docs[PACK], "NSPCC Cymru/Wales is pleased").recipient == "Chair"


# --- recommendations ------------------------------------------------------------------------------

def test_recommendations_answered_under_their_headings(shared_docs):
    recs = shared_docs["001_e2979c239a513d60"][0].recommendations
    assert [r.number for r in recs] == list(range(1, 13))


def test_cross_reference_is_not_an_answer():
    text = ("Recommendation 3\nThe Committee recommends more data.\nResponse: this is reported under\n"
            "Recommendation 6 below.\n\nRecommendation 4 The Committee recommends a plan.\nDone.")
    assert [r.number for r in tagger.tag(lines(text)).recommendations] == [3, 4]


def test_recommendation_carries_its_report_name(shared_docs):
    doc = holding(shared_docs[PACK], "In March 2017 the Public Accounts Committee published")
    assert {(r.number, r.report) for r in doc.recommendations} == {
        (3, "Hospital Catering and Patient Nutrition"), (4, "Hospital Catering and Patient Nutrition")}


def test_letter_mentioning_a_report_answers_no_recommendation(shared_docs):
    assert holding(shared_docs[PACK], "NSPCC Cymru/Wales is pleased").recommendations == ()


def test_passages_know_their_recommendation_heading(shared_docs):
    doc = shared_docs["001_e2979c239a513d60"][0]
    under7 = [p for p in doc.passages if p.recommendation == 7]
    assert under7 and all(p.doc_id == doc.id for p in under7)


# --- types ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("anchor, doc_type", [
    ("In March 2017 the Public Accounts Committee published", "response"),
    ("This paper provides additional evidence at November 2019", "evidence"),
    ("I am writing with reference to the Permanent Secretary", "letter"),
])
def test_document_type(shared_docs, anchor, doc_type):
    assert holding(shared_docs[PACK], anchor).doc_type == doc_type
