#!/usr/bin/env python3
"""Render the sample corpus's text files as real PDFs.

    python tools/make_sample_corpus.py           # corpus/text/*.txt -> corpus/pdf/*.pdf
    python tools/make_sample_corpus.py --check   # exit 1 if corpus/pdf is out of date

Each ``corpus/text/NAME.txt`` becomes ``corpus/pdf/NAME.pdf``: A4, DejaVu Sans
(embedded, so Welsh letters such as ŵ, ŷ and â survive extraction), long lines
wrapped to the page width.

A text that contains "Pack Page N" footer lines is a meeting pack: each footer
closes one pack page, and each pack page becomes exactly one PDF page with the
footer printed at its bottom, so the PDF's page count equals the pack's. A pack
page that does not fit on one A4 page is an error (shorten the text).

The output is byte-stable: the creation date and producer are fixed, so running
the script twice, or on another machine with the same fpdf2, gives the same files.
Needs fpdf2 (``pip install fpdf2``, or the project's ``test`` extra).
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "corpus" / "text"
OUT = ROOT / "corpus" / "pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVuSans"

FIXED_DATE = datetime(2020, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
PRODUCER = "evidex tools/make_sample_corpus.py"
MARGIN = 20.0        # mm, left/right/top
BOTTOM = 20.0        # mm kept free at the bottom of a page
FONT_SIZE = 10.0     # pt
LINE_H = 5.0         # mm
FOOTER_Y = -14.0     # mm from the bottom edge, where "Pack Page N" is printed

PACK_FOOTER = re.compile(r"^\s*Pack Page (\d+)\s*$")


class PackPageOverflow(ValueError):
    """A pack page holds more text than fits on one A4 page."""


def _new_pdf(title: str) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font(FONT, size=FONT_SIZE)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer(PRODUCER)
    pdf.set_creator(PRODUCER)
    pdf.set_title(title)
    return pdf


def _write_lines(pdf: FPDF, lines: list[str]) -> None:
    """Write source lines one by one; a blank line is a blank line, a long one wraps."""
    for line in lines:
        line = line.rstrip()
        if line:
            pdf.multi_cell(0, LINE_H, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(LINE_H)


def split_pack(text: str) -> list[tuple[list[str], int]] | None:
    """Split a pack's text into (lines, printed page number) at its "Pack Page N" lines.

    Returns None when the text has no such footer (an ordinary document)."""
    pages: list[tuple[list[str], int]] = []
    current: list[str] = []
    for line in text.splitlines():
        m = PACK_FOOTER.match(line)
        if m:
            # drop blank lines at both ends of the page
            while current and not current[0].strip():
                current.pop(0)
            while current and not current[-1].strip():
                current.pop()
            pages.append((current, int(m.group(1))))
            current = []
        else:
            current.append(line)
    if not pages:
        return None
    if any(line.strip() for line in current):
        raise ValueError("text after the last 'Pack Page N' footer; end the pack with a footer")
    return pages


def render(text: str, title: str) -> bytes:
    pdf = _new_pdf(title)
    pack = split_pack(text)
    if pack is None:
        pdf.set_auto_page_break(True, margin=BOTTOM)
        pdf.add_page()
        _write_lines(pdf, text.splitlines())
    else:
        pdf.set_auto_page_break(False)
        limit = pdf.h + FOOTER_Y - LINE_H  # text must stop above the footer
        for lines, number in pack:
            pdf.add_page()
            _write_lines(pdf, lines)
            if pdf.get_y() > limit:
                raise PackPageOverflow(f"{title}: Pack Page {number} does not fit on one A4 page")
            pdf.set_y(FOOTER_Y)
            pdf.cell(0, LINE_H, f"Pack Page {number}", align="C")
    return bytes(pdf.output())


def build(src: Path = SRC, out: Path = OUT, check: bool = False) -> list[str]:
    """Render every text in ``src`` into ``out``; return the names that changed (or would)."""
    changed: list[str] = []
    wanted = set()
    for txt in sorted(src.glob("*.txt")):
        target = out / (txt.stem + ".pdf")
        wanted.add(target.name)
        data = render(txt.read_text(encoding="utf-8"), txt.stem)
        if target.exists() and target.read_bytes() == data:
            continue
        changed.append(target.name)
        if not check:
            out.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for stale in sorted(out.glob("*.pdf")) if out.exists() else ():
        if stale.name not in wanted:
            changed.append(stale.name)
            if not check:
                stale.unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=SRC, help="folder of .txt sources (default corpus/text)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PDFs (default corpus/pdf)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any PDF is out of date")
    args = parser.parse_args(argv)
    try:
        changed = build(args.src, args.out, check=args.check)
    except (ValueError, OSError) as exc:
        print(f"make_sample_corpus: {exc}", file=sys.stderr)
        return 2
    if args.check:
        for name in changed:
            print(f"out of date: {name}", file=sys.stderr)
        return 1 if changed else 0
    for name in changed:
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
