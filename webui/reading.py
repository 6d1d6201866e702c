"""How a question was read, as the pages show it: each part with a link that removes it,
and a link that puts the reading in the box as a query (pure over indexer.question.Reading)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from indexer.question import BODIES, Reading

# Reading filter attribute -> (label, request argument)
FILTER_ARGS = (("org", "Organisation", "org"), ("author", "Author", "author"),
               ("date_from", "From", "from"), ("date_to", "To", "to"),
               ("rec", "Recommendation", "rec"), ("doc_type", "Type", "type"), ("paper", "Paper", "paper"))


@dataclass(frozen=True)
class Part:
    label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class ReadingView:
    question: str
    answer: str
    parts: tuple[Part, ...]
    edit_url: str           # the reading as a query, in the box, with its filters as fields
    notes: tuple[str, ...]


def reading_view(reading: Reading, url_with: Callable[..., str], given: dict[str, str]) -> ReadingView:
    """``reading`` as parts for the page. ``url_with(**args)`` builds this page's URL with
    some arguments changed; ``given`` are the filter arguments already in the URL (those
    are shown and removed by the page's own filter list, not here)."""
    read_args = {arg: str(getattr(reading.filters, attr)) for attr, _, arg in FILTER_ARGS
                 if getattr(reading.filters, attr) not in (None, "") and not given.get(arg)}
    parts = []
    if reading.query:
        label = "Bodies that mention" if reading.answer == BODIES else "Documents that mention"
        parts.append(Part(label, reading.query, url_with(q=None, **read_args)))
    for attr, label, arg in FILTER_ARGS:
        if arg not in read_args or (arg == "to" and "from" in read_args):
            continue
        gone = ("from", "to") if arg == "from" else (arg,)
        rest = {k: v for k, v in read_args.items() if k not in gone}
        if arg == "from":
            label, value = "Dated", (f"{read_args['from']} to {read_args['to']}" if "to" in read_args
                                     else f"from {read_args['from']}")
        elif arg == "to":
            label, value = "Dated", f"up to {read_args['to']}"
        else:
            value = read_args[arg]
        parts.append(Part(label, value, url_with(q=reading.query or None, **rest)))
    return ReadingView(question=reading.question, answer=reading.answer or "documents", parts=tuple(parts),
                       edit_url=url_with(q=reading.query or None, **read_args), notes=reading.notes)


def query_args(reading: Reading | None, q: str) -> dict[str, str]:
    """The request arguments that search for what ``reading`` read (its query and the
    filters it found), or for ``q`` itself when the input was a query."""
    if reading is None:
        return {"q": q} if q else {}
    args = {arg: str(getattr(reading.filters, attr)) for attr, _, arg in FILTER_ARGS
            if getattr(reading.filters, attr) not in (None, "")}
    return {**({"q": reading.query} if reading.query else {}), **args}
