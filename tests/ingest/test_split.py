"""Splitting a file into the documents it holds."""
import pytest

from indexer.extract import text_pages
from indexer.split import split

from .conftest import holding

PACK_ANCHORS = [
    "In March 2017 the Public Accounts Committee published its report",
    "I am writing with reference to the Permanent Secretary",
    "This paper provides additional evidence at November 2019",
    "Thank you for your letter of 21st October requesting an update",
    "Thank you for your letter in relation to care experienced children",
    "Many thanks for your letter seeking my views on the current work for Local",
    "Thank you for your letter requesting our views to help inform",
    "NSPCC Cymru/Wales is pleased to have an opportunity",
]


def test_three_letters_in_one_file_are_three_documents(shared_docs):
    assert len(shared_docs["003_5c312e2696e1c68f"]) == 3


@pytest.mark.parametrize("corpus", ["shared_docs", "shared_pdf_docs"])
def test_meeting_pack_splits_into_its_papers(corpus, request):
    docs = request.getfixturevalue(corpus)["004_29da39a45fc8ebc3"]
    assert len(docs) == len(PACK_ANCHORS)
    for anchor in PACK_ANCHORS:
        holding(docs, anchor)


def test_appendix_stays_with_its_letter(shared_docs):
    doc = holding(shared_docs["004_29da39a45fc8ebc3"], "Recommendation 4 of Public Accounts Committee")
    assert "Yours sincerely" in doc.text and "Jean White" in doc.text


def test_announced_executive_summary_stays_with_its_letter(shared_docs):
    doc = holding(shared_docs["004_29da39a45fc8ebc3"], "I attach, for ease of the Committee")
    assert "This report provides findings of the final phase" in doc.text


def test_evidence_paper_after_an_attachment_starts_a_new_document(shared_docs):
    doc = holding(shared_docs["004_29da39a45fc8ebc3"], "This paper provides additional evidence")
    assert "Tracey Burke" not in doc.text


def test_each_pack_paper_records_its_first_and_last_page(shared_pdf_docs):
    doc = holding(shared_pdf_docs["004_29da39a45fc8ebc3"], "NSPCC Cymru/Wales is pleased")
    first, last = doc.pages
    assert first <= last == 79


def test_paper_reference_is_recorded(shared_docs):
    doc = holding(shared_docs["004_29da39a45fc8ebc3"], "Many thanks for your letter seeking my views")
    assert doc.paper_ref == "PAC(5)-02-20 P4"


def test_cc_list_stays_with_the_letter_it_copies():
    text = ("Dear Ann,\n\nThank you for your letter about funding for the coming year and beyond.\n"
            "We will reply in full shortly with all the figures the committee asked for.\n\n"
            "Yours sincerely\n\nJohn Evans\nChair\n\nCc Mary Jones AM, Chair, Finance Committee\n\n"
            "Professor Sian Lloyd\nDirector\n\n3 May 2020\n\nDear Sian,\n\n"
            "A second letter with enough words in it to count as a document of its own here, "
            "about the same funding and the same year, for the avoidance of doubt.\n\n"
            "Yours sincerely\n\nJohn Evans\nChair\n")
    first, second = split(text_pages(text))
    assert "Cc Mary Jones AM" in first.text and second.text.startswith("Professor Sian Lloyd")
