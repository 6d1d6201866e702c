"""The local pool against a Dask LocalCluster of 2 workers on the same PDFs (run by hand).

The set is the benchmark's generated letter PDFs and packs (make_pdfs.py, kept between
runs) plus ../shared/pdfs/scanned (read in place; their pages go through OCR). Prints,
each measured in this run:

* pages/s of a first run with the local pool (--jobs 2): the yardstick;
* pages/s of the same run on a LocalCluster of 2 single-threaded workers, and the
  cluster's start-up apart;
* the cluster path's overhead per file: many tiny text files through both, the
  difference in seconds divided by the files;
* the writer's own rate: the documents of the local run committed again by one
  writer in batches of 100, with no extraction at all (what bounds any number of
  workers).

    .venv/bin/python benchmarks/bench_dask.py [--out bench-out/dask] [--letters 100] [--packs 2] [--tiny 300] [--writer-only]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pikepdf  # noqa: E402

from bench_index import pdf_set  # noqa: E402
from indexer.executor_dask import start_local_cluster  # noqa: E402
from indexer.pipeline import RunSummary, run_index  # noqa: E402
from indexer.store import Index, prepare  # noqa: E402

SCANNED = Path(__file__).resolve().parents[2] / "shared" / "pdfs" / "scanned"


def page_count(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total


def timed(label: str, roots: list[Path], index_dir: Path, pages: int | None = None,
          **options) -> RunSummary:
    shutil.rmtree(index_dir, ignore_errors=True)
    summary = run_index(roots, index_dir, **options)
    rate = f" = {pages / summary.seconds:.1f} pages/s" if pages else ""
    print(f"{label}: {summary.seconds:.1f} s{rate}   [{summary.summary_line()}]", flush=True)
    for source, reason, detail in summary.failures[:3]:
        print(f"  !! {Path(source).name}: {reason} ({detail})")
    return summary


def writer_rate(made: Path, index_dir: Path, pages: int, every: int = 100) -> float:
    """Seconds for one writer to commit the documents of the index at ``made`` again,
    into a fresh index, in batches of ``every`` files (no extraction at all)."""
    source_index = Index.open(made)
    by_source: dict[str, list] = {}
    for doc in source_index.documents():
        by_source.setdefault(doc.source, []).append(source_index.get(doc.id))
    records = source_index.files()
    # prepared beforehand, as the workers do (store.prepare): the writer only files them
    results = [(source, records[source].content_hash, docs, prepare(docs))
               for source, docs in by_source.items()]
    shutil.rmtree(index_dir, ignore_errors=True)
    index = Index.open(index_dir, create=True)
    started = time.perf_counter()
    for start in range(0, len(results), every):
        with index.batch() as batch:
            for source, digest, docs, prepared in results[start:start + every]:
                batch.put_file(source, digest, docs, prepared=prepared)
    seconds = time.perf_counter() - started
    print(f"writer alone (same documents, batches of {every}): {len(results)} files, {pages} pages "
          f"in {seconds:.1f} s = {pages / seconds:.1f} pages/s, {len(results) / seconds:.1f} files/s",
          flush=True)
    return seconds


def tiny_files(folder: Path, count: int) -> Path:
    if not folder.exists() or len(list(folder.iterdir())) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for n in range(count):
            (folder / f"note-{n:04d}.txt").write_text(
                f"Dear Chair,\n\nA short note number {n} about waiting times.\n\nYours sincerely,\n\nA. Writer\n",
                encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench-out/dask"))
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--packs", type=int, default=2)
    parser.add_argument("--tiny", type=int, default=300, help="tiny text files for the per-file overhead")
    parser.add_argument("--writer-only", action="store_true", help="only the writer, from the last local run's index")
    args = parser.parse_args()

    generated = pdf_set(args.out / "pdfs", args.letters, args.packs)
    scans = sorted(SCANNED.glob("*.pdf"))
    roots = [args.out / "pdfs", SCANNED]
    text_pages, scan_pages = sum(generated.values()), page_count(scans)
    pages = text_pages + scan_pages
    print(f"{len(generated) + len(scans)} PDFs, {pages} pages ({scan_pages} scanned, in {len(scans)} files)",
          flush=True)

    if args.writer_only:
        writer_rate(args.out / "ix-local", args.out / "ix-writer", pages)
        return
    local = timed("local pool, --jobs 2", roots, args.out / "ix-local", pages, jobs=2)
    started = time.perf_counter()
    cluster = start_local_cluster(2)
    print(f"LocalCluster of 2 workers started in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        address = cluster.scheduler_address
        # the first run on fresh workers also pays their extraction processes' start
        dask = timed("LocalCluster, 2 workers", roots, args.out / "ix-dask", pages, scheduler=address)
        print(f"cluster / local: {local.seconds / dask.seconds:.2f}x the local pool's rate")

        notes = tiny_files(args.out / "tiny", args.tiny)
        # alternated and twice each, the faster kept: the machine is shared
        local_s, dask_s = [], []
        for _ in range(2):
            local_s.append(timed(f"{args.tiny} tiny files, local pool --jobs 2", [notes],
                                 args.out / "ix-tl", jobs=2).seconds)
            dask_s.append(timed(f"{args.tiny} tiny files, LocalCluster 2 workers", [notes],
                                args.out / "ix-td", scheduler=address).seconds)
        extra = (min(dask_s) - min(local_s)) / args.tiny
        print(f"cluster path overhead: {1000 * extra:.1f} ms per file "
              f"({1000 * min(local_s) / args.tiny:.1f} ms/file local, "
              f"{1000 * min(dask_s) / args.tiny:.1f} ms/file on the cluster, 2 at a time)")
    finally:
        cluster.close()
    writer_rate(args.out / "ix-local", args.out / "ix-writer", pages)


if __name__ == "__main__":
    main()
