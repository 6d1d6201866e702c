"""Requests made to be costly get a 400 that says what to change, or an ordinary answer;
never a 500 and never a long wait (their cost is measured by benchmarks/bench_hostile.py)."""
from __future__ import annotations

import pytest

from indexer import limits

from .hostile_requests import HOSTILE, ORDINARY


@pytest.mark.parametrize("what, path, expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_request_gets_a_400_or_an_ordinary_answer(client, what, path, expected):
    res = client.get(path)
    assert res.status_code == expected if expected else res.status_code in (200, 400)


@pytest.mark.parametrize("what, path, expected", [h for h in HOSTILE if h[1].startswith("/api/") and h[2] == 400],
                         ids=[h[0] for h in HOSTILE if h[1].startswith("/api/") and h[2] == 400])
def test_a_refused_api_request_says_why_in_one_short_line(client, what, path, expected):
    error = client.get(path).get_json()["error"]
    assert 10 < len(error) < 200 and "\n" not in error


@pytest.mark.parametrize("what, path, expected", ORDINARY, ids=[o[0] for o in ORDINARY])
def test_ordinary_requests_are_not_refused(client, what, path, expected):
    assert client.get(path).status_code == expected


def test_the_long_word_page_says_how_long_it_may_be(client):
    html = client.get("/?q=" + "a" * 10_000).get_data(as_text=True)
    assert f"at most {limits.MAX_QUERY_CHARS}" in html


def test_a_deep_page_says_to_narrow_the_search(client):
    assert "narrow the search" in client.get("/api/search?q=targets&page=5000").get_json()["error"]


def test_did_you_mean_still_respells_an_ordinary_word(client):
    assert client.get("/api/search?q=penaltys+finacial").status_code == 200
    assert client.get("/api/search?q=targts").get_json().get("suggestion") == "targets"


def test_the_store_refuses_a_wildcard_standing_for_too_many_words(index_dir, monkeypatch):
    from indexer import store_limits
    from indexer.errors import QueryError
    from indexer.store import Index
    ix = Index.open(index_dir)
    assert ix.search("pe*").total > 0
    monkeypatch.setattr(store_limits, "MAX_EXPANSIONS", 1)
    with pytest.raises(QueryError, match="matches more than 1 words"):
        ix.search("pe*")


def test_the_store_refuses_a_query_of_words_too_common_together(index_dir, monkeypatch):
    from indexer import store_limits
    from indexer.errors import QueryError
    from indexer.store import Index
    ix = Index.open(index_dir)
    assert ix.search("local OR authorities").total
    monkeypatch.setattr(store_limits, "MAX_READ", 0.05)
    monkeypatch.setattr(store_limits, "MIN_READ", 10)
    with pytest.raises(QueryError, match="too common to search all together"):
        ix.search("local OR authorities")
    assert ix.search("zanzibarite").total  # a rare word still searches


def test_a_phrase_is_priced_by_its_rarest_word_so_a_common_word_inside_it_is_no_reason_to_refuse(index_dir, monkeypatch):
    from indexer import store_limits
    from indexer.errors import QueryError
    from indexer.store import Index
    ix = Index.open(index_dir)
    monkeypatch.setattr(store_limits, "MAX_READ", 0.05)
    monkeypatch.setattr(store_limits, "MIN_READ", 10)
    with pytest.raises(QueryError):
        ix.search("the OR of")  # the same common words, not as a phrase
    ix.search('"zanzibarite and the"')  # no error: read from the rare word's passages
