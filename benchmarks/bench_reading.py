"""Reading benchmark (run by hand): what ``ingest_file`` (extract, split, tag, passages) and
``dedupe.signature`` cost per file, and what building the gazetteer costs once per process,
beside yardsticks measured in the same run.

Text mode (default): N letters made by ../shared/bench/scale_corpus.py into a temporary
folder (or ``--letters-dir``). The yardstick is reading each file and splitting it into
lines and words (``str.splitlines``, ``str.split``): the least any reader must do.
``--pdf``: the seed and dev PDFs (or ``--pdf-dir``); the yardstick is pdfminer's
``extract_text`` with evidex's LAParams over the same files. Figures are per file, in wall
time and in this process's CPU time (the CPU figure holds when the machine is shared).

The line readers remember lines they have read (``indexer.memo``): each pass starts with
nothing remembered, and "each file cold" reads every file with nothing remembered from the
files before it (generated letters share letterheads and paragraphs; real ones share less).
A warm-up pass first compiles the gazetteer patterns the files need (compiled when first
used; the build time printed is the gazetteer's table alone).

    .venv/bin/python benchmarks/bench_reading.py [--letters 1000] [--letters-dir DIR] [--repeat 3]
    .venv/bin/python benchmarks/bench_reading.py --pdf [--pdf-dir DIR]
"""
from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from indexer import dedupe, memo  # noqa: E402
from indexer.extract_ocr import OcrOptions  # noqa: E402
from indexer.ingest import ingest_file  # noqa: E402

NO_OCR = OcrOptions(enabled=False)
GAZETTEER_BUILD = """
import time, sys
sys.path.insert(0, {repo!r})
from indexer import gazetteer
w, c = time.perf_counter(), time.process_time()
gazetteer._load()
print(time.perf_counter() - w, time.process_time() - c)
"""


def timed(fn, files, repeat):
    """Best (wall, cpu) seconds per file of ``fn`` over ``files``, out of ``repeat`` passes,
    each pass with nothing remembered from the one before (as a run reads each file once)."""
    best = None
    for _ in range(repeat):
        memo.clear()
        w, c = time.perf_counter(), time.process_time()
        for f in files:
            fn(f)
        run = ((time.perf_counter() - w) / len(files), (time.process_time() - c) / len(files))
        best = run if best is None else min(best, run)
    return best


def yardstick_text(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        line.split()


def yardstick_pdf(path: Path) -> None:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    from indexer.extract import LAPARAMS
    try:
        extract_text(str(path), laparams=LAParams(**LAPARAMS))
    except Exception:  # noqa: BLE001 - a yardstick: a file pdfminer cannot read costs what it cost
        pass


def gazetteer_build() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", GAZETTEER_BUILD.format(repo=str(REPO))],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--letters", type=int, default=1000)
    a.add_argument("--letters-dir", type=Path)
    a.add_argument("--pdf", action="store_true")
    a.add_argument("--pdf-dir", type=Path)
    a.add_argument("--repeat", type=int, default=3)
    args = a.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp:
        if args.pdf:
            dirs = [args.pdf_dir] if args.pdf_dir else [SHARED / "corpus" / "pdf", SHARED / "eval" / "dev" / "pdf"]
            files = sorted(f for d in dirs for f in d.glob("*.pdf"))
            yard, yard_name = yardstick_pdf, "pdfminer extract_text"
        else:
            folder = args.letters_dir
            if folder is None:
                folder = Path(tmp)
                subprocess.run([sys.executable, str(SHARED / "bench" / "scale_corpus.py"), str(folder),
                                "--letters", str(args.letters)], check=True, capture_output=True)
            files = sorted(folder.glob("*.txt"))[:args.letters]
            yard, yard_name = yardstick_text, "read + splitlines + split"
        docs = {f: ingest_file(f, str(f), NO_OCR) for f in files}  # warm: gazetteer built, files cached
        texts = [d.text for f in files for d in docs[f]]

        ingest = timed(lambda f: ingest_file(f, str(f), NO_OCR), files, args.repeat)
        cold = timed(lambda f: (memo.clear(), ingest_file(f, str(f), NO_OCR)), files, args.repeat)
        signature = timed(dedupe.signature, texts, args.repeat)
        signature = tuple(s * len(texts) / len(files) for s in signature)  # per file
        yardstick = timed(yard, files, args.repeat)
    gaz = gazetteer_build()

    print(f"{len(files)} files ({len(texts)} documents), best of {args.repeat} passes; ms per file")
    print(f"{'':28} {'wall':>8} {'cpu':>8}")
    rows = [("ingest_file", ingest), ("  each file cold (memo.clear)", cold), ("dedupe.signature", signature),
            (yard_name, yardstick)]
    for name, (wall, cpu) in rows:
        print(f"{name:28} {wall * 1000:8.2f} {cpu * 1000:8.2f}")
    print(f"ingest_file / yardstick: {ingest[1] / yardstick[1]:.1f}x (cpu)")
    print(f"gazetteer build, once per process: {gaz[0] * 1000:.0f} ms wall, {gaz[1] * 1000:.0f} ms cpu")


if __name__ == "__main__":
    main()
