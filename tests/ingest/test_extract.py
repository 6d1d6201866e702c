"""Extraction: every format to pages of text; bad files to a clear reason."""
import csv
from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract import extract, html_to_text, text_pages
from indexer.extract_ocr import OcrOptions

from .conftest import CORPUS_PDF, CORPUS_TEXT, WILD


def test_pdf_pages_are_numbered_by_their_pack_page_footer():
    pages = extract(CORPUS_PDF / "004_29da39a45fc8ebc3.pdf")
    assert [p.number for p in pages[:3]] == [15, 16, 17]


def test_pack_page_footer_is_removed_from_the_text():
    pages = extract(CORPUS_PDF / "004_29da39a45fc8ebc3.pdf")
    assert not any("Pack Page" in p.text for p in pages)


def test_text_file_pack_footers_end_their_pages():
    pages = text_pages("first page\nPack Page 7\nsecond page\nPack Page 8\n")
    assert [(p.number, p.text.strip()) for p in pages] == [(7, "first page"), (8, "second page")]


def test_text_file_form_feed_starts_a_new_page():
    assert [p.number for p in text_pages("one\fpage two")] == [1, 2]


def test_utf8_text_keeps_welsh_letters():
    text = " ".join(p.text for p in extract(CORPUS_TEXT / "002_58e76e6945aa9136.txt"))
    assert "Tŷ Llywodraeth Leol" in text


def test_cp1252_text_is_decoded(tmp_path):
    f = tmp_path / "letter.txt"
    f.write_bytes("Dear Sir, the Children’s Commissioner — café".encode("cp1252"))
    assert "Children’s Commissioner — café" in extract(f)[0].text


def test_html_keeps_words_and_drops_scripts(tmp_path):
    f = tmp_path / "note.html"
    f.write_text("<html><head><script>var x=1</script><title>T</title></head>"
                 "<body><p>Financial &amp; penalties</p><p>Second</p></body></html>")
    text = extract(f)[0].text
    assert "Financial & penalties" in text and "var x" not in text


def test_html_paragraphs_become_separate_blocks():
    assert "one\n\ntwo" in html_to_text("<p>one</p><p>two</p>")


def test_markdown_emphasis_and_links_are_reduced_to_words(tmp_path):
    f = tmp_path / "note.md"
    f.write_text("# Heading\n\nThe **WLGA** replied, see [the letter](http://x.test).\n")
    text = extract(f)[0].text
    assert "The WLGA replied, see the letter." in text and "**" not in text


def test_an_unsupported_extension_is_refused(tmp_path):
    f = tmp_path / "sheet.xlsx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(ExtractionError) as e:
        extract(f)
    assert e.value.reason == ExtractionError.UNSUPPORTED


NO_OCR = OcrOptions(enabled=False)


def _manifest():
    with open(WILD / "MANIFEST.tsv", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if r["expect"] != "slow"]


@pytest.mark.parametrize("row", _manifest(), ids=lambda r: r["file"])
def test_wild_pdf_ends_as_the_manifest_says_without_ocr(row):
    """(With OCR, the scans among them are read: tests/pipeline/test_wild.py.)"""
    path = WILD / row["file"]
    if row["expect"] == "text":
        pages = extract(path, NO_OCR)
        assert sum(len(p.text.strip()) for p in pages) > 0
        assert "(cid:" not in "".join(p.text for p in pages)
    else:
        with pytest.raises(ExtractionError) as e:
            extract(path, NO_OCR)
        if row["expect"] == "no-text":
            assert e.value.reason == ExtractionError.NO_TEXT
        else:
            assert e.value.reason in {ExtractionError.ENCRYPTED, ExtractionError.NOT_PDF,
                                      ExtractionError.MALFORMED, ExtractionError.EMPTY}


@pytest.mark.parametrize("name, reason", [
    ("aes256-user-password.pdf", "encrypted"),
    ("html-saved-as-pdf.pdf", "not a PDF"),
    ("truncated-half.pdf", "malformed"),
    ("empty-zero-bytes.pdf", "empty file"),
    ("scanned-image-only.pdf", "no text layer (needs OCR)"),
    ("font-without-tounicode.pdf", "no text layer (needs OCR)"),
])
def test_bad_pdf_reason_is_one_a_clerk_understands(name, reason):
    with pytest.raises(ExtractionError) as e:
        extract(WILD / name, NO_OCR)
    assert e.value.reason == reason


def test_incremental_update_gives_only_the_final_text():
    text = extract(WILD / "incremental-update.pdf")[0].text
    assert "FINAL" in text and "DRAFT" not in text


def test_welsh_diacritics_survive_pdf_extraction():
    text = "".join(p.text for p in extract(WILD / "welsh-diacritics-dejavu.pdf"))
    assert "ŵ" in text and "ŷ" in text
