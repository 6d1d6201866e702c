"""Word (.docx) and OpenDocument (.odt) files as text, in reading order.

    docx_text(path) -> str        odt_text(path) -> str

Paragraphs one to a line with a blank line between them (the splitter and the passage
cutter read blocks the same way as in a PDF), table rows as blocks of their cells, the
page headers above the body and the footers below it (each distinct one once). An
explicit page break becomes a form feed, so page numbers follow the document's own.
Raises ExtractionError for a file that is not what its name says.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .errors import ExtractionError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: old .doc, or an encrypted .docx


def _check_zip(path: Path, kind: str) -> None:
    head = path.read_bytes()[:8]
    if head == OLE_MAGIC:
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ExtractionError(ExtractionError.ENCRYPTED, f"a password-protected {kind}")
        raise ExtractionError(ExtractionError.UNSUPPORTED, f"an old binary Word/Office file, not a {kind}")
    if not zipfile.is_zipfile(path):
        raise ExtractionError(ExtractionError.MALFORMED, f"not a {kind}: the file is not a zip package")


# --- Word ------------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(path, ".docx")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as e:
        raise ExtractionError(ExtractionError.MALFORMED, f"not a readable .docx ({type(e).__name__}: {e})") from None
    except Exception as e:  # lxml's XMLSyntaxError and friends from a damaged part
        if type(e).__module__.startswith("lxml"):
            raise ExtractionError(ExtractionError.MALFORMED, f"damaged XML in the .docx ({e})") from None
        raise
    headers, footers = [], []
    for section in document.sections:
        for part, out in ((section.first_page_header, headers), (section.header, headers),
                          (section.footer, footers), (section.first_page_footer, footers)):
            block = _docx_blocks(part.iter_inner_content())
            if block.strip() and block not in out:
                out.append(block)
    body = _docx_blocks(document.iter_inner_content())
    return "\n\n".join([*headers, body, *footers]).strip() + "\n"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_blocks(items) -> str:
    from docx.table import Table

    parts: list[str] = []
    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                cells = _unique_cells(row.cells)
                parts.append("\n".join(c for c in cells if c))
            parts.append("")
            continue
        if item._p.xpath("./w:pPr/w:pageBreakBefore") and parts:
            parts.append("\f")
        parts.append(item.text)
        if any(br.get(_W + "type") == "page" for br in item._p.iter(_W + "br")):
            parts.append("\f")
    return _join(parts)


def _unique_cells(cells) -> list[str]:
    """A row's cell texts; a merged cell is reported once per column it spans, so keep it once."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append("\n".join(p.text for p in cell.paragraphs).strip())
    return out


def _join(parts: list[str]) -> str:
    """Paragraphs as blocks separated by a blank line; form feeds kept on their own."""
    text = "\n\n".join(parts)
    return text.replace("\n\n\f\n\n", "\f").replace("\n\n\f", "\f").replace("\f\n\n", "\f")


# --- OpenDocument ----------------------------------------------------------------------

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def odt_text(path: Path) -> str:
    """The text of an OpenDocument text file, read from its XML parts (content.xml, and
    styles.xml for the page header and footer)."""
    _check_zip(path, ".odt")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "content.xml" not in names:
                raise ExtractionError(ExtractionError.MALFORMED, "not an OpenDocument file (no content.xml)")
            content = ElementTree.fromstring(z.read("content.xml"))
            styles = ElementTree.fromstring(z.read("styles.xml")) if "styles.xml" in names else None
    except (zipfile.BadZipFile, KeyError, OSError) as e:
        raise ExtractionError(ExtractionError.MALFORMED, f"damaged .odt package ({e})") from None
    except ElementTree.ParseError as e:
        raise ExtractionError(ExtractionError.MALFORMED, f"damaged XML in the .odt ({e})") from None
    headers, footers = [], []
    if styles is not None:
        for tag, out in ((f"{{{_STYLE}}}header", headers), (f"{{{_STYLE}}}footer", footers)):
            for el in styles.iter(tag):
                block = _odf_blocks(el)
                if block.strip() and block not in out:
                    out.append(block)
    body = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    text = _odf_blocks(body) if body is not None else ""
    return "\n\n".join([*headers, text, *footers]).strip() + "\n"


def _odf_blocks(container) -> str:
    parts: list[str] = []
    _odf_walk(container, parts)
    return _join(parts)


def _odf_walk(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
            parts.append(_odf_inline(child, parts))
        elif tag == f"{{{_TABLE}}}table":
            for row in child.iter(f"{{{_TABLE}}}table-row"):
                cells = []
                for cell in row.findall(f"{{{_TABLE}}}table-cell"):
                    inner: list[str] = []
                    _odf_walk(cell, inner)
                    cells.append("\n".join(p for p in inner if p.strip()))
                parts.append("\n".join(c for c in cells if c))
            parts.append("")
        elif tag == f"{{{_TEXT}}}soft-page-break":
            parts.append("\f")
        elif tag in (f"{{{_TEXT}}}list", f"{{{_TEXT}}}list-item", f"{{{_TEXT}}}section",
                     f"{{{_TEXT}}}list-header", f"{{{_TEXT}}}index-body"):
            _odf_walk(child, parts)


def _odf_inline(el, parts: list[str]) -> str:
    """A paragraph's text: spans, links, <text:s c="N"/> spaces, tabs and line breaks."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            out.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
        elif tag == f"{{{_TEXT}}}tab":
            out.append("\t")
        elif tag == f"{{{_TEXT}}}line-break":
            out.append("\n")
        elif tag == f"{{{_TEXT}}}soft-page-break":
            pass
        elif tag in (f"{{{_TEXT}}}note", ):
            pass  # footnotes: their citation mark would break the sentence
        else:
            out.append(_odf_inline(child, parts))
        out.append(child.tail or "")
    return "".join(out)
