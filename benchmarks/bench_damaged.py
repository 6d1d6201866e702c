"""Damaged-PDF benchmark (run by hand): how many of N damaged PDFs evidex gets text from,
beside poppler's ``pdftotext`` over the same files in the same run.

The files are made by ../shared/pdfs/mutate_pdfs.py from the seed and dev PDFs with a
fixed seed (truncated, cross-reference tables mangled, bytes flipped, stream lengths
falsified, ranges deleted, repeated or junk inserted). A file "gives text" when more than
50 words come out of it. Prints, per damage kind and in total: files with text from
pdftotext, from evidex (the real pipeline, 2 jobs), from the old whole-file pdfminer
reading, and checks that no file is lost (each indexed, or failed with a named reason and
detail; none "internal error" or "crashed"). ``--repairers`` also compares qpdf (pikepdf)
and pdfium (pypdfium2) as the repairer, in-process, over the files pdfminer cannot read
whole.

    .venv/bin/python benchmarks/bench_damaged.py [--n 1000] [--seed 12] [--out bench-out/damaged] [--ocr] [--repairers]
"""
from __future__ import annotations

import argparse
import collections
import logging
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from indexer.pipeline import CRASHED, INTERNAL_ERROR, run_index  # noqa: E402
from indexer.store import Index  # noqa: E402

SOURCES = sorted((SHARED / "corpus" / "pdf").glob("*.pdf")) + sorted((SHARED / "eval" / "dev" / "pdf").glob("*.pdf"))
MIN_WORDS = 50
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def words(text: str) -> int:
    """Words, not counting pdfminer's "(cid:N)" placeholders for unmapped glyphs."""
    return len(re.findall(r"\w+", re.sub(r"\(cid:\d+\)", " ", text)))


def kind_of(path: Path) -> str:
    return path.name.split("-")[1]


def make_mutants(folder: Path, n: int, seed: int) -> list[Path]:
    if folder.exists() and len(list(folder.glob("*.pdf"))) == n and (folder / f"seed-{seed}").exists():
        return sorted(folder.glob("*.pdf"))
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(SHARED / "pdfs" / "mutate_pdfs.py"), str(folder), str(n),
                    *map(str, SOURCES), "--seed", str(seed)], check=True)
    (folder / f"seed-{seed}").touch()
    return sorted(folder.glob("*.pdf"))


def pdftotext_words(path: Path) -> int:
    try:
        out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return 0
    return words(out.stdout.decode("utf-8", "replace"))


class _Alarm(Exception):
    pass


def _alarm(*_):
    raise _Alarm


