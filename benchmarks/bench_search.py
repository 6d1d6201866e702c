"""Search and bodies latency on a scaled corpus (issue 4). Run by hand, not by pytest:

    .venv/bin/python benchmarks/bench_search.py --passages 100000 --out /tmp/evidex-bench

Builds an index of synthetic Documents whose passages are paragraphs resampled
from the shared corpus (varied organisations, authors, dates, types; a few
duplicate copies), through ``Index.batch().put_file`` as the pipeline does, then
prints build time, index size and p50/p95 latency per kind of query. Questions in
plain English (``indexer.ask``) are timed beside the query each one reads as, the
yardstick, in the same run; "reading only" is the question reader alone.
An existing index in --out is reused unless --rebuild is given.
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer import gazetteer  # noqa: E402
from indexer.ask import answer, read  # noqa: E402
from indexer.errors import IndexMissingError  # noqa: E402
from indexer.model import DOC_TYPES, Document, Filters, Passage, Recommendation  # noqa: E402
from indexer.store import Index  # noqa: E402

CORPUS = Path("/work/shared/corpus/text")
AUTHORS = ["Sally Holland", "Naomi Alleyne", "Lynne Neagle", "David Melding", "Tracey Burke",
           "Jean White", "Des Mannion", "Nick Ramsay", "Julie Morgan", "Mark Drakeford"]
DOCS_PER_FILE = 4
FILES_PER_BATCH = 250
RUNS = 40


def paragraphs(corpus: Path) -> list[str]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            para = " ".join(para.split())
            if len(para) >= 40:
                out.append(para)
    return out


def random_date(rng: random.Random) -> str | None:
    y, m, d = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}-{m:02d}-{d:02d}"] * 6 + [f"{y}-{m:02d}"] * 2 + [str(y), None])


def synthetic_docs(n_passages: int, paras: list[str], seed: int = 4) -> list[Document]:
    rng = random.Random(seed)
    orgs = gazetteer.all_names()
    docs: list[Document] = []
    made = 0
    while made < n_passages:
        if docs and rng.random() < 0.02:  # the same letter filed again elsewhere
            original = rng.choice(docs)
            chosen = [p.text for p in original.passages]
        else:
            chosen = rng.sample(paras, min(len(paras), rng.randint(4, 40)))
        doc_id = f"bench-{len(docs):06d}"
        text = "\n\n".join(chosen)
        passages, offset = [], 0
        for i, para in enumerate(chosen):
            passages.append(Passage(doc_id, i, para, page=1 + offset // 3000,
                                    recommendation=rng.choice([None] * 8 + [rng.randint(1, 12)])))
            offset += len(para) + 2
        docs.append(Document(
            id=doc_id, source="", text=text, title=chosen[0][:60],
            doc_type=rng.choice(DOC_TYPES), date=random_date(rng),
            author=rng.choice(AUTHORS + [None]),
            organisation=rng.choice(orgs + [None]),
            recommendations=tuple(Recommendation(n) for n in rng.sample(range(1, 13), rng.randint(0, 3))),
            paper_ref=rng.choice([None, None, f"PAC(5)-{rng.randint(1, 30):02d}-20 P{rng.randint(1, 9)}"]),
            pages=(1, 1 + offset // 3000), passages=tuple(passages)))
        made += len(passages)
    return docs


def build(out: Path, docs: list[Document]) -> float:
    start = time.perf_counter()
    ix = Index.open(out, create=True)
    files = [docs[i:i + DOCS_PER_FILE] for i in range(0, len(docs), DOCS_PER_FILE)]
    for b in range(0, len(files), FILES_PER_BATCH):
        with ix.batch() as batch:
            for n, group in enumerate(files[b:b + FILES_PER_BATCH], start=b):
                source = f"bench/{n:05d}.txt"
                batch.put_file(source, f"hash{n}", [_with_source(d, source) for d in group])
        print(f"  {min(len(files), b + FILES_PER_BATCH)}/{len(files)} files", file=sys.stderr)
    return time.perf_counter() - start


def _with_source(doc: Document, source: str) -> Document:
    return replace(doc, source=source)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def timed(fn, args_list: list[tuple]) -> tuple[float, float]:
    times = []
    for args in args_list:
        t = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/evidex-bench"))
    ap.add_argument("--rebuild", action="store_true")
    a = ap.parse_args()

    paras = paragraphs(CORPUS)
    if a.rebuild and a.out.exists():
        shutil.rmtree(a.out)
    try:
        ix = Index.open(a.out)
        print(f"reusing index at {a.out}")
    except IndexMissingError:
        docs = synthetic_docs(a.passages, paras)
        print(f"building {len(docs)} documents, {sum(len(d.passages) for d in docs)} passages"
              f" from {len(paras)} corpus paragraphs")
        seconds = build(a.out, docs)
        print(f"build: {seconds:.1f} s")
        ix = Index.open(a.out)
    stats = ix.stats()
    print(f"index: {stats['documents']} documents, {stats['passages']} passages,"
          f" {folder_size(a.out) / 1e6:.1f} MB")

    rng = random.Random(7)
    vocab = [w for w in re.findall(r"[a-z]{5,}", " ".join(paras).lower())]
    words = rng.sample(sorted(set(vocab)), RUNS)
    common = ["children", "care", "local", "authorities", "support", "government", "services", "families"]
    pairs = [(rng.choice(common), rng.choice(words)) for _ in range(RUNS)]
    phrases = ['"local authorities"', '"financial penalties"', '"care experienced"', '"Welsh Government"',
               '"reduction expectation"', '"looked after"']
    orgs = gazetteer.all_names()
    ix.search("warm up")
    cases = {
        "term": (ix.search, [(w,) for w in words]),
        "common term": (ix.search, [(rng.choice(common),) for _ in range(RUNS)]),
        "two-term OR": (ix.search, [(f"{x} OR {y}",) for x, y in pairs]),
        "phrase": (ix.search, [(rng.choice(phrases),) for _ in range(RUNS)]),
        "filtered (org + dates)": (ix.search, [(rng.choice(common), Filters(
            org=rng.choice(orgs), date_from=f"{y}-01-01", date_to=f"{y + 1}-06-30"))
            for y in (rng.randint(2016, 2023) for _ in range(RUNS))]),
        "faceted page 2": (lambda q: ix.search(q, limit=10, offset=10), [(rng.choice(common),) for _ in range(RUNS)]),
        "bodies": (ix.bodies, [(f"{x} OR {y}",) for x, y in pairs]),
        "bodies phrase": (ix.bodies, [(rng.choice(phrases),) for _ in range(RUNS)]),
    }
    print(f"{'query':26} {'p50 ms':>8} {'p95 ms':>8}")
    for name, (fn, args) in cases.items():
        p50, p95 = timed(fn, args)
        print(f"{name:26} {p50:8.1f} {p95:8.1f}")

    # questions, each beside the query it reads as (the yardstick)
    topics = ["financial penalties", "local authorities", "looked after children", "reduction expectation"]
    years = [rng.randint(2016, 2023) for _ in range(RUNS)]
    questions = {
        "bodies: X or Y": ("bodies", [f"Which bodies commented on {x} or {y}?" for x, y in pairs]),
        "bodies: a phrase": ("bodies", [f"Who wrote about {rng.choice(topics)}?" for _ in range(RUNS)]),
        "docs: org + month": ("documents", [
            f"What did the {rng.choice(['WLGA', 'Welsh Government', 'NSPCC'])} say about {rng.choice(common)}"
            f" in {rng.choice(['March', 'November'])} {y}?" for y in years]),
        "docs: no topic": ("documents", [f"What did the WLGA write in {y}?" for y in years]),
    }
    print(f"\n{'question (beside its query)':26} {'p50 ms':>8} {'p95 ms':>8}   {'query p50':>9} {'query p95':>9}")
    for name, (kind, texts) in questions.items():
        readings = [read(ix, t) for t in texts]
        if kind == "bodies":  # a bodies question must name a topic (two random words may not)
            texts = [t for t, r in zip(texts, readings) if r.query]
            readings = [r for r in readings if r.query]
        def as_query(r):
            return (ix.bodies if kind == "bodies" else ix.search)(r.query, r.filters)
        timed(as_query, [(r,) for r in readings])  # both once first, so neither runs cold
        q50, q95 = timed(as_query, [(r,) for r in readings])
        limit = 50 if kind == "bodies" else 10  # the defaults of Index.bodies and Index.search
        p50, p95 = timed(lambda t: answer(ix, t, kind=kind, limit=limit), [(t,) for t in texts])
        print(f"{name:26} {p50:8.1f} {p95:8.1f}   {q50:9.1f} {q95:9.1f}")
    # the reader alone, on a new index generation's first questions (nothing cached)
    fresh = Index.open(a.out)
    r50, r95 = timed(lambda t: read(fresh, t), [(t,) for _, texts in questions.values() for t in texts])
    print(f"{'reading only, first time':26} {r50:8.1f} {r95:8.1f}")


if __name__ == "__main__":
    main()
