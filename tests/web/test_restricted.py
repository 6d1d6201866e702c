"""Evidence received in confidence never reaches a member or the public: not in hits,
totals, facets, bodies, "did you mean", the document page, downloads or the API.
A clerk sees it, marked; the same requests prove the words are there to find."""
from __future__ import annotations

import pytest

from .auth_fixtures import (SECRET_WORDS, clerk, confidential_dir, make_app, member,  # noqa: F401
                            published_id, restricted_id, secured_app, secured_index)

# requests that do not name the secret: its words must appear nowhere in the answer
PROBES = [
    "/?q=targets", "/?q=", "/?q=&limit=100", "/?q=targets&limit=100&page=1",
    "/bodies?q=targets", "/bodies?q=local+authorities",
    "/api/search?q=targets&limit=100", "/api/search?q=&limit=100", "/api/bodies?q=targets",
    "/api/search?q=confidence+OR+trustees", "/api/ask?q=Who+wrote+in+March+2020%3F",
    "/bodies?q=Which+bodies+wrote+in+March+2020%3F", "/doc/{secret}", "/doc/{secret}/original",
    "/api/docs/{secret}",
]
# requests that type the secret's words (or near misses): the answer must be the answer
# to a word no document has, the typed word aside
TYPED = ["/?q={w}", "/bodies?q={w}", "/api/search?q={w}", "/api/bodies?q={w}",
         "/?q={w}+targets", "/api/search?q=org:{w}", "/api/ask?q={w}",
         "/?q=Which+bodies+wrote+about+{w}+grant%3F", "/api/ask?q=What+did+they+say+about+{w}+grant%3F"]
SECRET_TYPED = ["quillfeather", "quillfeathr", "zephyrmantl", "brindlecomb*", "marrowglen"]


def nonsense(word: str) -> str:
    """A word of the same shape that no document has, or is near."""
    return "".join("*" if ch == "*" else "q" for ch in word)


def everything_shown(client, secret: str) -> str:
    return "\n".join(client.get(p.format(secret=secret)).get_data(as_text=True) for p in PROBES)


def test_a_restricted_documents_words_appear_nowhere_for_a_member(member, restricted_id):
    shown = everything_shown(member, restricted_id).lower()
    assert [w for w in SECRET_WORDS if w.lower() in shown] == []


@pytest.mark.parametrize("word", SECRET_TYPED)
@pytest.mark.parametrize("route", TYPED)
def test_typing_a_restricted_word_tells_a_member_nothing(member, route, word):
    def answer(w: str) -> str:  # the word typed, echoed back as typed or without its *
        text = member.get(route.format(w=w)).get_data(as_text=True)
        return text.replace(w, "WORD").replace(w.rstrip("*"), "WORD")
    assert answer(word) == answer(nonsense(word))


@pytest.mark.parametrize("word", ["quillfeather", "quillfeathr", "brindlecomb*"])
def test_the_same_words_find_the_document_for_a_clerk(clerk, word, restricted_id):
    def answer(w: str) -> str:
        return clerk.get(f"/api/search?q={w}").get_data(as_text=True).replace(w, "WORD")
    assert answer(word) != answer(nonsense(word))


def test_the_plain_requests_show_those_words_to_a_clerk(clerk, restricted_id):
    shown = everything_shown(clerk, restricted_id).lower()
    assert [w for w in SECRET_WORDS if w.lower() in shown] == [w for w in SECRET_WORDS]


def test_nor_do_they_appear_to_the_public(secured_index, restricted_id):
    public = make_app(secured_index, PUBLIC=True).test_client()
    shown = everything_shown(public, restricted_id).lower()
    assert [w for w in SECRET_WORDS if w.lower() in shown] == []


def test_totals_and_facets_leave_the_restricted_document_out(member, clerk):
    mine = member.get("/api/search?q=targets").get_json()
    theirs = clerk.get("/api/search?q=targets").get_json()
    assert theirs["total"] == mine["total"] + 1
    assert sum(mine["facets"]["doc_type"].values()) == mine["total"]
    assert sum(theirs["facets"]["doc_type"].values()) == theirs["total"]


