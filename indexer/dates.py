"""The one date parser: datelines in documents and date bounds in filters.

Dates are kept as ISO strings at the precision the source shows:
"2019-11-08", "2019-11" (month only) or "2019" (year only).
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime

from dateutil import parser as du_parser

from .errors import UsageError

MONTHS = ("january february march april may june july august september october "
          "november december").split()
_MONTH_ALT = "|".join([m for m in MONTHS] + [m[:3] for m in MONTHS] + ["sept"])
# Welsh month names as they appear on bilingual datelines
WELSH_MONTHS = {
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6,
    "gorffennaf": 7, "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}

# "8th November 2019", "8<sup>th</sup> November 2019", "21 June 2019", "November 8, 2019"
FULL_DATE = re.compile(
    r"\b(\d{1,2})\s*(?:<sup>)?(?:st|nd|rd|th)?(?:</sup>)?\.?\s+(" + _MONTH_ALT + r")\.?,?\s+(\d{4})\b"
    r"|\b(" + _MONTH_ALT + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
    r"|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(r"\b(" + _MONTH_ALT + r")\.?,?\s+(\d{4})\b", re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    if name == "sept":
        return 9
    for i, m in enumerate(MONTHS, 1):
        if m == name or m[:3] == name:
            return i
    raise ValueError(name)


def find_full_date(text: str) -> str | None:
    """The first full date written in ``text`` as ISO "YYYY-MM-DD", or None."""
    for m in FULL_DATE.finditer(text):
        iso = _iso_from_match(m)
        if iso:
            return iso
    return None


def _iso_from_match(m: re.Match) -> str | None:
    try:
        if m.group(1):
            day, month, year = int(m.group(1)), _month_number(m.group(2)), int(m.group(3))
        elif m.group(4):
            day, month, year = int(m.group(5)), _month_number(m.group(4)), int(m.group(6))
        else:  # dd/mm/yyyy, the British order
            day, month, year = int(m.group(7)), int(m.group(8)), int(m.group(9))
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def find_month_year(text: str) -> str | None:
    """The first "Month YYYY" in ``text`` as "YYYY-MM", or None."""
    m = MONTH_YEAR.search(text)
    if not m:
        return None
    return f"{int(m.group(2)):04d}-{_month_number(m.group(1)):02d}"


def parse_bound(value: str, end: bool = False) -> str:
    """A filter bound ("2019", "2019-11", "2019-11-08", "8 November 2019") as an
    inclusive "YYYY-MM-DD": the first day of its period, or the last when ``end``."""
    v = (value or "").strip()
    if not v:
        raise UsageError("empty date")
    if ISO_DATE.match(v):
        parts = [int(p) for p in v.split("-")]
        try:
            if len(parts) == 1:
                y, mth, d = parts[0], 12 if end else 1, 31 if end else 1
            elif len(parts) == 2:
                y, mth = parts
                d = calendar.monthrange(y, mth)[1] if end else 1
            else:
                y, mth, d = parts
            return datetime(y, mth, d).strftime("%Y-%m-%d")
        except ValueError:
            raise UsageError(f"not a valid date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    m = MONTH_YEAR.fullmatch(v)
    if m:
        y, mth = int(m.group(2)), _month_number(m.group(1))
        d = calendar.monthrange(y, mth)[1] if end else 1
        return f"{y:04d}-{mth:02d}-{d:02d}"
    try:
        return du_parser.parse(v, dayfirst=True, fuzzy=False).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        raise UsageError(f"not a valid date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def date_span(date: str | None) -> tuple[str, str] | None:
    """The inclusive (first day, last day) a document date covers: "2019-11" covers the month."""
    if not date:
        return None
    return parse_bound(date), parse_bound(date, end=True)
