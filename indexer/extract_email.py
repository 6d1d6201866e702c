"""An e-mail (.eml, RFC 5322 / MIME) as its body text and its attachments.

    with read_email(path) as mail:
        mail.body          # the message text, headed by From/To/Subject (and Date: when the body has no dateline)
        mail.holds_letter  # the body is a letter (a salutation or a sign-off), not a covering note
        mail.attachments   # Attachment(name, path): each written to a temporary file while the block runs

Ingest turns the body into a document when it holds a letter (or when nothing is
attached), and each attachment into documents of its own (``indexer/ingest.py``).
Inline images (logos, signatures) are not attachments.
"""
from __future__ import annotations

import email
import email.policy
import email.utils
import mimetypes
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import letter
from .errors import ExtractionError


@dataclass(frozen=True)
class Attachment:
    name: str   # as the sender named it (made unique within the message)
    path: Path  # its bytes, in a temporary file with the same suffix


@dataclass
class Email:
    body: str
    holds_letter: bool
    attachments: list[Attachment] = field(default_factory=list)


@contextmanager
def read_email(path: Path) -> Iterator[Email]:
    """Parse the message at ``path``; its attachments exist on disk until the block ends.
    Raises ExtractionError for a file that is not an e-mail."""
    data = Path(path).read_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise ExtractionError(ExtractionError.MALFORMED, "not an e-mail: no message headers")
    text = _body_text(message)
    with tempfile.TemporaryDirectory(prefix="evidex-mail-") as tmp:
        attachments = _save_attachments(message, Path(tmp))
        yield Email(_with_headers(message, text), _holds_letter(text), attachments)


def _body_text(message) -> str:
    from .extract import html_to_text

    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # unknown charset, bad transfer encoding
        content = part.get_payload(decode=True).decode("utf-8", "replace")
    if part.get_content_subtype() == "html":
        content = html_to_text(content)
    return content.replace("\r\n", "\n").replace("\r", "\n")


def _with_headers(message, text: str) -> str:
    """The body headed by who sent it to whom, and on what subject; with the date it was
    sent when the body itself carries no dateline (a letter's own date comes first)."""
    lines = [f"{name}: {_header(message, name)}" for name in ("From", "To", "Subject") if _header(message, name)]
    if not any(letter.dateline(ln) for ln in text.split("\n")[:40]):
        sent = _sent_date(message)
        if sent:
            lines.append(f"Date: {sent}")
    return "\n".join(lines) + "\n\n" + text.strip() + "\n" if lines else text


def _header(message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError):  # a malformed address header
        return ""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def _sent_date(message) -> str | None:
    try:
        sent = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return f"{sent.day} {sent:%B %Y}" if sent else None


def _holds_letter(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return any(letter.salutation(ln) for ln in lines) or any(letter.is_signoff(ln) for ln in lines)


def _save_attachments(message, folder: Path) -> list[Attachment]:
    saved: list[Attachment] = []
    taken: set[str] = set()
    for n, part in enumerate(message.iter_attachments(), 1):
        if _inline_image(part):
            continue
        name = _unique(_name_of(part, n), taken)
        target = folder / f"{len(saved):03d}{Path(name).suffix.lower()}"
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload(0) if part.is_multipart() else part.get_payload()
            data = inner.as_bytes() if hasattr(inner, "as_bytes") else str(inner).encode("utf-8")
        else:
            data = part.get_payload(decode=True) or b""
        target.write_bytes(data)
        saved.append(Attachment(name, target))
    return saved


def _inline_image(part) -> bool:
    return part.get_content_maintype() == "image" and (
        part.get_content_disposition() == "inline" or part.get("Content-ID") is not None)


def _name_of(part, n: int) -> str:
    raw = part.get_filename() or ""
    name = Path(raw.replace("\\", "/")).name.strip()
    name = re.sub(r"[\x00-\x1f/]", "_", name)
    if part.get_content_type() == "message/rfc822" and not name.lower().endswith(".eml"):
        name = (name or f"message-{n}") + ".eml"
    if not name:
        ext = mimetypes.guess_extension(part.get_content_type()) or ".bin"
        name = f"attachment-{n}{ext}"
    return name


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, k = name, 2
    while candidate in taken:
        candidate, k = f"{stem} ({k}){suffix}", k + 1
    taken.add(candidate)
    return candidate
