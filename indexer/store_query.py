"""Query side of the store: the user's query string and Filters as Whoosh queries.

Part of the store (it imports Whoosh); nothing outside indexer/store*.py uses it.

Passages and documents are indexed twice: ``exact`` (lower-cased words, with
positions) and ``stem`` (Porter stems, no positions). A word is looked up in
both, the exact field boosted and widened to the word's singular/plural
forms, so "targets" prefers "target(s)" over "Targeted". Phrases are matched
in ``exact`` only: "financial penalties" never matches "financially penalised".
"""
from __future__ import annotations

import copy
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from whoosh import query as wq
from whoosh.lang.porter import stem as porter_stem
from whoosh.qparser import MultifieldParser, QueryParserError
from whoosh.system import _INT_SIZE

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

    def is_match(self, word: str) -> bool:
        w = word.lower()
        return (w in self.exact_words or (bool(self.stems) and stem(w) in self.stems)
                or any(w.startswith(p) for p in self.prefixes))


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
        parsed.document_query = to_document_fields(dq.normalize())
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


def to_document_fields(q: wq.Query) -> wq.Query:
    """The same query over documents' whole text (``dexact``/``dstem``) instead of passages."""
    if q.is_leaf():
        name = getattr(q, "fieldname", None)
        if name in TEXT_FIELDS:
            q = copy.copy(q)
            q.fieldname = "d" + name
        return q
    return q.apply(to_document_fields)


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


# --- scoring every match at once ---------------------------------------------------------
#
# Whoosh's collectors walk a tree of matchers one document at a time, calling several
# Python methods per document and per clause; phrases also build Span objects for every
# candidate. Ranking *every* matching document (total and facets count them all) that way
# is what made two-word ORs and phrases slow. ``score_all`` gives the same BM25F scores
# term at a time instead: each term's postings are read once into a dict, ORs and ANDs
# combine the dicts, and a phrase checks adjacent positions on the documents that have all
# its words. Query nodes it does not know (prefixes, NOT, ranges...) are left to Whoosh,
# whose per-document scores combine with the rest exactly as its own matchers would.


class ScoreCache:
    """Per searcher generation: each field's BM25 length term per document, computed
    on first use (``K1 * (1 - B + B * length / average length)``)."""

    def __init__(self):
        self.norms: dict[tuple[int, str], dict[int, float]] = {}


def score_all(s, q: wq.Query, cache: ScoreCache) -> dict[int, float]:
    """Every document ``q`` matches in searcher ``s`` -> its score, as Whoosh would give it."""
    if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
        return {}
    if isinstance(q, wq.Term):
        return _term_scores(s, q, cache)
    if isinstance(q, wq.Phrase) and q.slop == 1:
        return _phrase_scores(s, q, cache)
    if isinstance(q, wq.Or) and not q.minmatch and not q.scale:
        out: dict[int, float] = {}
        for sub in q.subqueries:
            for n, v in score_all(s, sub, cache).items():
                out[n] = out.get(n, 0.0) + v
        return _boosted(out, q.boost)
    if isinstance(q, wq.And) and not any(isinstance(sub, wq.Not) for sub in q.subqueries):
        parts = [score_all(s, sub, cache) for sub in q.subqueries]
        if not parts:
            return {}
        common = set(parts[0]).intersection(*parts[1:])
        return _boosted({n: sum(p[n] for p in parts) for n in common}, q.boost)
    return {n: score for score, n in s.search(q, limit=None, terms=False).top_n}


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    return scores if boost == 1.0 else {n: v * boost for n, v in scores.items()}


