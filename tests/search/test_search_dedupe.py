"""indexer.dedupe: near-duplicate signatures."""
from __future__ import annotations

from pathlib import Path

from indexer import dedupe

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "text"
LETTER = (CORPUS / "002_58e76e6945aa9136.txt").read_text(encoding="utf-8")


def test_same_text_with_different_spacing_and_case_is_a_duplicate():
    a = dedupe.signature(LETTER)
    b = dedupe.signature(" ".join(LETTER.upper().split()))
    assert dedupe.similarity(a, b) == 1.0


def test_same_letter_with_a_pack_header_and_footer_is_a_duplicate():
    packed = "Public Accounts Committee\nPAC(5)-02-20 P3\n\n" + LETTER + "\nPack Page 77\n"
    assert dedupe.is_duplicate(dedupe.signature(LETTER), dedupe.signature(packed))


def test_different_letters_are_not_duplicates():
    other = (CORPUS / "000_d213c0d0656fecb4.txt").read_text(encoding="utf-8")
    assert not dedupe.is_duplicate(dedupe.signature(LETTER), dedupe.signature(other))


def test_duplicates_share_a_band_token():
    packed = "Pack Page 77\n" + LETTER
    assert set(dedupe.band_tokens(dedupe.signature(LETTER))) & set(dedupe.band_tokens(dedupe.signature(packed)))


def test_text_without_words_has_no_signature():
    assert dedupe.signature("  \n ") == () and dedupe.band_tokens(()) == []
