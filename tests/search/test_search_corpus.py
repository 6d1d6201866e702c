"""The store over the real shared corpus, through the lead's ingest (skipped until it exists)."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.store import Index

ingest = pytest.importorskip("indexer.ingest")
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "text"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    index = Index.open(tmp_path_factory.mktemp("corpus") / "index", create=True)
    with index.batch() as batch:
        for n, path in enumerate(sorted(CORPUS.glob("*.txt"))):
            batch.put_file(path.name, f"hash-{n}", ingest.ingest_file(path, path.name))
    return index


def bodies(index: Index, query: str) -> set[str]:
    return {b.organisation for b in index.bodies(query).bodies}


def test_targets_or_financial_penalties_names_the_commenting_bodies_not_nspcc(corpus_index):
    found = bodies(corpus_index, 'targets OR "financial penalties"')
    assert {"Children's Commissioner for Wales", "Children in Wales",
            "Children, Young People and Education Committee"} <= found
    assert "NSPCC Cymru/Wales" not in found


def test_financial_penalties_phrase_is_the_commissioner_alone(corpus_index):
    assert bodies(corpus_index, '"financial penalties"') == {"Children's Commissioner for Wales"}


def test_baby_steps_is_nspcc_alone(corpus_index):
    assert bodies(corpus_index, '"Baby Steps"') == {"NSPCC Cymru/Wales"}
