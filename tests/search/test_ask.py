"""Questions answered over the shared sample corpus: what a clerk asks, what comes back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.ask import answer
from indexer.errors import QueryError
from indexer.model import Filters
from indexer.pipeline import run_index
from indexer.store import Index

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "eval" / "gold" / "seed_questions.jsonl"
WLGA = "Welsh Local Government Association"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Index:
    ix = tmp_path_factory.mktemp("ask") / "ix"
    summary = run_index([SHARED / "corpus" / "text"], ix, jobs=1)
    assert summary.failed == 0
    return Index.open(ix)


def orgs(result) -> set[str]:
    return {b.organisation for b in result.bodies}


@pytest.mark.parametrize("gold", [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()],
                         ids=lambda g: g["id"])
def test_a_seed_question_asked_as_written_names_the_bodies_its_query_names(corpus, gold):
    asked, typed = answer(corpus, gold["q"], kind="bodies"), answer(corpus, gold["query"], kind="bodies")
    assert set(gold["must"]) <= orgs(asked) and not orgs(asked) & set(gold["must_not"])
    assert set(gold["must"]) <= orgs(typed)


@pytest.mark.parametrize("question, same_as", [
    ("Which organisations have raised concerns about financial penalties?", '"financial penalties"'),
    ("Has anyone mentioned the Baby Steps programme?", '"Baby Steps"'),
    ("Who talked about the UNCRC?", "UNCRC"),
    ("Which bodies wrote about the Housing Support Grant?", '"Housing Support Grant"'),
])
def test_other_wordings_find_the_same_bodies_as_the_query(corpus, question, same_as):
    assert orgs(answer(corpus, question, kind="bodies")) == orgs(corpus.bodies(same_as))


def test_a_question_with_no_topic_lists_the_documents_its_filters_name(corpus):
    result = answer(corpus, "What did the WLGA write in November 2019?", collapse=False)
    assert result.interpreted.answer == "documents" and result.interpreted.query == ""
    expected = corpus.search("", Filters(org=WLGA, date_from="2019-11-01", date_to="2019-11-30"), collapse=False)
    assert result.total == expected.total > 0
    assert {h.doc.organisation for h in result.hits} == {WLGA}
    assert all(h.doc.date.startswith("2019-11") for h in result.hits)


def test_who_wrote_in_a_month_lists_the_bodies_of_that_month(corpus):
    result = answer(corpus, "Who wrote to the Committee in June 2019?")
    assert orgs(result) == {"Children, Young People and Education Committee"}


def test_ask_answers_with_bodies_or_documents_as_the_question_asks(corpus):
    assert hasattr(answer(corpus, "Which bodies mentioned poverty?"), "bodies")
    assert hasattr(answer(corpus, "Show me letters that mention poverty"), "hits")


def test_a_filter_given_explicitly_wins_over_one_read_from_the_question(corpus):
    result = answer(corpus, "What did the WLGA say about targets?", Filters(org="Welsh Government"))
    assert {h.doc.organisation for h in result.hits} == {"Welsh Government"}


def test_a_query_is_searched_as_typed_and_carries_no_reading(corpus):
    result = answer(corpus, 'targets OR "financial penalties"', kind="bodies")
    assert result.interpreted is None and orgs(result) == orgs(corpus.bodies('targets OR "financial penalties"'))


def test_a_question_whose_words_are_not_all_in_one_passage_leaves_out_the_odd_word_and_says_so(corpus):
    result = answer(corpus, "Which bodies commented on financial penalties and zqxvw?", kind="bodies")
    assert orgs(result) == {"Children's Commissioner for Wales"}
    assert "zqxvw" in result.interpreted.notes[-1]


def test_a_misspelt_question_is_suggested_back_respelt(corpus):
    result = answer(corpus, "Which bodies commented on pentalies?", kind="bodies")
    assert result.bodies == () and result.suggestion == "Which bodies commented on penalties?"
    assert orgs(answer(corpus, result.suggestion, kind="bodies"))


def test_no_suggestion_rewrites_a_reporting_verb(corpus):
    assert answer(corpus, "Which bodies commenced on targets?", kind="bodies").suggestion is None


def test_a_suggestion_only_replaces_a_word_the_index_does_not_hold(corpus):
    assert corpus.bodies("penalties AND qwxzvbnm").suggestion is None
    assert corpus.bodies("UNCRC AND WAASP").suggestion is None  # both held: nothing to respell


def test_a_suggestion_must_give_results(corpus):
    # "poverty" is held, but no passage says it beside Baby Steps
    assert corpus.bodies('"Baby Steps" AND povrety').suggestion is None
    assert corpus.bodies("povrety").suggestion == "poverty"


def test_a_passage_sent_to_several_people_is_shown_once_with_the_other_letters(corpus):
    body = next(b for b in answer(corpus, "Who commented on targets?").bodies
                if b.organisation == "Children, Young People and Education Committee")
    texts = [p.text for p in body.passages]
    assert len(texts) == len(set(texts))
    first = body.passages[0]
    assert len(body.documents) == 3 and {o["doc_id"] for o in first.also_in} | {first.doc_id} == set(body.documents)


def test_a_question_with_neither_topic_nor_filter_asked_for_bodies_says_what_is_missing(corpus):
    with pytest.raises(QueryError, match="names no topic"):
        answer(corpus, "Which bodies said anything?", kind="bodies")
