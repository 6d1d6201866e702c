"""Render results for the command line: table (people), JSON and CSV (scripts).

One place for every command's output formats; cli.py only picks one."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from typing import Any, Iterable

from .model import BodiesResult, Document, SearchResult

FORMATS = ("table", "json", "csv")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def _plain(highlight: str) -> str:
    """A highlight for the terminal: <mark> becomes [..], entities are unescaped."""
    import html
    return html.unescape(re.sub(r"</?mark>", lambda m: "]" if m.group(0) == "</mark>" else "[", highlight))


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 20)).columns, 120))


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=_width(), initial_indent=indent, subsequent_indent=indent)


def _nothing(message: str, suggestion: str | None) -> str:
    """An empty answer, with the spelling suggestion when there is one."""
    return f"{message} Did you mean: {suggestion.rstrip('?')}?" if suggestion else message


def _reading(result: SearchResult | BodiesResult) -> list[str]:
    """The line saying how a question was read, when the input was a question."""
    if result.interpreted is None:
        return []
    from .question import describe
    return [f"Read as: {describe(result.interpreted)}"]


def _asked(result: SearchResult | BodiesResult) -> str:
    """What the answer is to: the question as typed, else the query."""
    return result.interpreted.question if result.interpreted is not None else result.query


# --- search ---------------------------------------------------------------------------

def search(result: SearchResult, fmt: str) -> str:
    if fmt == "json":
        return to_json(result.to_dict())
    if fmt == "csv":
        rows = []
        for h in result.hits:
            d = h.doc
            for p in h.passages or [None]:
                rows.append([d.id, d.title, d.organisation, d.author, d.date, d.doc_type, d.paper_ref,
                             d.source, round(h.score, 4), p.page if p else None,
                             p.recommendation if p else None, p.text if p else None])
        return to_csv(["doc_id", "title", "organisation", "author", "date", "doc_type", "paper_ref",
                       "source", "score", "page", "recommendation", "passage"], rows).rstrip("\n")
    if not result.hits:
        return "\n".join(_reading(result) + [_nothing(f"No documents match {_asked(result)!r}.",
                                                      result.suggestion)])
    out = _reading(result) + [f"{result.total} document(s) match {_asked(result)!r}:"]
    for n, h in enumerate(result.hits, 1):
        d = h.doc
        meta = " | ".join(x for x in [d.organisation, d.author, d.date, d.doc_type,
                                      d.paper_ref] if x)
        out.append(f"\n{n}. {d.title}  [{d.id}]" + (RESTRICTED_MARK if d.restricted else ""))
        out.append(f"   {meta}")
        for p in h.passages:
            where = f"p.{p.page}" if p.page is not None else ""
            if p.recommendation is not None:
                where += f" rec {p.recommendation}"
            out.append(_wrap(f"({where.strip()}) {_plain(p.highlight)}", "     "))
        for other in h.also_in:
            out.append(f"   also in: {other.get('source')} pages {other.get('pages')}")
    if result.facets.get("organisation"):
        orgs = ", ".join(f"{k} ({v})" for k, v in result.facets["organisation"].items())
        out.append(f"\nBy organisation: {orgs}")
    return "\n".join(out)


# --- bodies ---------------------------------------------------------------------------

def bodies(result: BodiesResult, fmt: str) -> str:
    if fmt == "json":
        return to_json(result.to_dict())
    if fmt == "csv":
        rows = []
        for b in result.bodies:
            for p in b.passages:
                rows.append([b.organisation, len(b.documents), b.first_date, b.last_date,
                             p.doc_id, p.page, p.text])
        return to_csv(["organisation", "documents", "first_date", "last_date", "doc_id", "page",
                       "passage"], rows).rstrip("\n")
    if not result.bodies:
        return "\n".join(_reading(result) + [_nothing(f"No organisation said anything matching {_asked(result)!r}.",
                                                      result.suggestion)])
    out = _reading(result) + [f"{len(result.bodies)} organisation(s) said something matching {_asked(result)!r}:"]
    for b in result.bodies:
        span = b.first_date if b.first_date == b.last_date else f"{b.first_date} to {b.last_date}"
        out.append(f"\n{b.organisation} — {len(b.documents)} document(s), {span or 'undated'}")
        for p in b.passages:
            out.append(_wrap(f"(p.{p.page}) {_plain(p.highlight)}", "     "))
            if p.also_in:
                out.append(f"       also in {len(p.also_in)} more document(s): "
                           + ", ".join(str(o["doc_id"]) for o in p.also_in))
    if result.suggestion:
        out.append(f"\nDid you mean: {result.suggestion.rstrip('?')}?")
    return "\n".join(out)


# --- documents --------------------------------------------------------------------------

DOC_COLUMNS = ["id", "date", "doc_type", "organisation", "author", "recipient", "paper_ref", "pages",
               "recommendations", "title", "source", "restricted"]
RESTRICTED_MARK = "  (restricted)"


def _cells(d: Document) -> list[Any]:
    return [d.id, d.date, d.doc_type, d.organisation, d.author, d.recipient, d.paper_ref,
            "-".join(map(str, d.pages)) if d.pages else None,
            " ".join(str(r.number) for r in d.recommendations), d.title, d.source,
            "yes" if d.restricted else "no"]


def documents(docs: list[Document], fmt: str) -> str:
    if fmt == "json":
        return to_json([d.to_dict() for d in docs])
    if fmt == "csv":
        return to_csv(DOC_COLUMNS, (_cells(d) for d in docs)).rstrip("\n")
    if not docs:
        return "The index holds no documents yet. Add some with: evidex index PATH"
    lines = []
    for d in docs:
        dup = f"  (duplicate of {d.duplicate_of})" if d.duplicate_of else ""
        dup += RESTRICTED_MARK if d.restricted else ""
        lines.append(f"{d.id}  {d.date or '----------':10}  {d.doc_type:8}  "
                     f"{(d.organisation or '?')[:40]:40}  {(d.author or '')[:22]:22}  {d.title[:50]}{dup}")
    return "\n".join(lines)


def _quoted(line: str | None, width: int = 100) -> str:
    line = " ".join((line or "").split())
    return "\u201c" + (line if len(line) <= width else line[:width - 1] + "\u2026") + "\u201d"


def document(d: Document, fmt: str) -> str:
    if fmt == "json":
        return to_json(d.to_dict(include_passages=True))
    if fmt == "csv":
        return to_csv(DOC_COLUMNS, [_cells(d)]).rstrip("\n")
    head = [
        f"{d.title}", f"  id:              {d.id}", f"  source:          {d.source}",
        f"  type:            {d.doc_type}", f"  date:            {d.date or '-'}",
        f"  organisation:    {d.organisation or '-'}",
        f"  author:          {d.author or '-'}" + (f" ({d.author_role})" if d.author_role else ""),
        f"  recipient:       {d.recipient or '-'}" + (f" ({d.recipient_org})" if d.recipient_org else ""),
        f"  recommendations: {', '.join(str(r.number) for r in d.recommendations) or '-'}",
        f"  paper:           {d.paper_ref or '-'}",
        f"  pages:           {'-'.join(map(str, d.pages)) if d.pages else '-'}",
        f"  access:          {'restricted (received in confidence)' if d.restricted else 'published'}",
    ]
    if d.duplicate_of:
        head.append(f"  duplicate of:    {d.duplicate_of}")
    for other in d.also_in:
        head.append(f"  also in:         {other.get('source')} pages {other.get('pages')}")
    if d.evidence:
        head.append("")
        head.append("  why it is tagged so:")
        for row in d.evidence_rows():
            if row["cue"]:
                head.append(f"    {row['field']}: {row['cue']}: {_quoted(row['line'])}")
            else:
                head.append(f"    {row['field']}: not found (looked at: {', '.join(row['tried']) or '-'})")
    body = []
    for page, start, end in d.page_spans():
        if page is None and not d.text[start:end].strip():
            continue
        body.append(f"--- page {page} ---" if page is not None else "---")
        body.append(d.text[start:end].rstrip())
    return "\n".join(head) + "\n\n" + "\n".join(body)


# --- stats and failures -------------------------------------------------------------------

def stats(data: dict, fmt: str) -> str:
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return to_csv(list(data), [list(data.values())]).rstrip("\n")
    return "\n".join(f"{k.replace('_', ' '):14} {v}" for k, v in data.items())


def failures(items: list[dict], fmt: str) -> str:
    if fmt == "json":
        return to_json(items)
    if fmt == "csv":
        return to_csv(["source", "reason", "detail"],
                      ([f["source"], f["reason"], f.get("detail")] for f in items)).rstrip("\n")
    if not items:
        return "No failures: every file in the index was read."
    return "\n".join(f"{f['source']}: {f['reason']}" + (f" ({f['detail']})" if f.get("detail") else "")
                     for f in items)


# --- accounts -----------------------------------------------------------------------------

def accounts(items: Iterable, fmt: str) -> str:
    """Accounts without their hashes: name, role, whether a token is set, created."""
    rows = [{"name": a.name, "role": a.role, "token": bool(a.token_hash), "created": a.created}
            for a in sorted(items, key=lambda a: a.name)]
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(["name", "role", "token", "created"],
                      ([r["name"], r["role"], "yes" if r["token"] else "no", r["created"]]
                       for r in rows)).rstrip("\n")
    if not rows:
        return "No accounts: the web page serves this machine only. Add one with: evidex users add NAME --role clerk"
    return "\n".join(f"{r['name']:24} {r['role']:7} {'token' if r['token'] else '-':6} {r['created']}"
                     for r in rows)
