"""Each way a query or an index can be wrong: our own errors, one line each."""
from __future__ import annotations

import pytest

from indexer.errors import IndexMissingError, QueryError
from indexer.store import Index


@pytest.mark.parametrize("query", [
    '"financial penalties',
    "(targets OR poverty",
    "targets)",
    "targets AND",
    "OR targets",
])
def test_unparseable_query_is_a_query_error(index, query):
    with pytest.raises(QueryError):
        index.search(query)


def test_unknown_field_is_named_in_the_error(index):
    with pytest.raises(QueryError, match="unknown field 'foo'"):
        index.search("foo:bar")


def test_colon_inside_a_phrase_is_not_a_field(index):
    assert index.search('"targets: none"').total == 0


@pytest.mark.parametrize("query", ["year:nineteen", "rec:seven", "type:memo"])
def test_bad_field_value_is_a_query_error(index, query):
    with pytest.raises(QueryError):
        index.search(query)


@pytest.mark.parametrize("query", ["", "   "])
def test_bodies_with_an_empty_query_says_what_to_look_for(index, query):
    with pytest.raises(QueryError, match="say what to look for"):
        index.bodies(query)


def test_bodies_reports_query_errors_too(index):
    with pytest.raises(QueryError):
        index.bodies("foo:bar")


def test_error_message_is_one_line(index):
    with pytest.raises(QueryError) as e:
        index.search('"unclosed')
    assert "\n" not in str(e.value)


def test_missing_index_says_how_to_make_one(tmp_path):
    with pytest.raises(IndexMissingError, match="run `evidex index PATH` first"):
        Index.open(tmp_path / "nothing-here")
