"""Small pieces of the store's scorer (indexer/store_score.py)."""
from __future__ import annotations

import numpy as np
import pytest

from indexer.store_score import _sorted_intersection


@pytest.mark.parametrize("a, b, both", [
    ([1, 5, 9], [0, 5, 9, 12], [5, 9]),
    ([], [1, 2], []),
    ([3], [1, 2], []),
    ([2, 40, 41], [41], [41]),
    ([7, 8], [8, 9, 10, 11, 12], [8]),
])
def test_sorted_intersection_is_the_values_in_both(a, b, both):
    got = _sorted_intersection(np.array(a, dtype=np.int64), np.array(b, dtype=np.int64))
    assert got.tolist() == both
