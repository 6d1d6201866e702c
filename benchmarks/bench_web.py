"""Load test of the web page and JSON API on the real server.

Starts ``python -m webui.server`` (waitress) in a subprocess over an index (one is
built from the shared corpus into a temporary folder when --index is not given),
then drives it from this process with N concurrent keep-alive clients for a bounded
time over a mix of searches, bodies, API calls and document pages. Prints
throughput, p50/p95/p99 latency and the error count; exits 1 if any request failed.

    .venv/bin/python benchmarks/bench_web.py --seconds 20 --clients 20
"""
from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "text"
QUERIES = ["children", "targets", "penalties", '"looked after"', "local AND authority",
           "recommendation NOT hospital", "care OR nutrition", "commissioner", "funding", "qwxzvbnm"]
FILTERS = [{}, {"org": "WLGA"}, {"type": "letter"}, {"from": "2019", "to": "2019"},
           {"from": "2019-11"}, {"rec": "3"}]


def start_server(index_dir: Path, threads: int, log: Path) -> tuple[subprocess.Popen, int]:
    """The server in a subprocess on a free port; its log (waitress warnings) goes to ``log``."""
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "webui.server", "--index", str(index_dir), "--port", "0",
             "--threads", str(threads)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True)
    line = proc.stdout.readline()  # "evidex: serving DIR at http://127.0.0.1:PORT/"
    if "http://" not in line:
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}\n{log.read_text()}")
    return proc, int(line.rsplit(":", 1)[1].strip(" /\n"))


def request(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def url_mix(port: int) -> list[tuple[str, str]]:
    """(kind, path) pairs: every query x filter for pages and API, plus document pages."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, body = request(conn, "/api/search?" + urlencode({"q": "children OR targets", "limit": 50}))
    if status != 200:
        raise SystemExit(f"warm-up search failed: {status} {body[:200]!r}")
    ids = [h["doc_id"] for h in json.loads(body)["hits"]]
    conn.close()
    mix = []
    for q, f in itertools.product(QUERIES, FILTERS):
        args = urlencode({"q": q, **f})
        mix += [("search page", f"/?{args}"), ("bodies page", f"/bodies?{args}"),
                ("api search", f"/api/search?{args}"), ("api bodies", f"/api/bodies?{args}")]
    for doc_id in ids:
        mix += [("doc page", f"/doc/{quote(doc_id)}"), ("api doc", f"/api/docs/{quote(doc_id)}")] * 5
    return mix


_errors_lock = threading.Lock()


def _count(errors: Counter, what: str) -> None:
    with _errors_lock:
        errors[what] += 1


def client(port: int, mix: list, stop_at: float, seed: int, out: list, errors: Counter) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        kind, path = rng.choice(mix)
        started = time.perf_counter()
        try:
            status, _ = request(conn, path)
        except (OSError, http.client.HTTPException) as exc:
            _count(errors, f"{kind}: {type(exc).__name__}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        out.append((kind, time.perf_counter() - started))
        if status != 200:
            _count(errors, f"{kind}: HTTP {status} {path}")
    conn.close()


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index folder (default: build one from the shared corpus)")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        index_dir = args.index
        if index_dir is None:
            sys.path.insert(0, str(REPO))
            from indexer.pipeline import run_index

            index_dir = Path(tmp) / "ix"
            summary = run_index([CORPUS], index_dir)
            print(f"built index from {CORPUS}: {summary.added} files in {summary.seconds:.1f}s")
        proc, port = start_server(index_dir, args.threads, Path(tmp) / "server.log")
        try:
            mix = url_mix(port)
            samples: list[tuple[str, float]] = []
            errors: Counter = Counter()
            stop_at = time.monotonic() + args.seconds
            workers = [threading.Thread(target=client, args=(port, mix, stop_at, i, samples, errors))
                       for i in range(args.clients)]
            started = time.monotonic()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            elapsed = time.monotonic() - started
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    latencies = sorted(t for _, t in samples)
    by_kind = defaultdict(list)
    for kind, t in samples:
        by_kind[kind].append(t)
    n_errors = sum(errors.values())
    print(f"{args.clients} clients, {elapsed:.1f}s, server threads {args.threads}, {len(mix)} distinct URLs")
    print(f"requests {len(samples)}  throughput {len(samples) / elapsed:.1f} req/s  errors {n_errors}")
    if latencies:
        print("latency ms  p50 {:.1f}  p95 {:.1f}  p99 {:.1f}  max {:.1f}".format(
            *(1000 * percentile(latencies, p) for p in (50, 95, 99, 100))))
    for kind, ts in sorted(by_kind.items()):
        ts.sort()
        print(f"  {kind:<12} n={len(ts):<6} p50 {1000 * statistics.median(ts):7.1f} ms"
              f"  p95 {1000 * percentile(ts, 95):7.1f} ms")
    for what, count in errors.most_common(10):
        print(f"  error x{count}: {what}")
    return 1 if n_errors else 0


if __name__ == "__main__":
    sys.exit(main())
