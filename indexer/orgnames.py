"""The tagger's questions about bodies, answered from the gazetteer (known bodies, canonical
names) and from the shape of a name (indexer/bodies.py: "X Committee", "Department for X",
...): which body a piece of text names, and which body an office speaks for."""
from __future__ import annotations

import re

from . import bodies, gazetteer

# the legislatures themselves: printed on every committee's letterhead, so a weaker cue
# than the committee or office beside them
LEGISLATURE = re.compile(
    r"^(?:senedd(?: cymru)?|welsh parliament|national assembly for wales|cynulliad cenedlaethol cymru|"
    r"scottish parliament|northern ireland assembly|house of commons|house of lords|parliament|"
    r"houses of the oireachtas|d\u00e1il \u00e9ireann)$", re.IGNORECASE)


_NATION_TAIL = re.compile(r"(?:\s+(?:Cymru|Wales|Scotland|England|UK|Ireland|Northern\s+Ireland|Alba))+(?![\w'])")


def is_legislature(name: str | None) -> bool:
    return bool(name and LEGISLATURE.match(name.strip()))


def body_in(text: str) -> str | None:
    """The first body ``text`` names: canonical when the gazetteer knows it, else as written."""
    found = [(at, name) for at, name in gazetteer.find_bodies(text) if not is_legislature(name)]
    shaped = [(at, name) for at, name in bodies.bodies_by_shape(text) if not is_legislature(name)]
    known_spans = {at for at, _ in found}
    # a shaped name that starts where a known one does is the same body: keep the canonical
    shaped = [(at, gazetteer.canonical(name) or name) for at, name in shaped if at not in known_spans]
    every = sorted(found + shaped)
    if not every:
        return None
    at, name = every[0]
    if (at, name) in shaped:
        # a shaped name runs on through the nation it serves ("Young Carers Trust Cymru")
        m = _NATION_TAIL.match(text, at + len(name)) if text[at:at + len(name)] == name else None
        if m:
            name += m.group(0).rstrip()
    return name


def office_body(role: str | None, context: str = "") -> str | None:
    """The body an office speaks for ("Minister of State, Home Office" -> Home Office)."""
    if not role:
        return None
    return bodies.minister_body(role, context)