def _term_postings(s, fieldname: str, text: str, values: bool = False):
    """Per segment: (offset, [(local docnum, weight, value)], scorer constants) of a term."""
    field = s.schema[fieldname] if fieldname in s.schema else None
    if field is None:
        return
    try:
        btext = field.to_bytes(text)
    except ValueError:
        return
    for seg, (sub, offset) in enumerate(s.leaf_searchers()):
        r = sub.reader()
        if (fieldname, btext) not in r:
            continue
        m = r.postings(fieldname, btext)
        rows = []
        while m.is_active():
            rows.append((m.id(), m.weight(), m.value() if values else None))
            m.next()
        yield seg, sub, offset, rows


def _bm25(s, sub, seg: int, fieldname: str, text: str, cache: ScoreCache):
    """(idf * (K1 + 1), norm(local docnum)) for a term, or None when the searcher's
    weighting is not BM25F on a scorable field (then Whoosh scores it)."""
    from whoosh.scoring import BM25FScorer
    scorer = s.weighting.scorer(sub, fieldname, text)
    if type(scorer) is not BM25FScorer:
        return None
    # avgfl, B and K1 are the same for every term of a field in one generation
    norms = cache.norms.setdefault((seg, fieldname), {})
    k1, b, avgfl = scorer.K1, scorer.B, scorer.avgfl
    reader = sub.reader()

    def norm(n: int) -> float:
        v = norms.get(n)
        if v is None:
            v = norms[n] = k1 * ((1 - b) + b * reader.doc_field_length(n, fieldname, 1) / avgfl)
        return v
    return scorer.idf * (k1 + 1), norm


def _term_scores(s, q: wq.Term, cache: ScoreCache) -> dict[int, float]:
    out: dict[int, float] = {}
    for seg, sub, offset, rows in _term_postings(s, q.fieldname, q.text):
        consts = _bm25(s, sub, seg, q.fieldname, q.text, cache)
        if consts is None:
            return {n: score for score, n in s.search(q, limit=None, terms=False).top_n}
        idf1, norm = consts
        boost = q.boost
        for n, w, _ in rows:
            out[n + offset] = boost * (idf1 * w / (w + norm(n)))
    return out


def _phrase_scores(s, q: wq.Phrase, cache: ScoreCache) -> dict[int, float]:
    """Documents with the words at adjacent positions, scored as Whoosh scores a phrase:
    the sum of its words' scores, times the phrase's boost."""
    words = list(q.words)
    if not words:
        return {}
    field = s.schema[q.fieldname] if q.fieldname in s.schema else None
    if field is None or not field.format or not field.format.supports("positions"):
        return {n: score for score, n in s.search(q, limit=None, terms=False).top_n}
    decode = _position_decoder(field.format)
    per_word: list[dict[int, tuple[float, bytes]]] = []
    for word in words:
        got: dict[int, tuple[float, bytes]] = {}
        for seg, sub, offset, rows in _term_postings(s, q.fieldname, word, values=True):
            consts = _bm25(s, sub, seg, q.fieldname, word, cache)
            if consts is None:
                return {n: score for score, n in s.search(q, limit=None, terms=False).top_n}
            idf1, norm = consts
            for n, w, v in rows:
                got[n + offset] = (idf1 * w / (w + norm(n)), v)
        if not got:
            return {}
        per_word.append(got)
    candidates = set(per_word[0]).intersection(*per_word[1:])
    out: dict[int, float] = {}
    for n in candidates:
        starts = set(decode(per_word[0][n][1]))
        for i, got in enumerate(per_word[1:], start=1):
            starts &= {p - i for p in decode(got[n][1])}
            if not starts:
                break
        if starts:
            out[n] = q.boost * sum(got[n][0] for got in per_word)
    return out


def _position_decoder(fmt):
    """``fmt.decode_positions``; for Whoosh's plain Positions format (a count, then the
    pickled list of gaps between positions) the same decoding without its Python loop."""
    from whoosh.formats import Positions
    if type(fmt) is not Positions:
        return fmt.decode_positions

    def decode(value: bytes):
        return accumulate(pickle.loads(value[_INT_SIZE:] if value.endswith(b".")
                                       else value[_INT_SIZE:] + b"."))
    return decode
