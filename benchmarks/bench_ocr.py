"""OCR benchmark (run by hand) over ../shared/pdfs/scanned: scans of seed and dev letters
(150 dpi, tilted, specked, JPEG) and a pack of text pages followed by scanned pages.

Prints, beside yardsticks measured in the same run:
- OCR pages per second through the real pipeline with --jobs 1 and --jobs 2, beside
  ``pdftoppm`` + ``tesseract`` run by hand on the same pages one after another;
- per scan, the share of its original's words (pdftotext of the text-layer PDF) found
  in the indexed text of the scan, and the lowest share;
- the mixed pack: the share of each part's words found in it;
- ``score.py metadata`` on the scans of the seed and dev letters beside the same on their
  text-layer originals (the scans' sources renamed to the originals' so the scorer
  matches them; the gold restricted to the scanned files);
- with ``--dpi 150 300`` etc., the same word shares and time at other render resolutions.

    .venv/bin/python benchmarks/bench_ocr.py [--out bench-out/ocr] [--dpi 200 300]
"""
from __future__ import annotations

import argparse
import collections
import csv
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from indexer.extract_ocr import DPI, OcrOptions  # noqa: E402
from indexer.ingest import ingest_file  # noqa: E402
from indexer.pipeline import run_index  # noqa: E402
from indexer.store import Index  # noqa: E402

SCANNED = SHARED / "pdfs" / "scanned"
ORIGINALS = {"seed": SHARED / "corpus" / "pdf", "dev": SHARED / "eval" / "dev" / "pdf"}
SCORE = SHARED / "eval" / "score.py"


def words(text: str) -> collections.Counter:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return collections.Counter(w.lower().strip("'") for w in re.findall(r"[\w']+", text) if w.strip("'"))


