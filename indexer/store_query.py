"""Query side of the store: the user's query string and Filters as Whoosh queries.

Part of the store (it imports Whoosh); nothing outside indexer/store*.py uses it.

A word is looked up twice: in ``exact`` (lower-cased words, with positions) and in
``stem`` (its Porter stem; store_score finds the exact words with that stem), the
exact field boosted and widened to the word's singular/plural forms, so "targets"
prefers "target(s)" over "Targeted". Phrases are matched in ``exact`` only:
"financial penalties" never matches "financially penalised". The same query
ranks documents (their whole text) and passages (their own).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq
from whoosh.lang.porter import stem as porter_stem
from whoosh.qparser import MultifieldParser, QueryParserError

from . import gazetteer
from .errors import QueryError
from .model import DOC_TYPES

EXACT_BOOST = 3.0
ALIAS_BOOST = 1.0
TEXT_FIELDS = ("exact", "stem")
# field names a user may write as ``field:value`` -> field in the schema
USER_FIELDS = {"org": "org", "organisation": "org", "author": "author", "type": "type",
               "year": "year", "paper": "paper", "rec": "rec", "title": "title"}

_FIELD_PREFIX = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=\S)")
_QUOTED = re.compile(r'"[^"]*"')
_OPERATOR = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = {"AND", "OR", "ANDNOT", "ANDMAYBE"}


@dataclass
class ParsedQuery:
    """A user query ready to run, and what to mark when highlighting it."""

    text: str
    query: wq.Query                      # over passages
    document_query: wq.Query = wq.NullQuery  # over documents' whole text
    exact_words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    # word as written -> whether it matches: the passages shown share most of their words
    _seen: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def is_match(self, word: str) -> bool:
        got = self._seen.get(word)
        if got is None:
            w = word.lower()
            got = (w in self.exact_words or (bool(self.stems) and stem(w) in self.stems)
                   or any(w.startswith(p) for p in self.prefixes))
            if len(self._seen) < 20_000:
                self._seen[word] = got
        return got


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return porter_stem(word)


def normalise_paper(ref: str) -> str:
    """A paper reference for exact matching: case and white space do not count."""
    return re.sub(r"\s+", "", ref).lower()


def word_forms(word: str) -> list[str]:
    """``word`` with its plain English singular or plural: target/targets, policy/policies."""
    w = word.lower()
    forms = [w]
    if len(w) <= 2 or not w.isalpha():
        return forms
    if w.endswith("ies") and len(w) > 4:
        forms.append(w[:-3] + "y")
    elif re.search(r"(s|x|z|ch|sh)es$", w):
        forms.append(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.append(w[:-1])
    elif re.search(r"[^aeiou]y$", w):
        forms.append(w[:-1] + "ies")
    elif re.search(r"(s|x|z|ch|sh)$", w):
        forms.append(w + "es")
    else:
        forms.append(w + "s")
    return forms


class QueryBuilder:
    """Parses query strings against one schema."""

    def __init__(self, schema):
        self._parser = MultifieldParser(list(TEXT_FIELDS), schema,
                                        fieldboosts={"exact": EXACT_BOOST, "stem": 1.0})

    def parse(self, text: str, precise: bool = False, aliases: bool = True) -> ParsedQuery:
        """``text`` in Whoosh syntax as a query. ``precise`` leaves out stemmed matches
        (for `bodies`, where each passage must say the words); ``aliases`` lets a word
        that names an organisation (WLGA) match that organisation's documents too."""
        check_syntax(text)
        try:
            raw = self._parser.parse(text)
        except QueryParserError as e:
            raise QueryError(f"cannot parse query {text!r}: {e}") from None
        parsed = ParsedQuery(text=text, query=wq.NullQuery)
        q = _Rewriter(precise=precise, aliases=aliases).rewrite(raw)
        parsed.query = q.normalize()
        # documents are ranked on fewer clauses (no singular/plural widening): it is the
        # hot path, and the passages shown still prefer the exact forms
        dq = _Rewriter(precise=precise, aliases=aliases, forms=False).rewrite(raw)
        parsed.document_query = dq.normalize()
        if parsed.query is wq.NullQuery:
            raise QueryError(f"query {text!r} has nothing to search for")
        _collect_marks(parsed.query, parsed)
        return parsed