def in_process(fn, seconds: int = 20):
    """fn() under a SIGALRM limit; None when it raises or runs out of time."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return fn()
    except _Alarm:
        return None
    except Exception:  # a benchmark counts failures, it does not judge them
        return None
    finally:
        signal.alarm(0)


def old_pdfminer_words(path: Path) -> int:
    """The reading evidex had before repair: pdfminer over the whole file, one failure fails all."""
    from pdfminer.high_level import extract_text
    return in_process(lambda: words(extract_text(str(path)))) or 0


def compare_repairers(files: list[Path], work: Path) -> None:
    """qpdf vs pdfium as the repairer: over files pdfminer cannot read whole, files with text
    after repairing and reading the copy with pdfminer, and repair seconds."""
    import pikepdf
    import pypdfium2
    import pypdfium2.raw as pdfium_c
    from pdfminer.high_level import extract_text

    def by_qpdf(src: Path, out: Path) -> None:
        with pikepdf.open(src, suppress_warnings=True) as pdf:
            pdf.save(out, encryption=False)

    def by_pdfium(src: Path, out: Path) -> None:
        doc = pypdfium2.PdfDocument(str(src))
        try:
            doc.save(str(out), flags=pdfium_c.FPDF_NO_INCREMENTAL)
        finally:
            doc.close()

    broken = [f for f in files if in_process(lambda: extract_text(str(f)) and True) is None]
    print(f"\nrepairers, over the {len(broken)} files pdfminer alone cannot read whole:")
    for name, fix in (("qpdf (pikepdf)", by_qpdf), ("pdfium (pypdfium2)", by_pdfium)):
        got, seconds = 0, 0.0
        for f in broken:
            out = work / f"rep-{f.name}"
            started = time.perf_counter()
            ok = in_process(lambda: fix(f, out) or True)
            seconds += time.perf_counter() - started
            if ok and words(in_process(lambda: extract_text(str(out))) or "") > MIN_WORDS:
                got += 1
            out.unlink(missing_ok=True)
        print(f"  {name:20s} text from {got:4d} of {len(broken)}   repair time {seconds:.1f} s")


def main() -> None:
    a = argparse.ArgumentParser()
    a.add_argument("--n", type=int, default=1000)
    a.add_argument("--seed", type=int, default=12)
    a.add_argument("--out", type=Path, default=REPO / "bench-out" / "damaged")
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--ocr", action="store_true", help="let evidex OCR pages without text (slow)")
    a.add_argument("--repairers", action="store_true", help="also compare qpdf and pdfium as the repairer")
    args = a.parse_args()
    files = make_mutants(args.out / "pdfs", args.n, args.seed)
    print(f"{len(files)} damaged PDFs from {len(SOURCES)} sources, seed {args.seed}")

    started = time.perf_counter()
    poppler = {f: pdftotext_words(f) for f in files}
    poppler_s = time.perf_counter() - started
    started = time.perf_counter()
    old = {f: old_pdfminer_words(f) for f in files}
    old_s = time.perf_counter() - started

    index_dir = args.out / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    summary = run_index([args.out / "pdfs"], index_dir, jobs=args.jobs, timeout=60.0, ocr=args.ocr)
    index = Index.open(index_dir)
    ours: dict[Path, int] = collections.Counter()
    for doc in index.documents():
        ours[Path(doc.source)] += words(doc.text)
    records = {Path(s): r for s, r in index.files().items()}

    kinds = sorted({kind_of(f) for f in files})
    print(f"\n{'damage':12s} {'files':>5s} {'pdftotext':>9s} {'evidex':>6s} {'old':>5s}   (files giving > {MIN_WORDS} words)")
    for kind in kinds + ["all"]:
        sel = [f for f in files if kind == "all" or kind_of(f) == kind]
        count = lambda got: sum(1 for f in sel if got.get(f, 0) > MIN_WORDS)
        print(f"{kind:12s} {len(sel):5d} {count(poppler):9d} {count(ours):6d} {count(old):5d}")
    print(f"\ntimes: pdftotext {poppler_s:.1f} s, old pdfminer {old_s:.1f} s, evidex (jobs {args.jobs}, "
          f"OCR {'on' if args.ocr else 'off'}) {summary.seconds:.1f} s  [{summary.summary_line()}]")

    missing = [f for f in files if f not in records]
    bugs = [(s, r, d) for s, r, d in summary.failures if r in (INTERNAL_ERROR, CRASHED)]
    unnamed = [(s, r) for s, r, d in summary.failures if not d]
    poppler_only = [f for f in files if poppler[f] > MIN_WORDS and ours.get(f, 0) <= MIN_WORDS]
    print(f"lost (no record at all): {len(missing)}; internal errors or crashes: {len(bugs)}; "
          f"failures without a detail: {len(unnamed)}; indexed with pages lost (named): {len(summary.partial)}")
    reasons = collections.Counter(r for _, r, _ in summary.failures)
    print("failure reasons:", dict(reasons.most_common()))
    for s, r, d in bugs[:10]:
        print(f"  BUG {Path(s).name}: {r}: {d}")
    for s, lost in summary.partial[:5]:
        print(f"  partly read {Path(s).name}: {lost}")
    print(f"text from pdftotext but not from evidex: {len(poppler_only)}")
    for f in poppler_only[:15]:
        rec = records.get(f)
        print(f"  {f.name}: pdftotext {poppler[f]} words, evidex {ours.get(f, 0)}"
              f" ({rec.reason}: {rec.detail})" if rec and rec.reason else f"  {f.name}: pdftotext {poppler[f]} words, evidex {ours.get(f, 0)}")
    if args.repairers:
        compare_repairers(files, args.out)


if __name__ == "__main__":
    main()