def share(original: collections.Counter, found: collections.Counter) -> float:
    return sum((original & found).values()) / max(1, sum(original.values()))


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def manifest() -> list[dict]:
    rows = list(csv.DictReader((SCANNED / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t"))
    for row in rows:
        row["original"] = next((folder / row["source"] for folder in ORIGINALS.values()
                                if (folder / row["source"]).exists()), None)
        row["set"] = next((name for name, folder in ORIGINALS.items() if (folder / row["source"]).exists()), None)
    return rows


def index_scans(work: Path, jobs: int, dpi: int) -> tuple[Index, float]:
    index_dir = work / f"index-j{jobs}-dpi{dpi}"
    shutil.rmtree(index_dir, ignore_errors=True)
    ingest = functools.partial(ingest_file, ocr=OcrOptions(dpi=dpi))
    summary = run_index([SCANNED], index_dir, jobs=jobs, ingest=ingest, timeout=120.0)
    if summary.failures or summary.partial:
        print("  !!", summary.failures, summary.partial)
    return Index.open(index_dir), summary.seconds


def texts_by_file(index: Index) -> dict[str, str]:
    out: dict[str, list[str]] = collections.defaultdict(list)
    for doc in index.documents():
        out[Path(doc.source).name].append(doc.text)
    return {name: "\n".join(parts) for name, parts in out.items()}


def ocr_page_count(index: Index) -> int:
    pages: dict[str, set[int]] = collections.defaultdict(set)
    for doc in index.documents():
        pages[doc.source].update(doc.ocr_pages)
    return sum(len(p) for p in pages.values())


def by_hand(rows: list[dict], dpi: int) -> tuple[int, float]:
    """pdftoppm + tesseract on every scanned page, one after another: the raw OCR cost."""
    pages, started = 0, time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            if row["original"] is None:
                continue
            for n in range(1, int(row["pages"]) + 1):
                png = Path(tmp, "p")
                subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(n), "-l", str(n),
                                str(SCANNED / row["file"]), str(png)], check=True)
                subprocess.run(["tesseract", str(png) + ".png", str(Path(tmp, "o")), "-l", "eng+cym"],
                               check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
                pages += 1
    return pages, time.perf_counter() - started


def word_shares(rows: list[dict], texts: dict[str, str]) -> list[tuple[str, float]]:
    return [(row["file"], share(words(pdftotext(row["original"])), words(texts.get(row["file"], ""))))
            for row in rows if row["original"] is not None]


def score_metadata(docs: list[dict], gold: Path) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(docs, f)
    out = subprocess.run([sys.executable, str(SCORE), "metadata", "--docs", f.name, "--gold", str(gold)],
                         capture_output=True, text=True)
    Path(f.name).unlink()
    lines = out.stdout.strip().splitlines()
    return "\n      ".join(lines[-6:]) if lines else out.stderr.strip()[-300:]


def restricted_gold(kind: str, stems: set[str], folder: Path) -> Path:
    """The gold entries of the scanned files only, in a file the scorer reads like its own."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "seed":
        rows = [json.loads(line) for line in (SHARED / "eval" / "gold" / "seed_docs.jsonl").read_text().splitlines() if line.strip()]
        rows = [r for r in rows if Path(r["source"]).stem in stems]
    else:
        dev = SHARED / "eval" / "dev"
        rows = [json.loads(line) for line in (dev / "gold.jsonl").read_text().splitlines() if line.strip()]
        rows = [dict(r, file=str(dev / r["file"])) for r in rows if Path(r["file"]).stem in stems]
        shutil.copy(dev / "orgs.json", folder / "orgs.json")
    gold = folder / f"{kind}-gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return gold


def main() -> None:
    a = argparse.ArgumentParser()
    a.add_argument("--out", type=Path, default=REPO / "bench-out" / "ocr")
    a.add_argument("--dpi", type=int, nargs="*", default=[], help="also measure these render resolutions")
    args = a.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = manifest()
    scans = [r for r in rows if r["original"] is not None]
    mixed = [r for r in rows if r["original"] is None]

    print(f"{len(scans)} scans ({sum(int(r['pages']) for r in scans)} pages) and {len(mixed)} mixed pack(s); render {DPI} dpi")
    hand_pages, hand_s = by_hand(scans, DPI)
    print(f"yardstick: pdftoppm + tesseract by hand, one page after another: {hand_pages} pages in {hand_s:.1f} s "
          f"= {hand_pages / hand_s:.2f} pages/s")
    runs = {}
    for jobs in (1, 2):
        index, seconds = index_scans(args.out, jobs, DPI)
        pages = ocr_page_count(index)
        runs[jobs] = index
        print(f"evidex index, --jobs {jobs}: {pages} OCR pages (all files) in {seconds:.1f} s = {pages / seconds:.2f} pages/s")

    texts = texts_by_file(runs[1])
    shares = word_shares(scans, texts)
    print("\nshare of the original's words found in the indexed text of its scan:")
    for name, value in shares:
        print(f"  {name:42s} {value:.3f}")
    print(f"  lowest {min(v for _, v in shares):.3f}, mean {sum(v for _, v in shares) / len(shares):.3f} (target >= 0.95 each)")

    for row in mixed:
        text_part, scan_part = [p.split(" (")[0] for p in row["source"].split(" + ")]
        scan_row = next(r for r in scans if r["file"] == scan_part)
        text_orig = next(folder / text_part for folder in ORIGINALS.values() if (folder / text_part).exists())
        found = words(texts.get(row["file"], ""))
        print(f"\nmixed pack {row['file']}: {share(words(pdftotext(text_orig)), found):.3f} of its text part's words "
              f"({text_part}), {share(words(pdftotext(scan_row['original'])), found):.3f} of its scanned part's ({scan_row['source']})")

    print("\nscore.py metadata, scans beside their text-layer originals:")
    for kind in ("seed", "dev"):
        chosen = [r for r in scans if r["set"] == kind]
        stems = {Path(r["source"]).stem for r in chosen}
        gold = restricted_gold(kind, stems, args.out / "gold")
        scan_docs = []
        for doc in runs[1].documents():
            name = Path(doc.source).name
            if name in {r["file"] for r in chosen}:
                source = next(r["source"] for r in chosen if r["file"] == name)
                scan_docs.append(dict(doc.to_dict(include_text=True), source=source))
        originals_dir = args.out / f"originals-{kind}"
        shutil.rmtree(originals_dir, ignore_errors=True)
        run_index([r["original"] for r in chosen], originals_dir, jobs=1)
        original_docs = [d.to_dict(include_text=True) for d in Index.open(originals_dir).documents()]
        print(f"  {kind} ({', '.join(sorted(stems))}):")
        print(f"    originals: {score_metadata(original_docs, gold)}")
        print(f"    scans:     {score_metadata(scan_docs, gold)}")

    for dpi in args.dpi:
        index, seconds = index_scans(args.out, 1, dpi)
        values = [v for _, v in word_shares(scans, texts_by_file(index))]
        print(f"\nrender at {dpi} dpi, --jobs 1: {ocr_page_count(index)} OCR pages in {seconds:.1f} s; "
              f"word share lowest {min(values):.3f}, mean {sum(values) / len(values):.3f}")


if __name__ == "__main__":
    main()
