"""The JSON API: the contract's shapes, the same filters as the pages."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from indexer.ask import answer
from indexer.question import BODIES, DOCUMENTS

from .index import get_index
from .params import paging_from_args, query_from_args
from .visible import document_or_404, request_filters, shown_document, shown_result

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    q, filters = query_from_args(request.args), request_filters(request.args)
    paging = paging_from_args(request.args, current_app.config["PAGE_SIZE"])
    result = shown_result(answer(get_index(), q, filters, kind=DOCUMENTS, limit=paging.limit,
                                 offset=paging.offset))
    return jsonify({**result.to_dict(), "page": paging.page, "limit": paging.limit})


@bp.get("/bodies")
def bodies():
    q, filters = query_from_args(request.args), request_filters(request.args)
    limit = paging_from_args(request.args, current_app.config["BODIES_LIMIT"]).limit
    return jsonify(answer(get_index(), q, filters, kind=BODIES, limit=limit).to_dict())


@bp.get("/ask")
def ask():
    """A question answered with bodies or documents, as it asks."""
    q, filters = query_from_args(request.args), request_filters(request.args)
    paging = paging_from_args(request.args, current_app.config["PAGE_SIZE"])
    return jsonify(shown_result(answer(get_index(), q, filters, limit=paging.limit,
                                       offset=paging.offset)).to_dict())


@bp.get("/docs/<doc_id>")
def document(doc_id: str):
    return jsonify(shown_document(document_or_404(doc_id)).to_dict(include_passages=True))
