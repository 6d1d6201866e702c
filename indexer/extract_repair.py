"""Read a PDF page by page with pdfminer, repairing it first when it is damaged.

    with read_pdf(path) as read:   # read.pages: RawPage per physical page; read.path: the file read
        ...

A page that pdfminer cannot interpret is kept as a RawPage with ``error`` set, so the
rest of the file is still indexed and the report can say "pages 3-4 unreadable".
When pdfminer cannot open the file at all, or loses pages, the file is rebuilt by
qpdf (through pikepdf: it reconstructs a cross-reference table from the objects,
recovers streams whose /Length lies, and drops what is beyond saving) and the
rebuilt copy is read again by pdfminer; per page, the better reading wins. The
repaired copy lives until the ``with`` block ends, so OCR can render from it.
"""
from __future__ import annotations

import re
import struct
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExtractionError

CID = re.compile(r"\(cid:\d+\)")
MIN_CHARS = 10           # fewer real characters than this on a page: nothing usable
MIN_CONTENT_BYTES = 200  # a content stream this big that shows nothing is probably damaged


@dataclass(frozen=True)
class RawPage:
    index: int              # physical page, 1-based
    text: str | None        # None when the page could not be read
    error: str | None = None
    images: int = 0         # images drawn on the page (a scan has one)
    content_bytes: int = 0  # size of its content streams as stored

    @property
    def suspect(self) -> bool:
        """Read, but to no use: glyphs without a Unicode mapping (a damaged /ToUnicode map),
        or content that draws neither text nor an image (a damaged content stream)."""
        if self.text is None:
            return False
        real, unmapped = _real_chars(self.text), len(CID.findall(self.text))
        if unmapped > real:
            return True
        return real < MIN_CHARS and self.images == 0 and self.content_bytes > MIN_CONTENT_BYTES


@dataclass
class PdfRead:
    pages: list[RawPage]
    path: Path                      # the file the pages come from (the repaired copy if repaired)
    expected: int | None = None     # pages the document says it has, when it says
    repaired: str | None = None     # how it was repaired, when it was
    salvaged: int = 0               # corrupt streams read only up to their damage
    notes: list[str] = field(default_factory=list)

    @property
    def lost(self) -> list[RawPage]:
        return [p for p in self.pages if p.text is None]

    def readable_chars(self) -> int:
        return sum(_real_chars(p.text) for p in self.pages if p.text)


def _real_chars(text: str) -> int:
    return len(re.sub(r"\s", "", CID.sub("", text)))


def _broken_errors() -> tuple[type[BaseException], ...]:
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    # pdfminer raises these from deep inside broken files; each means "this part is damaged"
    return (PSException, PDFException, ValueError, KeyError, TypeError, AssertionError, IndexError,
            ZeroDivisionError, AttributeError, OverflowError, RecursionError, EOFError,
            struct.error, zlib.error, NotImplementedError)


@contextmanager
def read_pdf(path: Path, laparams: dict) -> Iterator[PdfRead]:
    """Read ``path`` page by page; repair it when pdfminer fails. Raises ExtractionError
    (encrypted, malformed) when neither the file nor a repaired copy can be opened."""
    with tempfile.TemporaryDirectory(prefix="evidex-repair-") as tmp:
        yield _read(Path(path), laparams, Path(tmp))


def _read(path: Path, laparams: dict, tmp: Path) -> PdfRead:
    open_error = None
    try:
        first = _pdfminer_read(path, laparams)
    except _OpenFailed as failed:
        first, open_error = None, failed.detail
    if first is not None and not _needs_repair(first):
        return first
    fixed = tmp / "repaired.pdf"
    how, salvaged = repair(path, fixed)
    if how.startswith("!"):  # the repairer could not rebuild it either
        if first is not None:
            first.notes.append(f"repair failed: {how[1:]}")
            return first
        raise ExtractionError(ExtractionError.MALFORMED, f"{open_error}; repair failed: {how[1:]}")
    try:
        second = _pdfminer_read(fixed, laparams)
    except _OpenFailed as failed:
        if first is not None:
            return first
        raise ExtractionError(ExtractionError.MALFORMED,
                              f"{open_error}; the repaired copy fails too: {failed.detail}") from None
    second.repaired = how
    second.salvaged = salvaged
    claimed = first.expected if first else _declared_pages(path)
    second.expected = max(filter(None, [second.expected, claimed]), default=None)
    if first is None:
        return second
    return _better(first, second)


def _needs_repair(read: PdfRead) -> bool:
    if read.lost or not read.pages or any(p.suspect for p in read.pages):
        return True
    return read.expected is not None and read.expected > len(read.pages)


def _better(first: PdfRead, second: PdfRead) -> PdfRead:
    """The original and its repaired copy, page by page when they have the same pages,
    else whichever reads more text."""
    if len(first.pages) == len(second.pages):
        pages = []
        for a, b in zip(first.pages, second.pages):
            pages.append(a if a.text is not None and _real_chars(a.text) >= _real_chars(b.text or "") else b)
        if all(p is a for p, a in zip(pages, first.pages)):
            return first
        second.pages = pages
        # pages taken from the original render the same from the repaired copy
        return second
    return second if second.readable_chars() > first.readable_chars() else first


