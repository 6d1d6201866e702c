"""indexer.highlight: escaped text, only <mark> added."""
from __future__ import annotations

import pytest

from indexer.highlight import highlight


def words(*ws: str):
    return lambda w: w.lower() in ws


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script> targets", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>targets</mark>"),
    ("<b>targets</b> & more", "&lt;b&gt;<mark>targets</mark>&lt;/b&gt; &amp; more"),
    ("Targets, targeted", "<mark>Targets</mark>, targeted"),
    ("no match here", "no match here"),
])
def test_text_is_escaped_and_matching_words_marked(text, expected):
    assert highlight(text, words("targets")) == expected


def test_phrase_is_marked_as_one_run_and_only_where_whole():
    text = "financial penalties, not financial help or penalties"
    assert highlight(text, words(), [("financial", "penalties")]) == (
        "<mark>financial penalties</mark>, not financial help or penalties")


def test_a_word_inside_a_script_tag_is_marked_but_the_tag_stays_escaped():
    assert highlight("<script>", words("script")) == "&lt;<mark>script</mark>&gt;"
