"""The question reader: plain-English questions and the reading each must give.

The reader is pure: what it knows of the index comes from a Lexicon. Here a small
hand-written one holds a few phrases, so every reading below is decided by the rules
alone (the same questions against the real corpus are in test_ask.py)."""
from __future__ import annotations

import pytest

from indexer.model import Filters
from indexer.question import NoLexicon, describe, loosen, read, uses_query_syntax


class Phrases:
    """A lexicon holding these phrases (lower-case word tuples) and word counts."""

    def __init__(self, phrases=(), counts=None):
        self.phrases = {tuple(p.split()) for p in phrases}
        self.counts = counts or {}

    def phrase_forms(self, words):
        words = tuple(words)
        last = words[-1]
        plural = last[:-1] + "ies" if last.endswith("y") else last + "s"
        singular = last[:-3] + "y" if last.endswith("ies") else last[:-1]
        forms = [words, words[:-1] + (plural,), words[:-1] + (singular,)]
        return [f for f in dict.fromkeys(forms) if f in self.phrases]

    def frequency(self, words):
        return self.counts.get(" ".join(words), 0)


LEXICON = Phrases(["financial penalties", "reduction expectation plans", "housing support grant",
                   "looked after children", "health and social care", "baby steps",
                   "care inspectorate wales", "impact of poverty", "foster carers"])
WLGA = "Welsh Local Government Association"


def reading(question):
    return read(question, LEXICON)


# (question, query, answer) -- wordings of our own, each a rule of the reader
TOPICS = [
    ("Which organisations talked about targets or financial penalties?", 'targets OR "financial penalties"', "bodies"),
    ("Who has raised financial penalties?", '"financial penalties"', "bodies"),
    ("Which bodies have mentioned the reduction expectation plans?", '"reduction expectation plans"', "bodies"),
    ("Who referred to Care Inspectorate Wales?", '"Care Inspectorate Wales"', "bodies"),
    ("Which groups discussed the impact of poverty?", '"impact of poverty"', "bodies"),
    ("Who commented on the impact of sanctions?", "sanctions", "bodies"),
    ("Which stakeholders highlighted the role of foster carers?", '"foster carers"', "bodies"),
    ("Has anyone mentioned Baby Steps?", '"Baby Steps"', "bodies"),
    ("What did anyone say about health and social care?", '"health and social care"', "bodies"),
    ("Which bodies wrote about targets and poverty?", "targets AND poverty", "bodies"),
    ("Which departments commented on targets?", "targets", "bodies"),
    ("Which bodies commented on targets but not financial penalties?", 'targets NOT "financial penalties"', "bodies"),
    ("Who mentioned targets, penalties or fines?", "targets OR penalties OR fines", "bodies"),
    ("Who wrote about targets or penalties and fines?", "targets OR (penalties AND fines)", "bodies"),
    ("Which bodies commented on the WLGA?", '"WLGA"'.strip('"'), "bodies"),
    ("Show me letters that mention looked after children", '"looked after children"', "documents"),
    ("What was said about the Housing Support Grant?", '"Housing Support Grant"', "documents"),
    ("Which bodies mentioned the Children, Young People and Education Committee?",
     '"Children Young People and Education Committee"', "bodies"),
]


@pytest.mark.parametrize("question, query, answer", TOPICS)
def test_a_question_reads_as_its_topic_and_kind_of_answer(question, query, answer):
    r = reading(question)
    assert (r.is_question, r.query, r.answer) == (True, query, answer)


@pytest.mark.parametrize("question, query", [
    ("Which bodies mentioned profit-making in children's care?", '"profit making" ANDMAYBE children ANDMAYBE care'),
    ("Who commented on financial penalties for local authorities?", '"financial penalties" ANDMAYBE local ANDMAYBE authorities'),
    ("Who wrote about targets for Care Inspectorate Wales?", 'targets ANDMAYBE "Care Inspectorate Wales"'),
    ("Who wrote about looked after children?", '"looked after children"'),
])
def test_words_after_a_preposition_are_context_that_ranks_but_is_not_required(question, query):
    lexicon = Phrases(["profit making", "financial penalties", "looked after children"])
    assert read(question, lexicon).query == query


def test_a_phrase_is_found_in_its_singular_or_plural_form():
    assert reading("Which bodies commented on financial penalty?").query == '"financial penalties"'


def test_words_the_index_does_not_hold_as_a_phrase_are_joined_with_and():
    assert read("Which bodies commented on financial penalties?", NoLexicon()).query == "financial AND penalties"


def test_a_quoted_phrase_in_a_question_is_kept_as_typed():
    r = reading('Which bodies mentioned "early help hubs"?')
    assert (r.is_question, r.query) == (True, '"early help hubs"')


def test_a_word_typed_with_a_star_stays_a_prefix():
    assert reading("Which bodies mentioned penal* targets?").query == "penal* AND targets"


def test_a_reporting_verb_inside_the_topic_is_a_topic_word():
    assert reading("Which bodies commented on support for families?").query == "support ANDMAYBE families"


def test_question_words_and_reporting_verbs_are_not_topic_words():
    r = reading("Which organisations have commented on, written about or referred to sanctions?")
    assert r.query == "sanctions"


