"""Read a PDF page that has no usable text layer with Tesseract (English and Welsh).

    ocr_page(pdf, index, options) -> OcrText(text, confidence)

The page is rendered to a greyscale image by poppler's ``pdftoppm`` and read by the
``tesseract`` program (Debian: tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-cym).
Both run as child processes that die with their parent (an extraction worker killed
at its deadline takes them along) and each page has its own time limit. Tesseract
runs single-threaded: parallelism comes from the worker pool, not from OpenMP
threads fighting over the same cores.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("eng", "cym")
# measured over ../shared/pdfs/scanned (benchmarks/bench_ocr.py): 150-dpi office scans
# rendered at 300 dpi read no better than at 200 and cost twice the time
DPI = 200
PAGE_SECONDS = 120.0
INSTALL_HINT = "install Tesseract to read it: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym poppler-utils"


@dataclass(frozen=True)
class OcrOptions:
    """``enabled=False`` is ``--no-ocr``; ``page_seconds`` is the time limit of one page."""

    enabled: bool = True
    page_seconds: float = PAGE_SECONDS
    dpi: int = DPI


@dataclass(frozen=True)
class OcrText:
    text: str
    confidence: float | None  # Tesseract's mean word confidence, 0-100; None when no word was read


class OcrError(Exception):
    """A page Tesseract could not read: ``str(error)`` says why, for the failure report."""


# Called with a page's time limit just before OCR of that page starts. The indexing
# worker sets it to extend the file's deadline, so a scanned pack is not cut off by
# the per-file limit that suits text PDFs.
on_page_start: Callable[[float], None] | None = None


def missing() -> str | None:
    """Why OCR cannot run here (a program or a language missing, with the install hint), or None."""
    for program in ("tesseract", "pdftoppm"):
        if shutil.which(program) is None:
            return f"{program} is not installed; {INSTALL_HINT}"
    langs = _languages()
    absent = [lang for lang in LANGUAGES if lang not in langs]
    if absent:
        return f"Tesseract has no {'+'.join(absent)} language data; {INSTALL_HINT}"
    return None


_LANGS: set[str] | None = None


def _languages() -> set[str]:
    global _LANGS
    if _LANGS is None:
        try:
            out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                                 timeout=30, preexec_fn=_die_with_parent).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        _LANGS = {ln.strip() for ln in out.splitlines()[1:] if ln.strip()}
    return _LANGS


def ocr_page(pdf: Path, index: int, options: OcrOptions = OcrOptions()) -> OcrText:
    """The text Tesseract reads on page ``index`` (1-based) of ``pdf``. Raises OcrError."""
    if on_page_start is not None:
        on_page_start(options.page_seconds)
    with tempfile.TemporaryDirectory(prefix="evidex-ocr-") as tmp:
        image = Path(tmp, "page.png")
        budget = _Budget(options.page_seconds)
        _run(["pdftoppm", "-r", str(options.dpi), "-gray", "-png", "-singlefile",
              "-f", str(index), "-l", str(index), str(pdf), str(image.with_suffix(""))],
             budget, "rendering")
        if not image.exists():
            raise OcrError("the page could not be rendered")
        base = Path(tmp, "out")
        _run(["tesseract", str(image), str(base), "-l", "+".join(LANGUAGES), "txt", "tsv"],
             budget, "Tesseract")
        text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    return OcrText(text.replace("\f", ""), mean_confidence(tsv))


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence of the words in Tesseract's TSV output (rows of level 5 with text)."""
    confs = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            try:
                conf = float(cols[10])
            except ValueError:
                continue
            if conf >= 0:
                confs.append(conf)
    return round(sum(confs) / len(confs), 1) if confs else None


class _Budget:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.left = seconds

    def spend(self, run: Callable[[float], None]) -> None:
        import time

        started = time.monotonic()
        try:
            run(max(0.1, self.left))
        finally:
            self.left -= time.monotonic() - started


def _run(cmd: list[str], budget: _Budget, what: str) -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def run(seconds: float) -> None:
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=seconds, env=env,
                                  preexec_fn=_die_with_parent)
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR gave up after {budget.seconds:g} s on the page") from None
        except OSError as error:
            raise OcrError(f"{what} could not start: {error.strerror or error}") from None
        if done.returncode != 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
            raise OcrError(f"{what} failed (exit {done.returncode}){': ' + last[:160] if last else ''}")

    budget.spend(run)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: be killed when the parent (the worker) dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
