"""How indexing and search grow with the archive (issue 11). Run by hand, not by pytest:

    .venv/bin/python benchmarks/bench_growth.py [--sizes 1000,5000,20000] [--out /tmp/evidex-growth]

For each size N it generates N + 1,000 letters with the shared generator
(``../shared/bench/scale_corpus.py``), then, through the real command line:

- builds an index of the first N with ``evidex index`` (build time, letters/s);
- adds the next 1,000 with a second ``evidex index`` run into the same index;
- after the queries, adds --further more batches of 1,000 (other generator seeds), one run
  each, so that runs which merge segments are among those timed;
- prints the index size per passage beside the passages' own text per passage;
- serves it with ``evidex serve`` and times each kind of query through the HTTP API
  (p50/p95), beside SQLite FTS5 over the same passages in the same run
  (``../shared/bench/fts5_yardstick.py``'s queries and FTS5 side).

Yardsticks measured in the same run: ``ingest_file`` (extract, split, tag: the
reading an index run cannot avoid) over the first 1,000 letters in one process,
and FTS5's build over the same passages. The machine is shared: compare ratios.
Generated letters and indexes are kept in --out (reused with --reuse).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCH = Path(os.environ.get("EVIDEX_SHARED_BENCH", ROOT.parent / "shared" / "bench"))
if not SHARED_BENCH.exists():
    SHARED_BENCH = Path("/work/shared/bench")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SHARED_BENCH))

import fts5_yardstick as fts  # noqa: E402

from indexer.ingest import ingest_file  # noqa: E402

EVIDEX = [sys.executable, "-c", "import cli; cli.main()"]
NEXT = 1000


def letters(out: Path, n: int) -> tuple[Path, Path, Path]:
    """(first n letters, the next 1,000, passages jsonl of all n + 1,000), generated once."""
    base = out / f"letters-{n}"
    first, extra, jsonl = base / "first", base / "next", Path(str(base / "all") + ".passages.jsonl")
    if first.is_dir() and extra.is_dir() and jsonl.exists():
        return first, extra, jsonl
    shutil.rmtree(base, ignore_errors=True)
    subprocess.run([sys.executable, str(SHARED_BENCH / "scale_corpus.py"), str(base / "all"),
                    "--letters", str(n + NEXT)], check=True, stdout=subprocess.DEVNULL)
    first.mkdir(parents=True)
    extra.mkdir()
    for path in sorted((base / "all").glob("letter-*.txt")):
        number = int(path.stem.split("-")[1])
        path.rename((first if number < n else extra) / path.name)
    return first, extra, jsonl


def further_letters(out: Path, count: int) -> list[Path]:
    """``count`` folders of 1,000 letters each from other generator seeds, generated once."""
    folders = []
    for i in range(count):
        folder = out / f"further-{i}"
        if not (folder.is_dir() and len(list(folder.glob("letter-*.txt"))) == NEXT):
            shutil.rmtree(folder, ignore_errors=True)
            subprocess.run([sys.executable, str(SHARED_BENCH / "scale_corpus.py"), str(folder),
                            "--letters", str(NEXT), "--seed", str(1000 + i)],
                           check=True, stdout=subprocess.DEVNULL)
        folders.append(folder)
    return folders


def evidex(index: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(EVIDEX + ["--index", str(index), *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def stats(index: Path) -> dict:
    out = subprocess.run(EVIDEX + ["--index", str(index), "stats", "--format", "json"],
                         check=True, cwd=ROOT, capture_output=True, text=True).stdout
    return json.loads(out)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(EVIDEX + ["--index", str(index), "serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/api/search?q=care&limit=1", timeout=60).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer")


def reading_yardstick(folder: Path, count: int = NEXT) -> float:
    """Seconds for ingest_file (extract, split, tag) over ``count`` letters, one process."""
    paths = sorted(folder.glob("*.txt"))[:count]
    started = time.perf_counter()
    for path in paths:
        ingest_file(path, str(path))
    return time.perf_counter() - started


def query_table(api: str, jsonl: Path, reps: int) -> list[tuple[str, list[float], list[float]]]:
    db = fts.fts_build(str(jsonl))
    rows = []
    for kind, queries in fts.QUERIES.items():
        ev, ft = [], []
        for q, flt in queries:
            try:
                ev += fts.timed(lambda: fts.api_query(api, kind, q, flt), reps)
            except urllib.error.HTTPError as error:  # a query the server refuses (400)
                print(f"   {kind} {q!r}: refused by the server ({error.code}: {error.read()[:120]!r})")
                continue
            ft += fts.timed(lambda: fts.fts_query(db, kind, q, flt), reps)
        rows.append((kind, ev, ft))
    return rows


def main() -> None:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--sizes", default="1000,5000,20000")
    a.add_argument("--out", type=Path, default=Path("/tmp/evidex-growth"))
    a.add_argument("--reps", type=int, default=15)
    a.add_argument("--reuse", action="store_true", help="keep an index already built in --out")
    a.add_argument("--further", type=int, default=3,
                   help="batches of 1,000 letters added after the queries, one run each")
    args = a.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    further = further_letters(args.out, args.further)
    report = []
    for n in sizes:
        first, extra, jsonl = letters(args.out, n)
        index = args.out / f"index-{n}"
        if not (args.reuse and index.exists()):
            shutil.rmtree(index, ignore_errors=True)
            built = evidex(index, "index", str(first))
            added = evidex(index, "index", str(extra))
        else:
            built = added = float("nan")
        reading = reading_yardstick(extra)
        st = stats(index)
        text = sum(len(json.loads(line)["text"].encode()) for line in open(jsonl, encoding="utf-8"))
        size = size_of(index)
        proc, api = serve(index)
        try:
            table = query_table(api, jsonl, args.reps)
        finally:
            proc.terminate()
            proc.wait()
        report.append((n, built, added, reading, st["passages"], size, text, table))
        print_size(*report[-1])
        if not args.reuse:  # a reused index already holds them
            times = [evidex(index, "index", str(folder)) for folder in further]
            print(f"   further batches of 1,000 (one run each): "
                  f"{', '.join(f'{t:.1f}' for t in times)} s")
            report[-1] = report[-1][:2] + (max([added] + times),) + report[-1][3:]
    first = next((built for n, built, *_ in report if n == NEXT), float("nan"))
    print("\nsummary (index holds N + 1,000 letters when queried; 'next 1k s' is the slowest "
          "run adding 1,000 (the next and the further ones), 'next/first' that over the first "
          "1,000's build)")
    print(f"{'letters':>8} {'build s':>8} {'letters/s':>9} {'next 1k s':>9} {'next/first':>10} "
          f"{'read 1k s':>9} {'B/passage':>9} {'x text':>6} {'worst p95/FTS5':>14}")
    for n, built, added, reading, passages, size, text, table in report:
        worst = max(fts.pct(ev, 95) / max(fts.pct(ft, 95), 0.01) for _, ev, ft in table)
        print(f"{n:8d} {built:8.1f} {n / built:9.1f} {added:9.1f} {added / first:10.2f} "
              f"{reading:9.1f} {size / passages:9.0f} {size / text:6.2f} {worst:14.2f}")


def print_size(n, built, added, reading, passages, size, text, table) -> None:
    print(f"\n== {n} letters: built in {built:.1f} s ({n / built:.1f} letters/s); next 1,000 added in "
          f"{added:.1f} s (reading alone, ingest_file in one process: {reading:.1f} s)")
    print(f"   {passages} passages; index {size / 1e6:.1f} MB = {size / passages:.0f} B/passage; "
          f"passage text {text / 1e6:.1f} MB ({size / text:.2f}x)")
    print(f"   {'kind':10} {'evidex p50':>10} {'p95':>7} {'FTS5 p50':>9} {'p95':>7} {'p95 ratio':>9}")
    for kind, ev, ft in table:
        print(f"   {kind:10} {statistics.median(ev):10.1f} {fts.pct(ev, 95):7.1f} "
              f"{statistics.median(ft):9.1f} {fts.pct(ft, 95):7.1f} {fts.pct(ev, 95) / max(fts.pct(ft, 95), 0.01):9.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
