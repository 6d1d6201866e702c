"""How the store writes Whoosh segments: the codec, and tiers of like size for merging.

Part of the store (it drives Whoosh's writer); nothing outside indexer/store*.py uses it.

**Analysed in the workers.** Turning text into postings (tokenising, positions
encoded) is about a third of Whoosh's write; ``PreAnalysedText`` is a text field
that also accepts the postings already computed (``Analysed``), so extraction
workers do that part on the other core and the one writer only files them.
The postings are those the field itself would make: the worker calls the same
field's ``index``.

**Codec.** Whoosh's default codec records, for every block of postings, the
shortest and longest field length among its records, for block-max scoring
(skipping blocks that cannot reach the top N). Reading each posting's field length
back from the new segment was the largest single cost of a commit (a column look-up,
and for fields without lengths a file-system ``stat``, per posting), and evidex
never uses block-max scoring: store_score scores every match. ``Codec`` is
Whoosh's with those statistics off; the postings themselves are the same.

Every commit writes one new segment. Whoosh's default policy merges every segment
smaller than a Fibonacci-sized bound on each commit, so a growing index keeps
re-merging most of itself (adding 1,000 letters took 35 s and 100 s by turns).
Here a segment's *tier* is the base-``FANOUT`` logarithm of its live record count;
a tier is merged into one segment only once it holds ``FANOUT`` segments, so each
record is rewritten about once per tier (log N times in all), and one commit
merges at most one tier. Segments with many deleted records are merged early.
"""
from __future__ import annotations

import math

from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT

FANOUT = 10
SMALLEST = 10_000        # records: every segment below this shares the lowest tier
DELETED_SHARE = 0.3    # a segment this much deleted is rewritten with its tier


def _tier(live: int) -> int:
    return 0 if live < SMALLEST else 1 + int(math.log(live / SMALLEST, FANOUT))


def tiered_merge(writer, segments):
    """A Whoosh ``mergetype``: merge the lowest tier that has FANOUT segments (or a
    much-deleted segment) into the writer's new segment; keep the rest as they are."""
    from whoosh.reading import SegmentReader

    tiers: dict[int, list] = {}
    for seg in segments:
        tiers.setdefault(_tier(seg.doc_count()), []).append(seg)
    merge: list = []
    for tier in sorted(tiers):
        members = tiers[tier]
        worn = [s for s in members if s.doc_count_all()
                and s.deleted_count() / s.doc_count_all() >= DELETED_SHARE]
        if len(members) >= FANOUT:
            merge = members
            break
        if worn:
            merge = members
            break
    keep = [s for s in segments if s not in merge]
    for seg in merge:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return keep


class Codec(W3Codec):
    """Whoosh 3's codec without per-block length statistics (see the module doc).
    Segments record their codec, so this class must keep its name and module."""

    length_stats = False


def writer_options() -> dict:
    """Keyword arguments for ``index.writer``: this codec, and segments left as
    separate files rather than copied into one compound file at every commit."""
    return {"codec": Codec(), "compound": False}


class Analysed:
    """A text's postings as a field's ``index`` gives them: (word bytes, frequency,
    weight, encoded positions) per distinct word. Pickles small, for the trip from a
    worker to the writer."""

    __slots__ = ("items",)

    def __init__(self, items: list):
        self.items = items

    def __getstate__(self):
        return self.items

    def __setstate__(self, items):
        self.items = items


class PreAnalysedText(TEXT):
    """A TEXT field whose value may be ``Analysed`` already (see the module doc).
    The schema records its fields' classes, so this class must keep its name and module."""

    def index(self, value, **kwargs):
        if isinstance(value, Analysed):
            return iter(value.items)
        return super().index(value, **kwargs)

    def analyse(self, text: str) -> Analysed:
        return Analysed(list(super().index(text)))
