"""What a hostile request costs the server beside an ordinary search (issue 13). By hand:

    .venv/bin/python benchmarks/bench_hostile.py --passages 100000 --out /tmp/evidex-bench

Reuses (or builds) bench_search.py's scaled index, then sends every request of
tests/web/hostile_requests.py (HOSTILE) and the ordinary requests beside them (ORDINARY,
the yardstick) through the real Flask app in this process, and prints each one's CPU
time (median of --runs, after one warm-up) with its status. The last line compares the
costliest hostile request with the costliest ordinary one. ``--unguarded`` also times
the 10,000-character word on the store with the limits lifted, as it cost before them.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "web"))

from bench_search import CORPUS, build, paragraphs, synthetic_docs  # noqa: E402
from hostile_requests import HOSTILE, LONG_WORD, ORDINARY  # noqa: E402

from indexer.errors import IndexMissingError  # noqa: E402
from indexer.store import Index  # noqa: E402
from webui import create_app  # noqa: E402


def cpu_ms(client, path: str, runs: int) -> tuple[float, int]:
    status = client.get(path).status_code  # warm-up: caches a first request fills
    times = []
    for _ in range(runs):
        t = time.process_time()
        client.get(path)
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times), status


def unguarded_long_word(index_dir: Path) -> float:
    """The long word searched on the store with the suggestion limit lifted."""
    from indexer import store
    saved, store.SUGGEST_MAX_WORD = store.SUGGEST_MAX_WORD, 10 ** 9
    try:
        ix = Index.open(index_dir)
        t = time.process_time()
        ix.search(LONG_WORD)
        return (time.process_time() - t) * 1000
    finally:
        store.SUGGEST_MAX_WORD = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/evidex-bench"))
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--unguarded", action="store_true")
    a = ap.parse_args()

    if a.rebuild and a.out.exists():
        shutil.rmtree(a.out)
    try:
        Index.open(a.out)
        print(f"reusing index at {a.out}")
    except IndexMissingError:
        docs = synthetic_docs(a.passages, paragraphs(CORPUS))
        print(f"building {len(docs)} documents ...")
        print(f"build: {build(a.out, docs):.1f} s")
    stats = Index.open(a.out).stats()
    print(f"index: {stats['documents']} documents, {stats['passages']} passages")

    client = create_app(a.out, {"TESTING": True}).test_client()
    rows = []
    for kind, requests in (("ordinary", ORDINARY), ("hostile", HOSTILE)):
        for what, path, _ in requests:
            ms, status = cpu_ms(client, path, a.runs)
            rows.append((kind, what, status, ms))
    print(f"\n{'kind':9} {'request':48} {'status':>6} {'CPU ms':>8}")
    for kind, what, status, ms in rows:
        print(f"{kind:9} {what[:48]:48} {status:6} {ms:8.1f}")
    worst_ordinary = max((r for r in rows if r[0] == "ordinary"), key=lambda r: r[3])
    worst_hostile = max((r for r in rows if r[0] == "hostile"), key=lambda r: r[3])
    print(f"\ncostliest ordinary: {worst_ordinary[1]} {worst_ordinary[3]:.1f} ms;"
          f" costliest hostile: {worst_hostile[1]} {worst_hostile[3]:.1f} ms"
          f" ({worst_hostile[3] / worst_ordinary[3]:.2f}x)")
    if a.unguarded:
        print(f"unguarded: the {len(LONG_WORD):,}-character word on the store without limits:"
              f" {unguarded_long_word(a.out):.0f} ms CPU")


if __name__ == "__main__":
    main()
