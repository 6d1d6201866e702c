"""Candidates for a document's tags, each with the cue that proposed it, and the resolvers
that choose among them.

A cue reader (title line, signature block, dateline, letterhead, address block, body
statement, ...) looks at one part of a document and proposes values for one or more fields:
``Cue(field, value, cue, line, rank)``. A resolver ranks the proposals for a field and keeps
the strongest (lowest ``rank``; earlier proposals win ties). What decided a tag is kept as
its evidence: ``{"cue": "title line", "line": "Letter to ... from ..."}``; a field left
null records which cues were tried.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

FIELDS = ("author", "organisation", "date", "recipient")


@dataclass(frozen=True)
class Cue:
    field: str   # one of FIELDS (or "author_role", "recipient_org")
    value: str
    cue: str     # what kind of evidence: "signature block", "title line", "dateline", ...
    line: str    # the text it was read from
    rank: int    # lower is stronger

    def evidence(self) -> dict:
        return {"cue": self.cue, "line": self.line.strip()[:300]}


def best(cues: Iterable[Cue], field: str) -> Cue | None:
    """The strongest proposal for ``field`` (lowest rank; the first proposed among equals)."""
    found = [c for c in cues if c.field == field and c.value]
    if not found:
        return None
    return min(enumerate(found), key=lambda ic: (ic[1].rank, ic[0]))[1]


def refine_date(chosen: Cue, cues: Iterable[Cue]) -> Cue:
    """A date chosen at month precision takes a full date of the same month proposed by
    another cue ("May 2009" under a letter titled "Letter of 20 May 2009 ...")."""
    if len(chosen.value) != 7:
        return chosen
    for c in cues:
        if c.field in ("date", "date_precise") and len(c.value) == 10 and c.value.startswith(chosen.value):
            return c
    return chosen


def null_evidence(tried: Iterable[str]) -> dict:
    return {"cue": None, "tried": sorted(set(tried))}
