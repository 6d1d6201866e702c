"""Indexing benchmark (run by hand; needs the real ingest and store).

Generates the PDF set with make_pdfs.py (kept between runs), reads it once so that
no run pays for a cold disk, then prints, for each of --rounds rounds: pages/second
for pdfminer.six alone (``extract_text`` with evidex's LAParams) in one process, a
first evidex run with --jobs 1, pdfminer.six in two processes and a first run with
--jobs 2 (fresh index each), with each round's ratios. The yardstick and the run it
is compared with are measured back to back, so that a change in this shared
machine's speed between rounds moves both; the medians of the rounds' ratios follow.
Then: the re-run time over the unchanged folder (aim: under 5% of the first run),
the time to add one new pack to the large existing index, peak memory of this
process and of its largest child, and poppler's ``pdftotext`` over the same PDFs.

    .venv/bin/python benchmarks/bench_index.py [--out bench-out/index] [--letters 300] [--packs 4] [--rounds 3]
"""
from __future__ import annotations

import argparse
import multiprocessing.forkserver
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from indexer.pipeline import RunSummary, run_index  # noqa: E402
from make_pdfs import corpus_paragraphs, make_pack, make_pdfs  # noqa: E402


def pdf_set(folder: Path, letters: int, packs: int) -> dict[Path, int]:
    """The benchmark PDFs, generated once and reused while their pages.tsv matches."""
    listing = folder / "pages.tsv"
    if listing.exists():
        rows = [line.split("\t") for line in listing.read_text().splitlines()]
        if len(rows) == letters + packs:
            return {folder / name: int(n) for name, n in rows}
        shutil.rmtree(folder)
    started = time.perf_counter()
    pages = make_pdfs(folder, letters, packs)
    print(f"generated {len(pages)} PDFs in {time.perf_counter() - started:.1f} s")
    return pages


def timed_run(docs: Path, index_dir: Path, jobs: int) -> RunSummary:
    summary = run_index([docs], index_dir, jobs=jobs)
    if summary.failed:
        print(f"  !! {summary.failed} failed: {summary.failures[:3]}")
    return summary


def first_run(docs: Path, work: Path, jobs: int, pages: int) -> RunSummary:
    index_dir = work / f"index-jobs{jobs}"
    shutil.rmtree(index_dir, ignore_errors=True)
    summary = timed_run(docs, index_dir, jobs)
    print(f"first run, --jobs {jobs}: {pages} pages in {summary.seconds:.1f} s = "
          f"{pages / summary.seconds:.1f} pages/s   [{summary.summary_line()}]")
    return summary


def pdftotext_yardstick(paths: list[Path], pages: int) -> None:
    if shutil.which("pdftotext") is None:
        print("pdftotext: not installed (apt-get install poppler-utils)")
        return
    started = time.perf_counter()
    for path in paths:
        subprocess.run(["pdftotext", "-q", str(path), "-"], check=False,
                       stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    print(f"pdftotext, one process at a time: {pages} pages in {seconds:.1f} s = "
          f"{pages / seconds:.1f} pages/s")


def _pdfminer_pages(path: str) -> None:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    from indexer.extract import LAPARAMS
    extract_text(path, laparams=LAParams(**LAPARAMS))


def pdfminer_yardstick(paths: list[Path], pages: int, procs: int) -> float:
    """pages/s for pdfminer.six alone over ``paths`` in ``procs`` processes, largest first."""
    import multiprocessing

    ordered = sorted((str(p) for p in paths), key=lambda p: -Path(p).stat().st_size)
    started = time.perf_counter()
    with multiprocessing.get_context("forkserver").Pool(procs) as pool:
        for _ in pool.imap_unordered(_pdfminer_pages, ordered, chunksize=1):
            pass
    rate = pages / (time.perf_counter() - started)
    print(f"pdfminer.six alone, {procs} process{'es' if procs > 1 else ''}: {rate:.1f} pages/s")
    return rate


def peak_memory() -> None:
    """Peak RSS of this process and of its largest child. Workers are children
    of the forkserver, so stop it first: once reaped, its children count too."""
    multiprocessing.forkserver._forkserver._stop()  # private, but this is a benchmark
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {own:.0f} MB, largest worker {child:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench-out/index"))
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--packs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    docs = args.out / "pdfs"
    pages = pdf_set(docs, args.letters, args.packs)
    total = sum(pages.values())
    print(f"{len(pages)} PDFs, {total} pages")

    warm = sum(len(path.read_bytes()) for path in pages)
    print(f"read {warm / 1e6:.1f} MB once, so that every run finds the files in the page cache")

    scaling, of_one, of_two = [], [], []
    for round_ in range(1, args.rounds + 1):
        print(f"round {round_}:")
        miner_one = pdfminer_yardstick(list(pages), total, 1)
        one = first_run(docs, args.out, 1, total)
        miner_two = pdfminer_yardstick(list(pages), total, 2)
        two = first_run(docs, args.out, 2, total)
        scaling.append(one.seconds / two.seconds)
        of_one.append(100 * total / one.seconds / miner_one)
        of_two.append(100 * total / two.seconds / miner_two)
        print(f"  --jobs 2 vs --jobs 1: {scaling[-1]:.2f}x "
              f"(pdfminer alone, 2 processes vs 1: {miner_two / miner_one:.2f}x); "
              f"--jobs 1 is {of_one[-1]:.0f}% of pdfminer's one-process rate, "
              f"--jobs 2 {of_two[-1]:.0f}% of its two-process rate")
    print(f"median of {args.rounds} rounds: --jobs 2 vs --jobs 1 {statistics.median(scaling):.2f}x; "
          f"--jobs 1 {statistics.median(of_one):.0f}% of pdfminer in one process; "
          f"--jobs 2 {statistics.median(of_two):.0f}% of pdfminer in two "
          f"(each round: {', '.join(f'{v:.0f}%' for v in of_two)})")

    again = timed_run(docs, args.out / "index-jobs2", 2)
    print(f"re-run, unchanged folder: {again.seconds:.2f} s = "
          f"{100 * again.seconds / two.seconds:.1f}% of the first run   [{again.summary_line()}]")

    new_pack = docs / "packs" / "pack-new.pdf"
    new_pages = make_pack(new_pack, random.Random(time.time_ns()), corpus_paragraphs())
    try:
        added = timed_run(docs, args.out / "index-jobs2", 2)
        print(f"one new {new_pages}-page pack into the existing index: {added.seconds:.1f} s"
              f"   [{added.summary_line()}]")
    finally:
        new_pack.unlink()
    peak_memory()
    pdftotext_yardstick(list(pages), total)


if __name__ == "__main__":
    main()
