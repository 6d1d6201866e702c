"""The command line as the contract describes it: formats, exit statuses, one-line errors."""
import json

import pytest
from click.testing import CliRunner

from cli import main

from .conftest import SHARED, run


def test_index_ends_with_a_summary_line(tmp_path):
    res = run(tmp_path / "ix", "index", "-q", str(SHARED / "corpus" / "text" / "000_d213c0d0656fecb4.txt"))
    assert res.exit_code == 0
    assert res.output.strip().splitlines()[-1].startswith("1 added, 0 updated, 0 unchanged, 0 failed")


def test_index_names_a_bad_file_with_its_reason_and_exits_1(tmp_path):
    good = tmp_path / "in" / "note.txt"
    good.parent.mkdir()
    good.write_text("Dear Ann,\n\nA short note about targets.\n\nYours sincerely\n\nJohn Evans\n")
    bad = tmp_path / "in" / "broken.pdf"
    bad.write_bytes(b"<html>404</html>")
    res = run(tmp_path / "ix", "index", "-q", str(tmp_path / "in"))
    assert res.exit_code == 1
    assert f"{bad}: not a PDF" in res.output
    assert "1 added" in res.output


def test_failures_lists_the_skipped_file_as_json(tmp_path):
    bad = tmp_path / "in" / "empty.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    run(tmp_path / "ix", "index", "-q", str(bad.parent))
    res = run(tmp_path / "ix", "failures", "--format", "json")
    assert json.loads(res.output) == [{"source": str(bad), "reason": "empty file",
                                       "detail": "the file has no bytes"}]


def test_docs_json_is_a_list_of_contract_documents(index_dir):
    docs = json.loads(run(index_dir, "docs", "--format", "json").output)
    keys = {"id", "source", "title", "doc_type", "date", "author", "author_role", "organisation",
            "recipient", "recipient_org", "recommendations", "paper_ref", "pages", "duplicate_of", "text"}
    assert len(docs) == 14 and all(keys <= set(d) for d in docs)


def test_show_prints_metadata_then_text_with_page_markers(index_dir):
    docs = json.loads(run(index_dir, "docs", "--format", "json").output)
    pack_doc = next(d for d in docs if d["paper_ref"] == "PAC(5)-02-20 P3")
    out = run(index_dir, "show", pack_doc["id"]).output
    assert "author:          Naomi Alleyne" in out and "--- page 78 ---" in out


def test_search_json_has_hits_with_highlighted_passages_and_facets(index_dir):
    res = json.loads(run(index_dir, "search", '"financial penalties"', "--format", "json").output)
    assert res["total"] >= 1
    assert "<mark>financial penalties</mark>" in res["hits"][0]["passages"][0]["highlight"].lower()
    assert set(res["facets"]) == {"organisation", "year", "doc_type"}


def test_search_csv_has_a_header_and_one_row_per_passage(index_dir):
    out = run(index_dir, "search", "WAASP", "--format", "csv").output.splitlines()
    assert out[0].startswith("doc_id,title,organisation") and len(out) > 1


def test_bodies_answers_which_bodies_commented_on_targets_or_penalties(index_dir):
    res = json.loads(run(index_dir, "bodies", 'targets OR "financial penalties"', "--format", "json").output)
    orgs = {b["organisation"] for b in res["bodies"]}
    assert {"Children's Commissioner for Wales", "Children in Wales",
            "Children, Young People and Education Committee"} <= orgs
    assert "NSPCC Cymru/Wales" not in orgs


def test_org_filter_takes_any_alias(index_dir):
    res = json.loads(run(index_dir, "search", "children", "--org", "wlga", "--format", "json").output)
    assert res["hits"] and {h["organisation"] for h in res["hits"]} == {"Welsh Local Government Association"}


@pytest.mark.parametrize("args, message", [
    (["search", "(targets"], "evidex: "),
    (["search", "nosuchfield:x"], "nosuchfield"),
    (["search", "targets", "--from", "not-a-date"], "not a valid date"),
    (["search", "targets", "--type", "memo"], "type must be one of"),
])
def test_bad_query_or_filter_is_one_line_and_exit_2(index_dir, args, message):
    res = run(index_dir, *args)
    assert res.exit_code == 2
    assert message in res.output and len(res.output.strip().splitlines()) == 1
    assert "Traceback" not in res.output


def test_missing_index_is_one_line_and_exit_2(tmp_path):
    res = run(tmp_path / "nothing-here", "search", "targets")
    assert res.exit_code == 2 and "evidex index" in res.output


def test_unknown_document_id_is_exit_2(index_dir):
    assert run(index_dir, "show", "no-such-id").exit_code == 2


def test_stats_counts_documents(index_dir):
    stats = json.loads(run(index_dir, "stats", "--format", "json").output)
    assert stats["documents"] == 14 and stats["files"] == 5


def test_help_teaches_with_examples():
    out = CliRunner().invoke(main, ["search", "--help"]).output
    assert "Examples:" in out and "--org" in out


def test_stats_without_an_index_prints_where_it_would_be(tmp_path):
    res = CliRunner().invoke(main, ["--index", str(tmp_path / "new"), "stats", "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["index"] == str(tmp_path / "new")