# (question, filters the words name)
FILTERS = [
    ("What did the WLGA say about targets?", Filters(org=WLGA)),
    ("What has Cymdeithas Llywodraeth Leol Cymru written about targets?", Filters(org=WLGA)),
    ("Letters from the Welsh Government about targets", Filters(org="Welsh Government", doc_type="letter")),
    ("WLGA letters about targets", Filters(org=WLGA, doc_type="letter")),
    ("What did Sally Holland write about targets?", Filters(author="Sally Holland")),
    ("Show me letters signed by Naomi Alleyne about targets", Filters(author="Naomi Alleyne", doc_type="letter")),
    ("Which bodies wrote about targets in November 2019?", Filters(date_from="2019-11-01", date_to="2019-11-30")),
    ("Which bodies wrote about targets since March 2020?", Filters(date_from="2020-03-01")),
    ("Which bodies wrote about targets between 2018 and 2019?", Filters(date_from="2018-01-01", date_to="2019-12-31")),
    ("Which bodies wrote about targets in 2019?", Filters(date_from="2019-01-01", date_to="2019-12-31")),
    ("Which bodies wrote about targets before June 2019?", Filters(date_to="2019-05-31")),
    ("Which bodies wrote about targets after June 2019?", Filters(date_from="2019-07-01")),
    ("Which bodies wrote about targets on 8 November 2019?", Filters(date_from="2019-11-08", date_to="2019-11-08")),
    ("Which bodies wrote about targets in response to recommendation 7?", Filters(rec=7)),
    ("Which bodies commented on targets under recommendation 12?", Filters(rec=12)),
    ("Which evidence papers mention targets?", Filters(doc_type="evidence")),
    ("Which minutes mention targets?", Filters(doc_type="minutes")),
    ("Which responses mention targets?", Filters(doc_type="response")),
    ("Who mentioned targets in the minutes?", Filters(doc_type="minutes")),
    ("Which bodies mentioned targets in paper PAC(5)-02-20 P3?", Filters(paper="PAC(5)-02-20 P3")),
]


@pytest.mark.parametrize("question, filters", FILTERS)
def test_filters_named_in_words_become_filters_not_topic_words(question, filters):
    r = reading(question)
    assert (r.filters, r.query) == (filters, "targets")


@pytest.mark.parametrize("question, query", [
    ("Which bodies mentioned the Public Audit (Wales) Act 2013?", "Public AND Audit AND Wales AND Act AND 2013"),
    ("Which bodies raised concerns about the 2016 Act?", "2016 AND Act"),
])
def test_a_year_inside_a_name_is_not_a_date(question, query):
    r = read(question, NoLexicon())
    assert (r.query, r.filters) == (query, Filters())


def test_a_body_named_as_the_topic_is_not_a_filter():
    r = reading("Who referred to Care Inspectorate Wales in their letters?")
    assert (r.filters, r.query) == (Filters(), '"Care Inspectorate Wales"')


def test_the_recipient_of_a_letter_is_not_a_topic_word():
    assert reading("Who wrote to the Committee about targets?").query == "targets"


def test_a_question_with_no_topic_reads_as_its_filters_alone():
    r = reading("What did the WLGA write in November 2019?")
    assert (r.query, r.answer, r.filters) == (
        "", "documents", Filters(org=WLGA, date_from="2019-11-01", date_to="2019-11-30"))


@pytest.mark.parametrize("query", [
    'targets OR "financial penalties"', "targets AND NOT penalties", "org:WLGA children",
    "(targets OR penalties) AND children", "target*", '"financial penalties"', "year:2019",
])
def test_input_in_query_syntax_passes_through_unread(query):
    r = reading(query)
    assert (r.is_question, r.query, r.filters) == (False, query, Filters())
    assert uses_query_syntax(query)


def test_plain_words_that_read_as_themselves_are_a_query():
    assert reading("children").is_question is False


def test_plain_words_with_a_held_phrase_read_as_that_phrase():
    r = reading("financial penalties")
    assert (r.is_question, r.query) == (True, '"financial penalties"')


def test_the_reading_of_a_question_is_a_query_that_reads_as_itself():
    for question, query, _ in TOPICS:
        again = reading(query)
        assert again.query == query and again.filters == Filters(), question


def test_a_question_with_no_recognised_form_searches_its_words_and_says_so():
    r = reading("What about sanctions?")
    assert r.query == "sanctions"
    r = reading("sanctions penalties fines?")
    assert r.query == "sanctions AND penalties AND fines" and r.notes


def test_loosening_leaves_out_the_most_common_word_and_says_so():
    lexicon = Phrases(counts={"targets": 40, "scrapped": 2, "welsh": 300})
    r = read("Who wants Welsh targets scrapped?", lexicon)
    assert r.query == "Welsh AND targets AND scrapped"
    looser = loosen(r, lexicon)
    assert looser.query == "targets AND scrapped" and "Welsh" in looser.notes[-1]


def test_loosening_drops_a_word_no_passage_holds_first():
    lexicon = Phrases(counts={"targets": 40})
    r = read("Which bodies commented on targets scrapped?", lexicon)
    assert loosen(r, lexicon).query == "targets"


def test_the_reading_is_described_in_one_line():
    r = reading("Which bodies commented on targets in November 2019?")
    assert describe(r) == 'Bodies that mention: targets · dated: 2019-11-01 to 2019-11-30'


def test_explicit_filters_win_over_filters_read_from_the_question():
    r = reading("What did the WLGA say about targets in 2019?")
    merged = r.with_filters(Filters(org="Welsh Government"))
    assert (merged.org, merged.date_from) == ("Welsh Government", "2019-01-01")


def test_the_json_form_names_every_filter():
    r = reading("Which bodies commented on targets since 2019?")
    assert r.to_dict() == {"question": "Which bodies commented on targets since 2019?", "query": "targets",
                           "answer": "bodies", "notes": [],
                           "filters": {"org": None, "author": None, "from": "2019-01-01", "to": None,
                                       "rec": None, "type": None, "paper": None}}