def test_every_document_listing_leaves_it_out(member, clerk, restricted_id):
    mine = member.get("/api/search?q=&limit=100").get_json()
    theirs = clerk.get("/api/search?q=&limit=100").get_json()
    assert restricted_id not in {h["doc_id"] for h in mine["hits"]}
    assert restricted_id in {h["doc_id"] for h in theirs["hits"]}
    assert theirs["total"] == mine["total"] + 1


def test_did_you_mean_offers_the_restricted_word_to_a_clerk_only(member, clerk):
    assert clerk.get("/api/search?q=quillfeathr").get_json().get("suggestion") == "quillfeather"
    assert "suggestion" not in member.get("/api/search?q=quillfeathr").get_json()


def test_hits_are_marked_restricted_for_a_clerk(clerk, restricted_id):
    hits = clerk.get("/api/search?q=quillfeather").get_json()["hits"]
    assert [(h["doc_id"], h["restricted"]) for h in hits] == [(restricted_id, True)]
    assert "Restricted" in clerk.get("/?q=quillfeather").get_data(as_text=True)


def test_the_command_line_sees_everything_marked(secured_index, restricted_id):
    from click.testing import CliRunner

    from cli import main
    out = CliRunner().invoke(main, ["--index", str(secured_index), "search", "quillfeather"]).output
    assert restricted_id in out and "(restricted)" in out


@pytest.mark.parametrize("route", ["/api/search?q=targets&limit=100", "/api/docs/{pub}"])
def test_sources_are_relative_to_the_indexed_folder(member, route, published_id, secured_index):
    body = member.get(route.format(pub=published_id)).get_data(as_text=True)
    assert '"source"' in body
    assert '"source":"/' not in body.replace(" ", "") and "/tmp/" not in body


def test_the_document_page_shows_the_file_name_not_the_server_path(member, published_id):
    html = member.get(f"/doc/{published_id}").get_data(as_text=True)
    assert 'class="source">hostile_letter.txt<' in html


def test_bodies_mark_a_restricted_passage_for_a_clerk(clerk):
    html = clerk.get("/bodies?q=quillfeather").get_data(as_text=True)
    assert 'class="restricted-mark">Restricted:' in html


def test_a_published_copy_of_a_restricted_letter_does_not_point_a_member_at_it(tmp_path):
    from indexer.accounts import Accounts
    from indexer.pipeline import run_index

    from .auth_fixtures import CONFIDENTIAL_LETTER, MEMBER, CLERK, make_app, sign_in
    for name in ("kept", "sent"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "letter.txt").write_text(CONFIDENTIAL_LETTER)
    ix = tmp_path / "ix"
    run_index([tmp_path / "kept"], ix, jobs=1, restricted=True)
    run_index([tmp_path / "sent"], ix, jobs=1)
    Accounts(ix).add(MEMBER[0], "member", MEMBER[1])
    Accounts(ix).add(CLERK[0], "clerk", CLERK[1])
    app = make_app(ix)
    member, clerk = app.test_client(), app.test_client()
    sign_in(member, *MEMBER)
    sign_in(clerk, *CLERK)
    from indexer.store import Index
    docs = Index.open(ix).documents()
    restricted_id = next(d.id for d in docs if d.restricted)
    copy = next(d for d in docs if not d.restricted)
    assert copy.duplicate_of == restricted_id  # the restricted letter was indexed first
    assert clerk.get(f"/api/docs/{copy.id}").get_json()["duplicate_of"] == restricted_id
    seen = member.get(f"/api/docs/{copy.id}").get_json()
    for route in (f"/api/docs/{copy.id}", f"/doc/{copy.id}", "/api/search?q=quillfeather",
                  "/?q=quillfeather", "/api/search?q=&limit=100", "/bodies?q=quillfeather"):
        assert restricted_id not in member.get(route).get_data(as_text=True), route
    assert seen["duplicate_of"] is None and seen["also_in"] == []
