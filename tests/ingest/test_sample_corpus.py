"""The project's own sample corpus (corpus/README.md lists each document's trap)."""
from pathlib import Path

import pytest

from indexer.ingest import ingest_file

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def docs_of(rel):
    path = CORPUS / rel
    return ingest_file(path, str(path))


@pytest.mark.parametrize("folder", ["text", "pdf"])
def test_letterhead_chief_executive_is_not_the_author(folder):
    suffix = "txt" if folder == "text" else "pdf"
    (doc,) = docs_of(f"{folder}/letter-wlga-reduction-targets.{suffix}")
    assert (doc.author, doc.organisation, doc.date) == (
        "Menna Castell", "Welsh Local Government Association", "2020-01-14")


def test_dates_in_the_body_do_not_date_the_letter():
    (doc,) = docs_of("pdf/letter-fostering-network-allowances.pdf")
    assert doc.date is None and doc.author == "Tomos Beynon"


def test_bilingual_dateline_gives_the_date():
    (doc,) = docs_of("pdf/letter-ccfw-targets-penalties.pdf")
    assert doc.date == "2019-11-08"


def test_evidence_paper_cross_reference_is_not_an_answer():
    (doc,) = docs_of("pdf/evidence-wg-recommendations.pdf")
    assert [r.number for r in doc.recommendations] == [1, 3, 4, 6] and doc.date == "2020-02"


def test_pack_holds_three_papers_with_the_annex_kept_with_its_letter():
    docs = docs_of("pdf/pack-PAC-03-20.pdf")
    assert [d.paper_ref for d in docs] == ["PAC(5)-03-20 P1", "PAC(5)-03-20 P2", "PAC(5)-03-20 P3"]
    assert "Annex A" in docs[0].text and docs[0].pages == (1, 3)


@pytest.mark.parametrize("rel, org", [
    ("other/briefing-children-in-wales.md", "Children in Wales"),
    ("other/statement-older-peoples-commissioner.html", "Older People's Commissioner for Wales"),
])
def test_markdown_and_html_documents_are_tagged(rel, org):
    (doc,) = docs_of(rel)
    assert doc.organisation == org
