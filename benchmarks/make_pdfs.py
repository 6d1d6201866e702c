"""Generate a realistic set of committee PDFs for benchmarking the indexer.

Letters (1-6 pages) and evidence packs (100+ pages with "Pack Page N"
footers) are typeset with fpdf2 in DejaVu fonts from paragraphs of the shared
corpus text, shuffled with a fixed seed so every file is distinct and a run
is reproducible. A ``pages.tsv`` beside them records each file's page count.

    .venv/bin/python benchmarks/make_pdfs.py OUT_DIR [--letters 300] [--packs 4]
"""
from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "text"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
SENDERS = [
    ("Welsh Local Government Association", "Naomi Alleyne", "Director of Social Services"),
    ("Children's Commissioner for Wales", "Sally Holland", "Commissioner"),
    ("Comisiynydd Plant Cymru", "Sally Holland", "Comisiynydd"),
    ("Association of Directors of Social Services Cymru", "Jenny Williams", "President"),
    ("Welsh Government", "Albert Heaney", "Director of Social Services and Integration"),
    ("Audit Wales", "Adrian Crompton", "Auditor General for Wales"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class _Paper(FPDF):
    """A4 pages in DejaVu; packs carry a "Pack Page N" footer numbered from ``first_page``."""

    def __init__(self, pack_first_page: int | None = None):
        super().__init__(format="A4")
        self.pack_first_page = pack_first_page
        self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(22, 20, 22)

    def footer(self) -> None:
        if self.pack_first_page is None:
            return
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, f"Pack Page {self.pack_first_page + self.page_no() - 1}", align="C")


def corpus_paragraphs(folder: Path = CORPUS) -> list[str]:
    """Paragraphs of the shared corpus text, with hard line breaks joined."""
    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if len(text) > 60:
                paragraphs.append(text)
    return paragraphs


def write_letter(pdf: _Paper, rng: random.Random, paragraphs: Sequence[str], words: int) -> None:
    """One letter (letterhead, date, salutation, body of about ``words`` words, signature)."""
    organisation, author, role = rng.choice(SENDERS)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, organisation)
    pdf.set_font("DejaVu", "", 10)
    pdf.ln(4)
    pdf.multi_cell(0, 5, f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2017, 2023)}")
    pdf.ln(3)
    pdf.multi_cell(0, 5, "Dear Chair,")
    pdf.ln(2)
    written = 0
    while written < words:
        paragraph = rng.choice(paragraphs)
        pdf.multi_cell(0, 5, paragraph)
        pdf.ln(2)
        written += len(paragraph.split())
    pdf.multi_cell(0, 5, "Yours sincerely,")
    pdf.ln(6)
    pdf.multi_cell(0, 5, f"{author}\n{role}")


def make_letter(path: Path, rng: random.Random, paragraphs: Sequence[str]) -> int:
    """A 1-6 page letter at ``path``; returns its page count."""
    pdf = _Paper()
    write_letter(pdf, rng, paragraphs, words=rng.choice([250, 400, 700, 1200, 2000, 3000]))
    pdf.output(str(path))
    return pdf.page_no()


def make_pack(path: Path, rng: random.Random, paragraphs: Sequence[str],
              min_pages: int = 100) -> int:
    """A committee pack of letters and papers, at least ``min_pages`` pages long,
    with "Pack Page N" footers; returns its page count."""
    pdf = _Paper(pack_first_page=rng.randint(1, 60))
    while pdf.page_no() < min_pages:
        write_letter(pdf, rng, paragraphs, words=rng.choice([400, 900, 1500, 3000]))
    pdf.output(str(path))
    return pdf.page_no()


def make_pdfs(out_dir: Path, letters: int = 300, packs: int = 4, seed: int = 1) -> dict[Path, int]:
    """Write ``letters`` letters and ``packs`` packs into ``out_dir`` (in a few
    sub-folders, as a clerk's shared drive would have them); returns path -> pages."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    pages: dict[Path, int] = {}
    for n in range(letters):
        folder = out_dir / f"session-{n % 5 + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"letter-{n:04d}.pdf"
        pages[path] = make_letter(path, rng, paragraphs)
    for n in range(packs):
        path = out_dir / "packs" / f"pack-{n:02d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        pages[path] = make_pack(path, rng, paragraphs, min_pages=rng.randint(100, 160))
    (out_dir / "pages.tsv").write_text(
        "".join(f"{p.relative_to(out_dir)}\t{n}\n" for p, n in pages.items()), encoding="utf-8")
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--packs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = make_pdfs(args.out_dir, args.letters, args.packs, args.seed)
    print(f"{len(pages)} PDFs, {sum(pages.values())} pages in {args.out_dir}")


if __name__ == "__main__":
    main()