def check_syntax(text: str) -> None:
    """Raise QueryError for what Whoosh's lenient parser would silently guess at."""
    if not text or not text.strip():
        raise QueryError("empty query")
    if text.count('"') % 2:
        raise QueryError(f'unbalanced quote in query {text!r}: close the "phrase"')
    bare = _QUOTED.sub('"q"', text)
    depth = 0
    for ch in bare:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            raise QueryError(f"unbalanced parenthesis in query {text!r}")
    if depth:
        raise QueryError(f"unbalanced parenthesis in query {text!r}")
    for name in _FIELD_PREFIX.findall(bare):
        if name not in USER_FIELDS:
            known = ", ".join(sorted(set(USER_FIELDS)))
            raise QueryError(f"unknown field {name!r} in query (known fields: {known})")
    _check_operators(bare.replace("(", " ( ").replace(")", " ) ").split(), text)


def _check_operators(tokens: list[str], text: str) -> None:
    prev = None
    for tok in tokens + [None]:
        if tok in _BINARY and (prev is None or prev in _OPERATOR or prev == "("):
            raise QueryError(f"{tok} needs something on its left in query {text!r}")
        if tok in (None, ")") and prev in _OPERATOR:
            raise QueryError(f"{prev} needs something on its right in query {text!r}")
        prev = tok


class _Rewriter:
    def __init__(self, precise: bool, aliases: bool, forms: bool = True):
        self.precise = precise
        self.aliases = aliases
        self.forms = forms

    def rewrite(self, q: wq.Query) -> wq.Query:
        if isinstance(q, (wq.Term, wq.Phrase)):
            return self._leaf(q)
        if isinstance(q, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and q.fieldname == "stem" and self.precise:
            return wq.NullQuery
        if q.is_leaf():
            return q
        return q.apply(self.rewrite)

    def _leaf(self, q: wq.Term | wq.Phrase) -> wq.Query:
        name = q.fieldname
        value = q.text if isinstance(q, wq.Term) else " ".join(q.words)
        if name == "stem":
            return wq.NullQuery if (self.precise or isinstance(q, wq.Phrase)) else q
        if name == "exact":
            return self._exact(q, value)
        return field_query(name, value, boost=q.boost)

    def _exact(self, q: wq.Term | wq.Phrase, value: str) -> wq.Query:
        if isinstance(q, wq.Term):
            forms = word_forms(q.text) if self.forms else [q.text]
            alts: list[wq.Query] = [wq.Term("exact", f, boost=q.boost) for f in forms]
        else:
            alts = [q]
        canon = gazetteer.canonical(value) if self.aliases else None
        if canon:
            alts.append(wq.Term("org_key", gazetteer.fold(canon), boost=ALIAS_BOOST))
        return alts[0] if len(alts) == 1 else wq.Or(alts)


def field_query(name: str, value: str, boost: float = 1.0) -> wq.Query:
    """``name:value`` written by the user, checked and normalised."""
    value = value.strip()
    if name == "org":
        canon = gazetteer.canonical(value)
        if canon:
            return wq.Term("org_key", gazetteer.fold(canon), boost=boost)
        words = value.lower().split()
        return wq.Phrase("org", words) if len(words) > 1 else wq.Term("org", value.lower())
    if name == "type":
        if value.lower() not in DOC_TYPES:
            raise QueryError(f"unknown document type {value!r} (one of: {', '.join(DOC_TYPES)})")
        return wq.Term("type", value.lower())
    if name == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"year must be four digits, not {value!r}")
        return wq.Term("year", value)
    if name == "rec":
        if not value.isdigit():
            raise QueryError(f"rec must be a recommendation number, not {value!r}")
        return wq.Term("rec", str(int(value)))
    if name == "paper":
        return wq.Term("paper", normalise_paper(value))
    words = value.lower().split()
    if name == "author":
        return wq.Phrase("author", words) if len(words) > 1 else wq.Term("author", value.lower())
    return wq.Phrase(name, words) if len(words) > 1 else wq.Term(name, value.lower())


def date_number(iso_day: str) -> int:
    """"2019-11-08" -> 20191108, a sortable number."""
    return int(iso_day.replace("-", ""))


def _collect_marks(q: wq.Query, into: ParsedQuery) -> None:
    """The words and phrases of ``q`` worth marking; nothing under a NOT."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.Term):
        if q.fieldname == "exact":
            into.exact_words.add(q.text)
        elif q.fieldname == "stem":
            into.stems.add(q.text)
    elif isinstance(q, wq.Phrase) and q.fieldname == "exact":
        into.phrases.append(tuple(q.words))
    elif isinstance(q, wq.Prefix) and q.fieldname in TEXT_FIELDS:
        into.prefixes.add(q.text)
    elif isinstance(q, wq.AndNot):
        _collect_marks(q.a, into)
    elif not q.is_leaf():
        for child in q.children():
            _collect_marks(child, into)
