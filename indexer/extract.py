"""Turn a file into pages of text. The only module that knows pdfminer.

``extract(path) -> list[Page]`` is the front door; callers never see layout
objects. Every pdfminer failure becomes an ``ExtractionError`` with a reason a
clerk understands (encrypted, not a PDF, malformed, no text layer, ...).
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from . import extract_ocr, letter
from .errors import ExtractionError
from .extract_ocr import OcrOptions
from .extract_repair import MIN_CONTENT_BYTES, read_pdf
from .model import Page

# pdfminer logs every recovered oddity; our own errors carry what a clerk needs
logging.getLogger("pdfminer").setLevel(logging.ERROR)

SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm", ".docx", ".odt")

# measured on the shared pack: boxes_flow=None is ~14% faster with the same text, and
# char_margin=6.0 keeps wide-gapped justified lines inside their paragraphs
LAPARAMS = dict(boxes_flow=None, char_margin=6.0)

# "Pack Page 12", its Welsh "Tudalen y pecyn 12", or both on one line
_PACK_LABEL = r"(?:Pack[ \t]+Page|Tudalen[ \t]+y[ \t]+pecyn)[ \t]+"
PACK_FOOTER = re.compile(r"^[ \t]*" + _PACK_LABEL + r"(\d+)(?:[ \t]*[/|][ \t]*" + _PACK_LABEL + r"\d+)?[ \t]*$",
                         re.MULTILINE | re.IGNORECASE)
CID = re.compile(r"\(cid:\d+\)")
MIN_CHARS = 10  # fewer real characters than this in a whole PDF means no usable text layer


@dataclass(frozen=True)
class Extraction:
    """A file's pages, and what of it could not be read ("pages 3-4 unreadable (...)"; "" when nothing)."""

    pages: list[Page]
    lost: str = ""


def extract(path: Path, ocr: OcrOptions = OcrOptions()) -> list[Page]:
    """The pages of text in ``path``, with "Pack Page N" footers removed and N kept
    as the page number. Raises ExtractionError."""
    return extract_file(path, ocr).pages


def extract_file(path: Path, ocr: OcrOptions = OcrOptions()) -> Extraction:
    """``extract``, with what could not be read. Pages read by OCR carry their confidence."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractionError(ExtractionError.UNSUPPORTED, suffix or "no extension")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ExtractionError(ExtractionError.UNREADABLE, e.strerror or str(e)) from None
    if size == 0:
        raise ExtractionError(ExtractionError.EMPTY, "the file has no bytes")
    if suffix == ".pdf":
        extraction = _pdf_pages(path, ocr)
        pages = extraction.pages
    elif suffix in (".docx", ".odt"):
        from .extract_office import docx_text, odt_text

        pages = text_pages(docx_text(path) if suffix == ".docx" else odt_text(path))
        extraction = Extraction(pages)
    else:
        text = decode(path.read_bytes())
        if suffix in (".html", ".htm"):
            text = html_to_text(text)
        elif suffix == ".md":
            text = markdown_to_text(text)
        pages = text_pages(text)
        extraction = Extraction(pages)
    if not any(p.text.strip() for p in pages):
        raise ExtractionError(ExtractionError.EMPTY, "no text in the file")
    return extraction


# --- plain text ------------------------------------------------------------------------

def decode(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else the detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def text_pages(text: str) -> list[Page]:
    """Split text into pages at form feeds and at "Pack Page N" footers.

    A chunk that ends with a "Pack Page N" footer is page N; a text file of a pack
    may have lost some footers, so a chunk between footers M and N is labelled N
    only if N == M + 1, otherwise its lines are spread evenly over pages M+1..N."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_pages = text.split("\f")
    out: list[Page] = []
    physical = 0
    for raw in raw_pages:
        physical += 1
        pos, chunks = 0, []
        for m in PACK_FOOTER.finditer(raw):
            chunks.append((raw[pos:m.start()], int(m.group(1))))
            pos = m.end()
        chunks.append((raw[pos:], None))
        if len(chunks) == 1:
            out.append(Page(physical, raw))
            continue
        prev_n = None
        for body, n in chunks:
            if n is None:
                if body.strip():
                    out.append(Page((prev_n or physical) + 1 if prev_n else physical, body))
                continue
            if prev_n is None or n <= prev_n + 1:
                out.append(Page(n, body))
            else:
                out.extend(_spread(body, prev_n + 1, n))
            prev_n = n
    return out


