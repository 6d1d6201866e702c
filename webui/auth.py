"""Who is asking, and whether they may: sign-in, sign-out, API tokens, CSRF, the gate.

Every request passes ``gate`` first and gets a ``Viewer`` in ``g.viewer``:

- with accounts (``evidex users add``): a signed-in session or ``Authorization: Bearer
  TOKEN``; anyone else is sent to the sign-in page (pages) or answered 401 (API);
- with ``--public`` (``PUBLIC`` in the config): anyone, shown published evidence only;
- with neither: the machine's own user on loopback, as the command line sees the index;
  a request from elsewhere, or forwarded by a proxy, is refused.

Clerks (and the machine's own user) see restricted documents; members and the public
never do (``published_only``). Sessions live in Flask's signed cookie (HttpOnly,
SameSite=Lax, Secure over HTTPS), with a key generated once beside the index.
"""
from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, abort, current_app, g, jsonify, redirect,
                   render_template, request, session, url_for)
from flask.sessions import SecureCookieSessionInterface

from indexer import audit
from indexer.accounts import Account, Accounts, secret_key

from .throttle import Throttle

bp = Blueprint("auth", __name__)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
FORWARDED_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
OPEN_ENDPOINTS = {"static", "auth.sign_in"}


@dataclass(frozen=True)
class Viewer:
    name: str | None   # the account; None for the public and the machine's own user
    role: str          # "clerk" | "member" | "public" | "local"
    via: str           # "session" | "token" | "public" | "loopback" | "none"

    @property
    def sees_restricted(self) -> bool:
        return self.role in ("clerk", "local")

    @property
    def signed_in(self) -> bool:
        return self.name is not None


NOBODY = Viewer(None, "public", "none")


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over
    HTTPS (directly, or through a trusted proxy that said so)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def init_app(app: Flask) -> None:
    index_dir = app.config["INDEX_DIR"]
    app.config.setdefault("PUBLIC", False)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(index_dir)
    app.config.update(SESSION_COOKIE_NAME="evidex_session", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
                      MAX_CONTENT_LENGTH=64 * 1024)
    app.session_interface = _SessionInterface()
    app.extensions["evidex.accounts"] = Accounts(index_dir)
    app.extensions["evidex.throttle"] = app.config.get("THROTTLE") or Throttle()
    app.before_request(gate)
    app.register_blueprint(bp)


def accounts() -> Accounts:
    return current_app.extensions["evidex.accounts"]


def throttle() -> Throttle:
    return current_app.extensions["evidex.throttle"]


def viewer() -> Viewer:
    return g.get("viewer", NOBODY)


def published_only() -> bool:
    """Whether this request may see only published documents."""
    return not viewer().sees_restricted


def log(what: str, account: str | None = None) -> None:
    """One audit line for this request."""
    name = account if account is not None else viewer().name
    audit.record(current_app.config["INDEX_DIR"], name, request.remote_addr, what)


@bp.app_template_global()
def csrf_token() -> str:
    """The token every state-changing form carries, kept in the signed session."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return token


@bp.app_context_processor
def who() -> dict:
    return {"viewer": viewer(), "accounts_exist": accounts().any()}


# --- the gate -----------------------------------------------------------------------------

def _is_api() -> bool:
    return request.path.startswith("/api/")


def _unauthorised(message: str, status: int = 401):
    response = jsonify(error=message)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="evidex"'
    return response


def _from_session(known: Accounts) -> Viewer | None:
    name = session.get("user")
    if not name:
        return None
    account = known.get(name)
    if account is None or not hmac.compare_digest(str(session.get("stamp", "")), account.stamp):
        session.clear()  # removed, or its password changed since this session began
        return None
    return Viewer(account.name, account.role, "session")


def _from_token(known: Accounts, header: str):
    """The Viewer for a bearer token, or a refusal to send back."""
    keys = [("address", request.remote_addr or "-")]
    wait = throttle().wait(keys)
    if wait:
        log("API token refused: too many failures from this address", account="-")
        return _unauthorised(f"too many failed tries; try again in {int(wait) + 1} s", 429)
    account = known.from_token(header[len("Bearer "):].strip())
    if account is None:
        throttle().failed(keys)
        log("failed API token", account="-")
        return _unauthorised("that API token is not valid (a new one: evidex users token NAME)")
    return Viewer(account.name, account.role, "token")


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def gate():
    """Runs before every request: decide who is asking and whether they may."""
    known = accounts()
    header = request.headers.get("Authorization", "")
    found: Viewer | None = None
    if header.startswith("Bearer ") and known.any():
        result = _from_token(known, header)
        if not isinstance(result, Viewer):
            return result
        found = result
    else:
        found = _from_session(known)
    if request.method not in SAFE_METHODS and (found is None or found.via != "token"):
        _check_csrf()
    if found is not None:
        g.viewer = found
        return None
    if current_app.config["PUBLIC"]:
        g.viewer = Viewer(None, "public", "public")
        return None
    if known.any():
        if request.endpoint in OPEN_ENDPOINTS:
            return None
        if _is_api():
            return _unauthorised("sign in required: send Authorization: Bearer TOKEN"
                                 " (an account's token: evidex users token NAME)")
        return redirect(url_for("auth.sign_in", next=_this_page()))
    if not _is_loopback(request.remote_addr) or any(h in request.headers for h in FORWARDED_HEADERS):
        message = ("this index has no accounts, so it is served to this machine only;"
                   " add one with: evidex users add NAME --role clerk")
        if _is_api():
            return _unauthorised(message, 403)
        abort(403, message)
    g.viewer = Viewer(None, "local", "loopback")
    return None


def _check_csrf() -> None:
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        abort(400, "This form has expired or did not come from this site. Please go back,"
                   " reload the page and try again.")


def _this_page() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("search.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return url_for("search.index")
    return target


# --- the pages ----------------------------------------------------------------------------

@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if not accounts().any():
        return render_template("sign_in.html", no_accounts=True), 200
    if request.method == "GET":
        if viewer().signed_in:
            return redirect(_safe_next(request.args.get("next")))
        return render_template("sign_in.html", next=request.args.get("next", ""),
                               signed_out="out" in request.args)
    name = request.form.get("username", "").strip()[:200]
    password = request.form.get("password", "")
    nxt = request.form.get("next", "")
    keys = [("account", name.lower()), ("address", request.remote_addr or "-")]
    wait = throttle().wait(keys)
    if wait:
        log("sign-in refused: too many failed tries", account=name)
        message = (f"Too many failed sign-ins for this account or from this address."
                   f" Try again in {int(wait) + 1} seconds.")
        return render_template("sign_in.html", error=message, username=name, next=nxt), 429
    account = accounts().authenticate(name, password)
    if account is None:
        throttle().failed(keys)
        log("failed sign-in", account=name)
        return render_template("sign_in.html", error="That name and password do not match.",
                               username=name, next=nxt), 401
    throttle().succeeded(keys[0])
    _begin_session(account)
    log("signed in", account=account.name)
    return redirect(_safe_next(nxt))


def _begin_session(account: Account) -> None:
    session.clear()
    session.permanent = True
    session.update(user=account.name, stamp=account.stamp, csrf=secrets.token_urlsafe(24))


@bp.post("/sign-out")
def sign_out():
    if viewer().signed_in:
        log("signed out")
    session.clear()
    return redirect(url_for("auth.sign_in", out=1))
