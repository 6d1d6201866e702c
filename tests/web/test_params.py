"""Request arguments become Filters and paging; bad values are UsageErrors."""
from __future__ import annotations

import pytest

from indexer.errors import UsageError
from indexer.model import Filters
from webui.params import Paging, filters_from_args, paging_from_args


@pytest.mark.parametrize("args, expected", [
    ({}, Filters()),
    ({"org": "WLGA"}, Filters(org="Welsh Local Government Association")),
    ({"org": "  Some New Body "}, Filters(org="Some New Body")),
    ({"from": "2019", "to": "2019"}, Filters(date_from="2019-01-01", date_to="2019-12-31")),
    ({"from": "2019-11", "to": "2019-11"}, Filters(date_from="2019-11-01", date_to="2019-11-30")),
    ({"rec": "7", "type": "letter", "paper": "PAC(5)-02-20 P3", "author": "Naomi Alleyne"},
     Filters(rec=7, doc_type="letter", paper="PAC(5)-02-20 P3", author="Naomi Alleyne")),
    ({"author": "   ", "rec": ""}, Filters()),
])
def test_arguments_become_filters(args, expected):
    assert filters_from_args(args) == expected


@pytest.mark.parametrize("args", [
    {"from": "notadate"}, {"to": "2019-13"}, {"rec": "abc"}, {"rec": "0"}, {"rec": "-3"},
    {"type": "novel"}, {"from": "2020", "to": "2019"},
])
def test_bad_filter_values_are_usage_errors(args):
    with pytest.raises(UsageError):
        filters_from_args(args)


@pytest.mark.parametrize("args, paging, offset", [
    ({}, Paging(page=1, limit=10), 0),
    ({"page": "3", "limit": "20"}, Paging(page=3, limit=20), 40),
])
def test_page_and_limit_give_the_offset(args, paging, offset):
    assert paging_from_args(args) == paging and paging.offset == offset


@pytest.mark.parametrize("args", [{"page": "0"}, {"page": "x"}, {"limit": "101"}, {"limit": "0"}])
def test_bad_paging_is_a_usage_error(args):
    with pytest.raises(UsageError):
        paging_from_args(args)


def test_page_window_offers_first_last_and_neighbours():
    assert Paging(page=6, limit=10).window(total=200) == [1, 4, 5, 6, 7, 8, 20]