def _spread(body: str, first: int, last: int) -> list[Page]:
    lines = body.split("\n")
    count = last - first + 1
    per = max(1, -(-len(lines) // count))
    pages = []
    for i in range(count):
        part = lines[i * per:(i + 1) * per]
        if part or i == count - 1:
            pages.append(Page(first + i, "\n".join(part)))
    return pages


class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
             "article", "header", "footer", "table", "ul", "ol", "blockquote", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(source: str) -> str:
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip() + "\n"


def markdown_to_text(source: str) -> str:
    """Markdown reduced to its words: emphasis, heading marks and link targets dropped."""
    text = re.sub(r"^#{1,6}\s*", "", source, flags=re.MULTILINE)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return re.sub(r"`([^`]*)`", r"\1", text)


# --- PDF -------------------------------------------------------------------------------

def _pdf_pages(path: Path, ocr: OcrOptions) -> Extraction:
    """A PDF's pages, page by page: a page without a usable text layer is read by OCR,
    a damaged file is repaired, and what could not be read is named in ``lost``."""
    head = path.read_bytes()[:1024]
    if b"%PDF-" not in head:
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "other data"
        raise ExtractionError(ExtractionError.NOT_PDF, f"no %PDF header; the file holds {kind}")
    with read_pdf(path, LAPARAMS) as read:
        losses = _Losses()
        scans = [p for p in read.pages if _needs_ocr(p)]
        why_not = None if not scans else ("OCR is off" if not ocr.enabled else extract_ocr.missing())
        pages: list[Page] = []
        for raw in read.pages:
            if raw not in scans:
                pages.append(Page(raw.index, raw.text))
                continue
            if why_not is None:
                try:
                    found = extract_ocr.ocr_page(read.path, raw.index, ocr)
                except extract_ocr.OcrError as error:
                    losses.add(raw.index, f"not read by OCR ({error})")
                    continue
                if _real_chars(found.text) or raw.text is not None:
                    pages.append(Page(raw.index, found.text, ocr=True, ocr_confidence=found.confidence))
                    continue
            if raw.text is None:
                losses.add(raw.index, f"unreadable ({raw.error})")
            else:
                losses.add(raw.index, f"without a text layer ({why_not})" if why_not else "without a text layer")
    if read.expected and read.expected > len(read.pages):
        losses.add_range(len(read.pages) + 1, read.expected, "missing (the file is damaged or cut short)")
    pages = _strip_furniture([_strip_page_number(_pack_footer(p)) for p in pages])
    if sum(_real_chars(p.text) for p in pages) < MIN_CHARS:
        raise _no_text(read, scans, why_not, losses)
    lost = losses.phrase()
    if read.salvaged:
        cut = f"{read.salvaged} damaged stream(s) read only up to the damage"
        lost = f"{lost}; {cut}" if lost else cut
    if lost and read.repaired:
        lost += f"; the rest {read.repaired}"
    return Extraction([replace(p, text=CID.sub("", p.text)) for p in pages], lost)


def _real_chars(text: str | None) -> int:
    return len(re.sub(r"\s", "", CID.sub("", text or "")))


def _needs_ocr(raw) -> bool:
    """A page to read by OCR: one pdfminer could not read, or one whose text layer holds
    (almost) nothing or mostly glyphs without a Unicode mapping, and which draws an image,
    such glyphs, or content that pdfminer could not make text of (poppler, which renders
    it, may recover more of a damaged stream)."""
    if raw.text is None:
        return True
    text = PACK_FOOTER.sub("", raw.text)
    lines = [ln for ln in text.split("\n") if ln.strip() and not PAGE_NUMBER_LINE.match(ln)]
    real, unmapped = _real_chars("\n".join(lines)), len(CID.findall(raw.text))
    if real >= MIN_CHARS and unmapped <= real:
        return False
    return raw.images > 0 or unmapped > 0 or raw.content_bytes > MIN_CONTENT_BYTES


def _no_text(read, scans, why_not: str | None, losses: "_Losses") -> ExtractionError:
    """The error for a PDF that gave no usable text."""
    if read.pages and all(p.text is None for p in read.pages):
        return ExtractionError(ExtractionError.MALFORMED, losses.phrase())
    if read.repaired:  # what the damage left is not text: a cut-off font, a lost content stream
        return ExtractionError(ExtractionError.MALFORMED,
                               f"damaged; {read.repaired}, but its {len(read.pages)} page(s) hold no readable text")
    cids = sum(len(CID.findall(p.text or "")) for p in read.pages)
    detail = (f"{cids} glyphs without a Unicode mapping" if cids
              else f"{len(read.pages)} page(s) with no extractable text (scanned images?)")
    if scans and why_not:
        detail += f"; {why_not}"
    elif scans:
        detail += "; OCR found no words"
    return ExtractionError(ExtractionError.NO_TEXT, detail)


class _Losses:
    """Pages that could not be read, each with why, phrased as "pages 3-4 unreadable (...)"."""

    def __init__(self) -> None:
        self._pages: list[tuple[int, str]] = []

    def add(self, page: int, why: str) -> None:
        self._pages.append((page, why))

    def add_range(self, first: int, last: int, why: str) -> None:
        self._pages.extend((n, why) for n in range(first, last + 1))

    def phrase(self) -> str:
        runs: list[list] = []  # [first, last, why]
        for page, why in self._pages:
            if runs and runs[-1][2] == why and runs[-1][1] == page - 1:
                runs[-1][1] = page
            else:
                runs.append([page, page, why])
        return "; ".join((f"page {a}" if a == b else f"pages {a}-{b}") + f" {why}" for a, b, why in runs)


def _layout_text(container) -> str:
    """Text of a page layout, including text drawn inside form XObjects (figures)."""
    from pdfminer.layout import LTChar, LTFigure, LTTextContainer

    parts: list[str] = []
    for el in container:
        if isinstance(el, LTTextContainer):
            parts.append(el.get_text() + "\n")  # a blank line between text boxes keeps paragraphs apart
        elif isinstance(el, LTFigure):
            inner = _layout_text(el)
            if inner.strip():
                parts.append(inner if inner.endswith("\n") else inner + "\n")
        elif isinstance(el, LTChar):
            parts.append(el.get_text())
    return "".join(parts)


_PAGE_NO = r"[-\u2013\u2014]?\s*(?:(?:page|tudalen)\s+)?\d{1,4}(?:\s+(?:of|o)\s+\d{1,4})?\s*[-\u2013\u2014]?"
# "7", "Page 2 of 3", "Tudalen 2 o 3", "- 2 -", or a bilingual pair "Tudalen 2 o 3 / Page 2 of 3"
PAGE_NUMBER_LINE = re.compile(r"^\s*" + _PAGE_NO + r"(?:\s*[/|]\s*" + _PAGE_NO + r")?\s*$", re.IGNORECASE)


def _strip_page_number(page: Page) -> Page:
    """Drop a bare page number printed as the first or last line of a page."""
    lines = page.text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and PAGE_NUMBER_LINE.match(lines[-1]):
        lines.pop()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None and PAGE_NUMBER_LINE.match(lines[first]):
        del lines[first]
    return replace(page, text="\n".join(lines) + "\n")


def _pack_footer(page: Page) -> Page:
    """Remove a "Pack Page N" footer and take N as the page number."""
    found = list(PACK_FOOTER.finditer(page.text))
    if not found:
        return page
    number = int(found[-1].group(1))
    return replace(page, number=number, text=PACK_FOOTER.sub("", page.text))


FURNITURE_ZONE = 2        # text blocks at the top and at the bottom of a page where running heads and footers sit
FURNITURE_MAX_LINES = 2
FURNITURE_MAX_WORDS = 12
RUNNING_SENTENCE = re.compile(r"[a-z0-9\u00DF-\u017F)'\u2019][.!?]\s+[A-Z\u00C0-\u00DE]")  # "... schools. The committee"


def _strip_furniture(pages: list[Page]) -> list[Page]:
    """Drop running headers and footers: a short block of text (one or two lines set apart
    by blank lines) that recurs at the top, or at the bottom, of most pages of the file
    ("Senedd Cymru / Welsh Parliament", "Tudalen 2 o 3", a charity number). Numbers in
    such a block stay the same or count the pages up ("Page 2 of 3"); one whose numbers
    do neither is content ("Recommendation 3"). Paragraphs, a letterhead on page 1 that
    a signature repeats at the end, and a pack's committee header and paper references
    (they mark where its papers begin) all stay."""
    if len(pages) < 2:
        return pages
    seen: dict[tuple, set[int]] = {}
    page_blocks = [_blocks(p.text) for p in pages]
    for i, blocks in enumerate(page_blocks):
        for side, block in _zone(blocks):
            for key in _furniture_keys(block, i):
                seen.setdefault((side, *key), set()).add(i)
    need = max(2, -(-len(pages) // 2))
    # a letterhead (or a dateline, or a cc list) repeated by each letter of a file of letters recurs
    # only on the pages where those letters begin; a running header is on their later pages too
    opening = {i for i, blocks in enumerate(page_blocks)
               if any(letter.salutation(ln) for b in blocks for ln in b)}
    furniture = {key for key, where in seen.items() if len(where) >= need and where - opening}
    if not furniture:
        return pages
    out = []
    for i, (page, blocks) in enumerate(zip(pages, page_blocks)):
        drop = {id(block) for side, block in _zone(blocks)
                if any((side, *key) in furniture for key in _furniture_keys(block, i))}
        if not drop:
            out.append(page)
            continue
        kept = [block for block in blocks if id(block) not in drop]
        out.append(replace(page, text="\n\n".join("\n".join(b) for b in kept) + "\n"))
    return out


def _blocks(text: str) -> list[list[str]]:
    """A page's text as blocks of lines between blank lines."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _zone(blocks: list[list[str]]) -> list[tuple[str, list[str]]]:
    top = [("top", b) for b in blocks[:FURNITURE_ZONE]]
    bottom = [("bottom", b) for b in blocks[-FURNITURE_ZONE:]]
    return top + [z for z in bottom if all(z[1] is not t[1] for t in top)]


def _furniture_keys(block: list[str], index: int) -> list[tuple]:
    """What makes blocks on two pages "the same" furniture: the same words and numbers, or the
    same words with a first number that moves with the page ("Tudalen 2 o 3", "Tudalen 3 o 3")."""
    text = re.sub(r"\s+", " ", " ".join(block)).strip()
    if (len(block) > FURNITURE_MAX_LINES or len(text.split()) > FURNITURE_MAX_WORDS or letter.dateline(text)
            or any(letter.PACK_HEADER.match(ln) or letter.paper_ref(ln) for ln in block)):
        return []
    if text[0].islower() or RUNNING_SENTENCE.search(text):
        return []  # a line of a paragraph (the PDF put each line in a box of its own), not furniture
    keys: list[tuple] = [("same", text)]
    first = re.search(r"\d+", text)
    if first and len(first.group()) <= 4:
        keys.append(("counts", re.sub(r"\d+", "#", text), int(first.group()) - index))
    return keys
