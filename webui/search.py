"""The pages: search, which bodies, one document, its original file."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for

from indexer.ask import answer, read
from indexer.model import DOC_TYPES, BodiesResult, PassageHit
from indexer.question import BODIES, DOCUMENTS

from .auth import log, published_only
from .index import get_index
from .params import paging_from_args, query_from_args
from .reading import query_args, reading_view
from .render import document_pages, passage_fragment
from .visible import document_or_404, request_filters, shown_document, shown_result

bp = Blueprint("search", __name__)

# facet name (as the store reports it) -> the request arguments that select one value
FACET_ARGS = {"organisation": ("org",), "year": ("from", "to"), "doc_type": ("type",)}
FACET_LABELS = {"organisation": "Organisation", "year": "Year", "doc_type": "Document type"}
FILTER_LABELS = {"org": "Organisation", "author": "Author", "from": "From", "to": "To",
                 "type": "Type", "rec": "Recommendation", "paper": "Paper"}


@bp.app_template_global()
def url_with(**changes: str | int | None) -> str:
    """This page's URL with some arguments changed (None removes one); any change
    other than the page number goes back to page 1."""
    args = request.args.to_dict()
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            args.pop(name, None)
        else:
            args[name] = str(value)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


@bp.app_template_global()
def facet_url(facet: str, value: str) -> str:
    """This page's URL narrowed to one value of a facet."""
    return url_with(**{name: value for name in FACET_ARGS[facet]})


@bp.app_template_global()
def active_filters() -> list[tuple[str, str, str]]:
    """(label, value as typed, URL without it) for each filter in this page's URL."""
    return [(label, request.args[name].strip(), url_with(**{name: None}))
            for name, label in FILTER_LABELS.items() if request.args.get(name, "").strip()]


@bp.app_template_global()
def doc_url(doc_id: str, passage: PassageHit | None = None) -> str:
    """Link to a document page, at a passage hit when given."""
    anchor = passage_fragment(passage) if passage is not None else ""
    return url_for("search.document", doc_id=doc_id, _anchor=anchor or None)


@bp.app_context_processor
def form_values() -> dict:
    """What every page's form shows: the query as typed and the fixed choices."""
    return {"q": (request.args.get("q") or "").strip(), "doc_types": DOC_TYPES,
            "facet_labels": FACET_LABELS}


@bp.app_template_global()
def shown_reading(result):
    """How this page's question was read, as removable parts (None for a query)."""
    if result.interpreted is None:
        return None
    return reading_view(result.interpreted, url_with, request.args)


@bp.app_template_global()
def search_url_for(result, **changes) -> str:
    """The search page for what this page's question or query asked, with ``changes``."""
    args = {**request.args.to_dict(), **query_args(result.interpreted, (request.args.get("q") or "").strip())}
    args.update({k: v for k, v in changes.items() if v is not None})
    args.pop("page", None)
    return url_for("search.index", **args)


def _asked_for(kind: str, q: str):
    """A redirect to the other page when the question asks for the other kind of answer
    ("Which bodies ...?" typed on the search page), else None."""
    wanted = read(get_index(), q, published_only()).answer if q else None
    if wanted and wanted != kind:
        return redirect(url_for("search.bodies" if wanted == BODIES else "search.index", **request.args))
    return None


def _org_choices(names, selected: str | None) -> list[str]:
    """Organisations to offer in the filter: those in the results, plus the chosen one."""
    return sorted({*names, *([selected] if selected else [])})


@bp.route("/")
def index():
    q, filters = query_from_args(request.args), request_filters(request.args)
    paging = paging_from_args(request.args, current_app.config["PAGE_SIZE"])
    elsewhere = _asked_for(DOCUMENTS, q)
    if elsewhere:
        return elsewhere
    result = shown_result(answer(get_index(), q, filters, kind=DOCUMENTS, limit=paging.limit,
                                 offset=paging.offset))
    orgs = _org_choices(result.facets.get("organisation", {}), filters.org)
    return render_template("search.html", filters=filters, paging=paging, result=result,
                           org_choices=orgs)


@bp.route("/bodies")
def bodies():
    q, filters = query_from_args(request.args), request_filters(request.args)
    elsewhere = _asked_for(BODIES, q)
    if elsewhere:
        return elsewhere
    if not q and filters.is_empty():
        result = BodiesResult(query="", bodies=())
    else:
        result = answer(get_index(), q, filters, kind=BODIES, limit=current_app.config["BODIES_LIMIT"])
    orgs = _org_choices([b.organisation for b in result.bodies], filters.org)
    marked = frozenset() if published_only() else get_index().restricted_ids()
    return render_template("bodies.html", filters=filters, result=result, org_choices=orgs,
                           restricted_ids=marked)


@bp.route("/doc/<doc_id>")
def document(doc_id: str):
    doc = shown_document(document_or_404(doc_id))
    return render_template("doc.html", doc=doc, pages=document_pages(doc))


@bp.route("/doc/<doc_id>/original")
def original(doc_id: str):
    """The file a document was indexed from. The path comes from the index entry for
    ``doc_id``, never from the request. An e-mail attachment's original is the e-mail."""
    doc = document_or_404(doc_id)
    path = Path(doc.attached_to or doc.source)
    if not path.is_file():
        abort(404, "The original file is no longer where it was indexed from.")
    log(f"downloaded {doc_id} ({shown_document(doc).source})")
    return send_file(path.resolve(), as_attachment=True, download_name=path.name)
