"""The development set (../shared/eval/dev: 45 real letters, evidence papers, responses and
minutes from several legislatures), by path, scored field by field with the shared scorer's
own comparisons: every field at least 0.90, from text and from PDF."""
import importlib.util
import json

import pytest

from indexer.ingest import ingest_file

from .conftest import SHARED

DEV = SHARED / "eval" / "dev"
FIELDS = ("organisation", "author", "date", "recipient", "recommendations")


def _scorer():
    spec = importlib.util.spec_from_file_location("evidex_shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return _scorer()


def field_scores(score, folder, suffix):
    gold = score.load_gold_docs(DEV / "gold.jsonl")
    docs = [d.to_dict() for p in sorted(folder.glob("*" + suffix)) for d in ingest_file(p, str(p))]
    found = score.match_docs(docs, gold)
    results = {f: [] for f in FIELDS}
    for g in gold:
        d = found[g["key"]] or {}
        checks = {
            "organisation": score.canon_org(d.get("organisation")) == g["organisation"],
            "author": score.person_ok(g["author"], d.get("author")),
            "date": score.date_ok(g["date"], d.get("date")),
            "recipient": score.person_ok(g.get("recipient"), d.get("recipient")),
            "recommendations": score.rec_numbers(d.get("recommendations")) == set(g["recommendations"]),
        }
        for f, ok in checks.items():
            if ok is not None:
                results[f].append((g["key"], bool(ok)))
    return results


@pytest.mark.parametrize("folder, suffix", [(DEV / "docs", ".txt"), (DEV / "pdf", ".pdf")], ids=["text", "pdf"])
def test_every_field_of_the_development_set_scores_at_least_090(scorer, folder, suffix):
    results = field_scores(scorer, folder, suffix)
    report = {f: (sum(ok for _, ok in r) / len(r), [k for k, ok in r if not ok]) for f, r in results.items()}
    assert all(share >= 0.90 for share, _ in report.values()), json.dumps(report, indent=1)
