"""Questions on the command line: `ask`, and `search`/`bodies` taking a question or a query."""
import json

from .conftest import run


def test_bodies_json_carries_how_the_question_was_read(index_dir):
    res = run(index_dir, "bodies", "Which bodies commented on targets or financial penalties?", "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["interpreted"]["query"] == 'targets OR "financial penalties"'
    assert data["interpreted"]["answer"] == "bodies"
    assert "Children's Commissioner for Wales" in {b["organisation"] for b in data["bodies"]}


def test_a_query_in_json_has_no_interpreted(index_dir):
    data = json.loads(run(index_dir, "bodies", 'targets OR "financial penalties"', "--format", "json").output)
    assert "interpreted" not in data


def test_the_table_says_how_the_question_was_read_first(index_dir):
    res = run(index_dir, "bodies", "Which bodies commented on targets or financial penalties?")
    assert res.output.splitlines()[0] == 'Read as: Bodies that mention: targets OR "financial penalties"'


def test_ask_answers_a_documents_question_with_documents(index_dir):
    res = run(index_dir, "ask", "What did the WLGA write in November 2019?", "--format", "json")
    data = json.loads(res.output)
    assert res.exit_code == 0 and data["interpreted"]["answer"] == "documents"
    assert data["interpreted"]["filters"]["org"] == "Welsh Local Government Association"
    assert data["total"] >= 1 and {h["organisation"] for h in data["hits"]} == {"Welsh Local Government Association"}


def test_ask_answers_a_bodies_question_with_bodies(index_dir):
    res = run(index_dir, "ask", "Who mentioned Baby Steps?")
    assert res.exit_code == 0
    assert "NSPCC Cymru/Wales" in res.output and res.output.startswith('Read as: Bodies that mention: "Baby Steps"')


def test_search_takes_a_question_and_its_filters_in_words(index_dir):
    data = json.loads(run(index_dir, "search", "letters from the Welsh Government about the Housing Support Grant",
                          "--format", "json").output)
    assert data["interpreted"]["filters"]["type"] == "letter"
    assert all(h["organisation"] == "Welsh Government" and h["doc_type"] == "letter" for h in data["hits"])


def test_a_misspelt_question_is_offered_respelt(index_dir):
    res = run(index_dir, "bodies", "Which bodies commented on pentalies?")
    assert res.exit_code == 0
    assert res.output.strip().endswith("Did you mean: Which bodies commented on penalties?")


def test_a_bad_query_is_still_a_one_line_error(index_dir):
    res = run(index_dir, "ask", "targets AND")
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1
