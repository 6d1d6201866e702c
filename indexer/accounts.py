"""Accounts for the web page: who may sign in, with which role, and their API tokens.

The accounts live in ``accounts.json`` inside the index folder, readable by its owner
only (mode 0600). Passwords and API tokens are kept only as slow salted hashes
(werkzeug's scrypt); a token is ``NAME.SECRET`` so the one hash to check is found by name.
Each account has a ``stamp`` that changes with its password, so a new password (or
removing the account) ends the sessions signed in with the old one.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import threading
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from .errors import UsageError

ACCOUNTS_FILE = "accounts.json"
SECRET_FILE = "secret.key"
ROLES = ("member", "clerk")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the account does not exist, so a wrong name costs what a
    wrong password costs and the answer's timing does not tell which names exist."""
    return generate_password_hash("no such account")


@dataclass(frozen=True)
class Account:
    name: str
    role: str                 # "member" | "clerk"
    password_hash: str
    token_hash: str | None
    stamp: str                # changes with the password: sessions carry it
    created: str

    @property
    def sees_restricted(self) -> bool:
        return self.role == "clerk"


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name or ""):
        raise UsageError(f"account name {name!r} must be 1-64 letters, digits or . _ @ -,"
                         " starting with a letter or digit")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UsageError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"a password may have at most {MAX_PASSWORD} characters")
    return password


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable and writable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def secret_key(index_dir: str | os.PathLike) -> bytes:
    """The key that signs session cookies: generated once, kept beside the index (0600)."""
    path = Path(index_dir) / SECRET_FILE
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        write_private(tmp, secrets.token_hex(32))
        try:
            os.link(tmp, path)  # whole or not at all; the first of two processes wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text(encoding="ascii").strip().encode("ascii")


class Accounts:
    """The accounts file of one index folder. Reads are cached and follow changes made
    by another process (the CLI adding or removing an account while the server runs)."""

    def __init__(self, index_dir: str | os.PathLike):
        self.path = Path(index_dir) / ACCOUNTS_FILE
        self._lock = threading.Lock()
        self._cache: tuple[tuple[int, int, int], dict[str, Account]] | None = None
        self._good_tokens: dict[str, tuple[str, str]] = {}  # sha256(token) -> (name, token_hash)

    # --- reading ---

    def all(self) -> dict[str, Account]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        key = (st.st_ino, st.st_mtime_ns, st.st_size)  # every save is a new file (os.replace)
        with self._lock:
            if self._cache is None or self._cache[0] != key:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self._cache = (key, {name: Account(name=name, **fields)
                                     for name, fields in data.get("accounts", {}).items()})
            return self._cache[1]

    def any(self) -> bool:
        return bool(self.all())

    def get(self, name: str) -> Account | None:
        return self.all().get(name)

    def authenticate(self, name: str, password: str) -> Account | None:
        """The account when ``password`` is its password; None otherwise (at the same cost)."""
        account = self.get(name)
        if account is None or len(password) > MAX_PASSWORD:
            check_password_hash(_dummy_hash(), password[:MAX_PASSWORD])
            return None
        return account if check_password_hash(account.password_hash, password) else None

    def from_token(self, token: str) -> Account | None:
        """The account whose API token this is, or None."""
        name, _, secret = token.rpartition(".")
        account = self.get(name) if name and secret and len(token) <= 200 else None
        if account is None or not account.token_hash:
            return None
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        known = self._good_tokens.get(digest)
        if known == (account.name, account.token_hash):
            return account
        if not check_password_hash(account.token_hash, token):
            return None
        if len(self._good_tokens) > 1000:
            self._good_tokens.clear()
        self._good_tokens[digest] = (account.name, account.token_hash)
        return account

    # --- changing (the CLI) ---

    def _save(self, accounts: dict[str, Account]) -> None:
        body = {"accounts": {a.name: {k: v for k, v in asdict(a).items() if k != "name"}
                             for a in sorted(accounts.values(), key=lambda a: a.name)}}
        write_private(self.path, json.dumps(body, indent=1) + "\n")

    def add(self, name: str, role: str, password: str) -> Account:
        accounts = dict(self.all())
        check_name(name)
        if name in accounts:
            raise UsageError(f"there is already an account {name!r}"
                             " (change its password with `evidex users passwd`)")
        account = Account(name=name, role=check_role(role),
                          password_hash=generate_password_hash(check_password(password)),
                          token_hash=None, stamp=secrets.token_hex(8),
                          created=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        accounts[name] = account
        self._save(accounts)
        return account

    def _existing(self, name: str) -> Account:
        account = self.get(name)
        if account is None:
            raise UsageError(f"there is no account {name!r} (see `evidex users list`)")
        return account

    def remove(self, name: str) -> None:
        self._existing(name)
        accounts = dict(self.all())
        del accounts[name]
        self._save(accounts)

    def set_password(self, name: str, password: str) -> None:
        account = self._existing(name)
        changed = replace(account, password_hash=generate_password_hash(check_password(password)),
                          stamp=secrets.token_hex(8))
        self._save({**self.all(), name: changed})

    def new_token(self, name: str) -> str:
        """A new API token for ``name`` (the old one stops working); shown once."""
        account = self._existing(name)
        token = f"{name}.{secrets.token_urlsafe(32)}"
        self._save({**self.all(), name: replace(account, token_hash=generate_password_hash(token))})
        return token