class _OpenFailed(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def _pdfminer_read(path: Path, laparams: dict) -> PdfRead:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .extract import _layout_text

    broken = _broken_errors()
    with open(path, "rb") as handle:
        try:
            doc = PDFDocument(PDFParser(handle))
        except (PDFPasswordIncorrect, PDFEncryptionError) as e:
            raise ExtractionError(ExtractionError.ENCRYPTED, f"needs a password ({type(e).__name__})") from None
        except broken as e:
            raise _OpenFailed(_describe(e)) from None
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams(**laparams))
        interpreter = PDFPageInterpreter(manager, device)
        read = PdfRead([], Path(path), expected=_page_count(doc))
        pages = PDFPage.create_pages(doc)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                break
            except (PDFPasswordIncorrect, PDFEncryptionError) as e:
                raise ExtractionError(ExtractionError.ENCRYPTED, f"needs a password ({type(e).__name__})") from None
            except broken as e:
                read.notes.append(f"page tree broken after page {len(read.pages)}: {_describe(e)}")
                break
            index = len(read.pages) + 1
            try:
                stored = _content_bytes(page)  # before decoding drops the stored bytes
                interpreter.process_page(page)
                layout = device.get_result()
                read.pages.append(RawPage(index, _layout_text(layout), images=_images(layout),
                                          content_bytes=stored))
            except (PDFPasswordIncorrect, PDFEncryptionError) as e:
                raise ExtractionError(ExtractionError.ENCRYPTED, f"needs a password ({type(e).__name__})") from None
            except broken as e:
                read.pages.append(RawPage(index, None, _describe(e)))
    return read


def _page_count(doc) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except _broken_errors():
        return None
    return count if isinstance(count, int) and 0 < count < 100_000 else None


_PAGES_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)endobj", re.S)


def _declared_pages(path: Path) -> int | None:
    """The page count a damaged file's page tree declares (the largest /Count of a
    /Type /Pages object still in its bytes), when pdfminer could not open it to ask."""
    counts = []
    for m in _PAGES_OBJECT.finditer(path.read_bytes()):
        body = m.group(1)
        if re.search(rb"/Type\s*/Pages\b", body):
            found = re.search(rb"/Count\s+(\d+)", body)
            if found:
                counts.append(int(found.group(1)))
    best = max(counts, default=0)
    return best if 0 < best < 100_000 else None


def _content_bytes(page) -> int:
    try:
        return sum(len(stream.rawdata or stream.data or b"") for stream in page.contents)
    except _broken_errors():
        return 0


def _images(layout) -> int:
    from pdfminer.layout import LTFigure, LTImage

    n = 0
    for el in layout:
        if isinstance(el, LTImage):
            n += 1
        elif isinstance(el, LTFigure):
            n += _images(el)
    return n


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def repair(path: Path, out: Path) -> tuple[str, int]:
    """Rebuild ``path`` into ``out`` with qpdf; return how (or "!reason" when it could not)
    and how many corrupt streams were cut back to their readable start."""
    import pikepdf

    try:
        with pikepdf.open(path, suppress_warnings=True) as pdf:
            salvaged = _salvage_streams(pdf)
            warnings = pdf.get_warnings()
            pdf.save(out, encryption=False)
    except pikepdf.PasswordError:
        raise ExtractionError(ExtractionError.ENCRYPTED, "needs a password") from None
    except (pikepdf.PdfError, OSError, RuntimeError, ValueError) as e:
        return "!" + _describe(e), 0
    return (f"rebuilt by qpdf ({len(warnings)} problem(s) fixed)" if warnings else "rebuilt by qpdf"), salvaged


def _salvage_streams(pdf) -> int:
    """Replace each Flate stream that no longer inflates with the part before the damage
    (as poppler reads it): a page's text up to a flipped byte is better than none."""
    import pikepdf

    salvaged = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Filter") != pikepdf.Name.FlateDecode:
            continue
        try:
            obj.read_bytes()
            continue
        except (pikepdf.PdfError, RuntimeError, ValueError):
            pass
        try:
            data = inflate_prefix(obj.read_raw_bytes())
        except (pikepdf.PdfError, RuntimeError, ValueError):
            continue
        if data:
            obj.write(data)  # stored uncompressed, without the filter
            if "/DecodeParms" in obj:
                del obj["/DecodeParms"]
            salvaged += 1
    return salvaged


def inflate_prefix(raw: bytes, chunk: int = 4096) -> bytes:
    """What zlib can inflate of ``raw`` before it meets damage."""
    inflater, out, at = zlib.decompressobj(), [], 0
    while at < len(raw):
        before = inflater.copy()
        try:
            out.append(inflater.decompress(raw[at:at + chunk]))
            at += chunk
            continue
        except zlib.error:
            inflater = before
        for i in range(at, min(at + chunk, len(raw))):  # the failing chunk, a byte at a time
            try:
                out.append(inflater.decompress(raw[i:i + 1]))
            except zlib.error:
                return b"".join(out)
        break
    return b"".join(out)
