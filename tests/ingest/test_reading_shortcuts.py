"""The reading shortcuts change no answer: a remembered line reader answers as it did, a
pattern ruled out by its needles could not have matched, and the MinHash signature is the
one its definition (the set of hashed shingles) gives."""
import re
import sys
import zlib
from pathlib import Path

import pytest

from indexer import dedupe, gazetteer, letter, memo
from indexer.needles import NOT_LOWERED, Needles

SHARED = Path(__file__).resolve().parents[3] / "shared"
LINES = [
    "Tel: 029 2046 8600", "E-mail: clerk@senedd.wales", "Ffôn / Tel: 0300 200 6565", "FFÔN: 0300",
    "www.wlga.cymru", "Please ask for Dafydd", "Our Ref: AB/12", "Ein cyf / Our ref: CC/19",
    "We welcome correspondence in Welsh or English", "Croesawn ohebiaeth yn Gymraeg neu Saesneg",
    "YN OGYSTAL Â", "The hotel was telling", "the faxes", "ıN THE SAME LANGUAGE", "İn the same language",
    "Direct ſine", "DIRECT LINE 029", "a plain sentence about children in care", "",
]


@pytest.mark.parametrize("line", LINES)
def test_a_pattern_with_needles_finds_what_its_pattern_finds(line):
    for found in (letter.CONTACT, letter.BOILERPLATE):
        assert bool(found.search(line)) == bool(found.pattern.search(line))


def test_ignorecase_compares_every_needle_letter_by_its_lower_case_but_for_the_not_lowered():
    """For the needles of letter.py's patterns and any printable ASCII (an office's name)."""
    needles = {ch for n in letter.CONTACT.needles + letter.BOILERPLATE.needles for ch in n}
    needles |= {chr(c).lower() for c in range(32, 127)}
    same = re.compile("[" + re.escape("".join(sorted(needles))) + "]", re.IGNORECASE)
    odd = [c for c in map(chr, range(sys.maxunicode + 1))
           if same.fullmatch(c) and (len(c.lower()) != 1 or c.lower() not in needles)]
    assert odd and all(NOT_LOWERED.fullmatch(c) for c in odd)


def test_needles_must_be_lower_case():
    with pytest.raises(AssertionError):
        Needles(re.compile("Tel", re.IGNORECASE), ("Tel",))


def _signature_by_definition(text):
    grams = dedupe.shingles(text)
    if not grams:
        return ()
    sig = [dedupe.EMPTY] * dedupe.BINS
    for gram in grams:
        h = zlib.crc32(gram.encode("utf-8"))
        b, v = h >> (32 - dedupe._BIN_BITS), h & dedupe._VALUE_MASK
        sig[b] = v if sig[b] == dedupe.EMPTY else min(sig[b], v)
    return tuple(sig)


@pytest.mark.parametrize("text", [
    "", "   ", "one", "two words here", "exactly five words in it", "Caf\u00e9 \u2018quoted\u2019 Ŵyr ŷd t\u00e2n",
    "the same five words again the same five words again",
    *[p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "text").glob("*.txt"))],
])
def test_signature_is_the_minhash_of_the_shingle_set(text):
    assert dedupe.signature(text) == _signature_by_definition(text)


def test_a_remembered_line_reader_answers_as_it_did_and_forgets_on_clear():
    line = "Welsh Local Government Association"
    first = (letter.clean(f"**{line}**"), gazetteer.find_spans(line), letter.dateline("14 November 2019"))
    assert first == (line, [(0, len(line), line)], "2019-11-14")
    found = gazetteer.find_spans(line)
    found.append("changed by a caller")  # a caller's copy: the remembered answer stays
    assert gazetteer.find_spans(line) == [(0, len(line), line)]
    memo.clear()
    assert (letter.clean(f"**{line}**"), gazetteer.find_spans(line), letter.dateline("14 November 2019")) == first



CONTEXTS = ["{}", "x{}", "x'{}", "'{}", " {} ", "a {}'s", "{}have", "\u00e9{}", "1{}", "_{}", "x '{}", "{}{}",
            "\u2014{}.", "the {} and the {}"]


def test_every_gazetteer_name_is_found_where_its_plain_pattern_finds_it():
    """The name's first word leads its pattern (so re can search for it): the same matches as
    not-after-a-word, then the name."""
    for name in gazetteer._load().names:
        plain = re.compile(r"(?<!\w)(?<!\w')" + re.escape(name).replace(r"\ ", r"\s+") + gazetteer._FUSED_END)
        led = re.compile(gazetteer.name_pattern(name))
        for context in CONTEXTS:
            text = context.format(name, name).replace(" ", "\n ")
            assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)
