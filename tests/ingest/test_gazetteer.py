"""The gazetteer: bodies and their aliases as data (indexer/orgs.json), found in text."""
import importlib.util
import json
from pathlib import Path

import pytest

from indexer import gazetteer

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"


@pytest.mark.parametrize("name, canon", [
    ("WLGA", "Welsh Local Government Association"),
    ("Cymdeithas Llywodraeth Leol Cymru", "Welsh Local Government Association"),
    ("  the treasury ", "HM Treasury"),
    ("Her Majesty\u2019s Government", "HM Government"),
    ("Llywodraeth Cymru", "Welsh Government"),
    ("Riaghaltas na h-Alba", "Scottish Government"),
    ("Comisiynydd y Gymraeg", "Welsh Language Commissioner"),
    ("Archwilio Cymru", "Auditor General for Wales"),
    ("Bwrdd Iechyd Prifysgol Betsi Cadwaladr", "Betsi Cadwaladr University Health Board"),
    ("Cyngor Sir Ynys Môn", "Isle of Anglesey County Council"),
    ("Select Committee on Home Affairs", "Home Affairs Committee"),
    ("Pwyllgor Menter a Busnes", "Enterprise and Business Committee"),
    ("Office of the Secretary of State for Wales", "Wales Office"),
    ("Foreign & Commonwealth Office", "Foreign and Commonwealth Office"),
])
def test_canonical_name_of_an_alias(name, canon):
    assert gazetteer.canonical(name) == canon


@pytest.mark.parametrize("older, newer", [
    ("Ministry of Agriculture, Fisheries and Food", "Department for Environment, Food and Rural Affairs"),
    ("Department of Health", "Department of Health and Social Care"),
    ("Welsh Assembly Government", "Welsh Government"),
    ("Scottish Executive", "Scottish Government"),
    ("National Assembly for Wales", "Welsh Parliament"),
    ("Foreign and Commonwealth Office", "Foreign, Commonwealth and Development Office"),
])
def test_a_body_under_an_older_name_is_filed_under_the_name_the_text_gives(older, newer):
    assert gazetteer.canonical(older) == older
    assert gazetteer.canonical(newer) == newer


def test_unknown_name_is_none_and_a_filter_keeps_it_as_typed():
    assert gazetteer.canonical("Foster Carers Alliance Cymru") is None
    assert gazetteer.canonical("") is None
    assert gazetteer.resolve_filter("  Foster Carers Alliance Cymru ") == "Foster Carers Alliance Cymru"
    assert gazetteer.resolve_filter("wlga") == "Welsh Local Government Association"


def test_find_bodies_gives_offsets_and_canonical_names_in_text_order():
    text = "Copied to the WLGA and to Llywodraeth Cymru, and to the Home Office."
    assert gazetteer.find_bodies(text) == [
        (14, "Welsh Local Government Association"), (26, "Welsh Government"), (56, "Home Office")]


def test_the_longest_name_wins_where_names_overlap():
    assert gazetteer.find_bodies("ADSS Cymru") == [(0, "Association of Directors of Social Services Cymru")]
    assert [c for _, c in gazetteer.find_bodies("the Health and Social Care Committee")] == [
        "Health and Social Care Committee"]


def test_a_name_may_run_over_a_line_break():
    assert gazetteer.find_bodies("Department for Environment,\nFood and Rural Affairs") == [
        (0, "Department for Environment, Food and Rural Affairs")]


def test_short_acronyms_match_only_in_capitals():
    assert gazetteer.find_bodies("the NAO reported") == [(4, "National Audit Office")]
    assert gazetteer.find_bodies("a nao or a pac") == []
    assert gazetteer.find_bodies("the NAO reported", acronyms=False) == []


def test_short_mixed_case_names_match_only_as_written():
    assert gazetteer.find_bodies("evidence from Defra and Ofcom") == [
        (14, "Department for Environment, Food and Rural Affairs"), (24, "Ofcom")]
    assert gazetteer.find_bodies("evidence from defra and ofcom") == []


def test_find_spans_gives_where_each_name_ends():
    text = "from the Wales Audit Office."
    assert gazetteer.find_spans(text) == [(9, 27, "Auditor General for Wales")]


def test_every_name_in_the_table_belongs_to_one_body_only():
    data = json.loads(Path(gazetteer.__file__).with_name("orgs.json").read_text(encoding="utf-8"))
    owner = {}
    for canon, aliases in data.items():
        if canon.startswith("_"):
            continue
        for name in [canon, *aliases]:
            assert owner.setdefault(gazetteer.fold(name), canon) == canon, name


def test_legislatures_are_listed_bodies():
    assert {"House of Commons", "Scottish Parliament", "Northern Ireland Assembly"} <= gazetteer.legislatures()
    assert all(gazetteer.canonical(n) == n for n in gazetteer.legislatures())


def test_all_names_lists_each_canonical_body_once():
    names = gazetteer.all_names()
    assert len(names) == len(set(names)) > 500
    assert "Welsh Local Government Association" in names and "WLGA" not in names


@pytest.fixture(scope="module")
def scorer():
    """The evaluation's scorer, with the development set's alias table joined to the gold one."""
    spec = importlib.util.spec_from_file_location("evidex_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.load_gold_docs(DEV_GOLD)
    return module


def test_the_name_printed_for_a_body_the_scorer_knows_maps_back_to_it(scorer):
    """Whatever alias the gold tables list, the canonical name the gazetteer gives it is one the
    scorer files under the same body (an exact alias, or an alias inside the printed name)."""
    wrong = []
    for gold, aliases in scorer.ORGS.items():
        for alias in {gold, *aliases}:
            printed = gazetteer.canonical(alias)
            if printed and scorer.canon_org(printed) != gold:
                wrong.append((alias, printed, scorer.canon_org(printed), gold))
    assert wrong == []


def test_a_one_word_name_written_in_capitals_matches_only_in_capitals():
    assert gazetteer.find_bodies("a letter from UNISON") == [(14, "UNISON")]
    assert gazetteer.find_bodies("they spoke in unison") == []


def test_a_name_inside_a_web_or_email_address_is_not_a_mention():
    assert gazetteer.find_bodies("see www.senedd.wales or write to clerk@senedd.wales") == []
    assert gazetteer.find_bodies("ofcom.org.uk/reports") == []
    assert gazetteer.find_bodies("a letter to the Home Office.") == [(16, "Home Office")]


@pytest.mark.parametrize("word", ["crisis", "refuge", "shelter", "scope", "unite", "HSE", "FSA"])
def test_common_words_and_ambiguous_acronyms_are_not_bodies(word):
    assert gazetteer.find_bodies(f"the {word} was") == []
    assert gazetteer.find_bodies(f"The {word.capitalize()} of it") == []


def test_a_known_name_run_together_with_the_next_word_is_found_without_it():
    assert gazetteer.find_spans("The Finance Committeehave agreed") == [(4, 21, "Finance Committee")]
    assert gazetteer.find_bodies("Home Officeand WLGAhas") == [(0, "Home Office"), (15, "Welsh Local Government Association")]


def test_a_name_in_quotes_or_with_a_possessive_is_a_mention():
    assert gazetteer.find_bodies("\u2018Welsh Government\u2019 and Defra\u2019s budget") == [
        (1, "Welsh Government"), (23, "Department for Environment, Food and Rural Affairs")]


def test_a_one_word_name_the_table_capitalises_needs_its_capital():
    assert gazetteer.find_bodies("the Senedd agreed") == [(4, "Welsh Parliament")]
    assert gazetteer.find_bodies("ar lawr y senedd erbyn hyn") == []
