"""Errors and response headers, set up once for the whole app.

Our own errors carry their HTTP status (indexer/errors.py); the API answers
``{"error": "..."}``, the pages answer a friendly HTML page. Nothing here hides
an unexpected exception: those still surface as 500 (and in tests).
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import EvidexError, IndexMissingError

# No inline script or style anywhere: everything comes from /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _wants_json() -> bool:
    return request.blueprint == "api" or request.path.startswith("/api/")


def _error_response(status: int, message: str, title: str, missing_index: bool = False):
    if _wants_json():
        return jsonify(error=message), status
    return render_template("error.html", status=status, title=title, message=message,
                           missing_index=missing_index), status


def handle_evidex_error(err: EvidexError):
    if isinstance(err, IndexMissingError):
        return _error_response(err.http_status, str(err), "No index yet", missing_index=True)
    title = "Please check your search" if err.http_status < 500 else "Search is unavailable"
    return _error_response(err.http_status, str(err), title)


def handle_http_error(err: HTTPException):
    return _error_response(err.code or 500, err.description or err.name, err.name)


def security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(EvidexError, handle_evidex_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.after_request(security_headers)
