"""Bodies by the shape of their names, and the body a minister's or official's role speaks for.
All examples are invented."""
import pytest

from indexer.bodies import best_body, bodies_by_shape, committee_name, minister_body


def names(text):
    return [n for _, n in bodies_by_shape(text)]


@pytest.mark.parametrize("text, body", [
    # "X Committee": capitalised words with "and", commas and "of"
    ("I write as Chair of the Tourism, Heritage, Welsh Language, and Rural Affairs Committee today.",
     "Tourism, Heritage, Welsh Language, and Rural Affairs Committee"),
    ("the Ports and Harbours Committee met", "Ports and Harbours Committee"),
    ("House of Commons Fisheries Committee", "House of Commons Fisheries Committee"),
    ("Coastal Affairs, Ports and\nHarbours Committee", "Coastal Affairs, Ports and Harbours Committee"),
    # "Committee on X", "Committee for X", "Select Committee on X" as written
    ("Letter from the Committee for the Coastal Economy to the Clerk", "Committee for the Coastal Economy"),
    ("the Joint Committee on Tidal Energy", "Joint Committee on Tidal Energy"),
    ("Select Committee on Fisheries Written Evidence", "Select Committee on Fisheries"),
    # Welsh: the name follows the head word
    ("Pwyllgor Pysgodfeydd, Porthladdoedd a Thwristiaeth", "Pwyllgor Pysgodfeydd, Porthladdoedd a Thwristiaeth"),
    ("Cyngor Tref Aberporth", "Cyngor Tref Aberporth"),
    # departments, ministries, offices
    ("Department for Fisheries, Ports and Coasts, London", "Department for Fisheries, Ports and Coasts"),
    ("the Ministry of Tides and Harbours said", "Ministry of Tides and Harbours"),
    ("Office of the Harbour Commissioner for Wales", "Office of the Harbour Commissioner for Wales"),
    # councils, boards, commissioners, trusts, associations, societies, universities, companies
    ("Aberporth Town Council", "Aberporth Town Council"),
    ("Glan-y-Môr University Health Board", "Glan-y-Môr University Health Board"),
    ("Seaside Health Board", "Seaside Health Board"),
    ("the Tidal Power Commission", "Tidal Power Commission"),
    ("Coastal Communities Commissioner for Wales", "Coastal Communities Commissioner for Wales"),
    ("Aberporth Lifeboat Trust", "Aberporth Lifeboat Trust"),
    ("the Welsh Harbourmasters' Association", "Welsh Harbourmasters' Association"),
    ("Inshore Fishermen's Society (Inc.) is", "Inshore Fishermen's Society (Inc.)"),
    ("Coastal Metropolitan University", "Coastal Metropolitan University"),
    ("the University of Aberporth", "University of Aberporth"),
    ("Tidewater Engineering Ltd. writes", "Tidewater Engineering Ltd"),
    ("MARLIN SYSTEMS", "MARLIN SYSTEMS"),
    ("Marlin Boats plc", "Marlin Boats plc"),
])
def test_a_body_is_recognised_by_the_shape_of_its_name(text, body):
    assert names(text) == [body]


def test_each_body_comes_with_its_offset_in_text_order():
    text = "Copies to the Ports Committee and to Aberporth Town Council."
    assert bodies_by_shape(text) == [(14, "Ports Committee"), (37, "Aberporth Town Council")]


@pytest.mark.parametrize("text", [
    "The Committee agreed to write again.",
    "Thank you for appearing before the Committee.",
    "the Government will respond in due course",
    "our Committee and this Committee both noted it",
    "Members of the Committee raised three points.",
    "Mae'r Pwyllgor yn credu bod angen newid.",
    "the Committee on Monday heard from witnesses",
    "the Committee on 5 May",
    "the Committee on Welsh Government's plans",
    "the Department has considered",
    "our Council and the Board",
    "a letter to the Ministry",
])
def test_a_sentence_fragment_is_not_a_body(text):
    assert names(text) == []


def test_a_name_stops_at_a_lower_case_word():
    assert names("the Ports Committee considered the Harbours Bill") == ["Ports Committee"]
    assert names("Department for Ports has written") == ["Department for Ports"]


def test_a_role_or_a_person_before_the_name_is_not_part_of_it():
    assert names("Chair, Harbours Committee") == ["Harbours Committee"]
    assert names("Jane Rees MS, Harbours Committee") == ["Harbours Committee"]
    assert names("Letter to the Chairman of the Harbours Committee from the Minister") == ["Harbours Committee"]


def test_two_bodies_joined_by_and_stay_two():
    assert names("Aberporth Town Council and Seaside Health Board") == [
        "Aberporth Town Council", "Seaside Health Board"]


def test_a_letterhead_line_above_is_not_part_of_the_name():
    assert names("Seaside Parliament\nHarbours Committee") == ["Harbours Committee"]


@pytest.mark.parametrize("written, usual", [
    ("Select Committee on Fisheries", "Fisheries Committee"),
    ("House of Lords Select Committee on the Tides", "Tides Committee"),
    ("Fisheries Select Committee", "Fisheries Committee"),
    ("the Harbours Committee.", "Harbours Committee"),
    ("Scottish Parliament Harbours Committee", "Harbours Committee"),
    ("National Assembly for Wales Finance Committee", "Finance Committee"),
    ("Joint Committee on Tidal Energy", "Joint Committee on Tidal Energy"),
    ("Select Committee on Home Affairs", "Home Affairs Committee"),
])
def test_committee_name_gives_a_committee_its_usual_name(written, usual):
    assert committee_name(written) == usual


@pytest.mark.parametrize("text, body", [
    ("Wales Audit Office", "Auditor General for Wales"),
    ("Letter from the Cabinet Office to the Clerk of the Committee", "Cabinet Office"),
    ("Chief Executive, Aberporth Town Council", "Aberporth Town Council"),
    ("Senedd Cymru Harbours Committee", "Harbours Committee"),
    ("Clerk to the Scottish Parliament Tides and Harbours Committee", "Tides and Harbours Committee"),
    ("Director, WLGA", "Welsh Local Government Association"),
    ("Pwyllgor Menter a Busnes", "Enterprise and Business Committee"),
    ("I write on my own behalf.", None),
    ("", None),
])
def test_best_body_prefers_the_gazetteer_then_the_shape(text, body):
    assert best_body(text) == body


@pytest.mark.parametrize("role, context, body", [
    ("Minister of State, Home Office", "", "Home Office"),
    ("Parliamentary Under-Secretary of State, Department for Work and Pensions", "", "Department for Work and Pensions"),
    ("Secretary of State for Culture, Media and Sport", "", "Department for Culture, Media and Sport"),
    ("Secretary of State for Health and Social Care", "", "Department of Health and Social Care"),
    ("Secretary of State for Health", "", "Department of Health"),
    ("Secretary of State for Innovation, Universities and Skills", "", "Department for Innovation, Universities and Skills"),
    ("Secretary of State for the Home Department", "", "Home Office"),
    ("Secretary of State for Wales", "", "Wales Office"),
    ("Secretary of State for Health and Minister for Women", "", "Department of Health"),
    ("Secretary of State for Culture, Olympics, Media and Sport", "", "Department for Culture, Media and Sport"),
    ("Chancellor of the Exchequer", "", "HM Treasury"),
    ("Treasury Officer of Accounts", "", "HM Treasury"),
    ("Comptroller and Auditor General", "", "National Audit Office"),
    ("Comptroller and Auditor General", "Northern Ireland Audit Office, Belfast", "Northern Ireland Audit Office"),
    ("Minister for Harbours MS", "", "Welsh Government"),
    ("Cabinet Secretary for Harbours", "Llywodraeth Cymru\nWelsh Government", "Welsh Government"),
    ("Y Gweinidog Harbwrs", "", "Welsh Government"),
    ("Minister for Harbours", "Welsh Assembly Government, Cathays Park", "Welsh Assembly Government"),
    ("Cabinet Secretary for Justice", "Jane Rees MSP", "Scottish Government"),
    ("Minister for Harbours MSP", "Scottish Executive", "Scottish Executive"),
    ("Director-General Health and Social Care and Chief Executive NHSScotland", "", "Scottish Government"),
    ("Minister of Finance MLA", "", "Department of Finance"),
    ("Minister for Harbours MLA", "", "Northern Ireland Executive"),
    ("Minister for Education", "Rhona Bell MSP\nThe Scottish Government", "Scottish Government"),
    ("Minister of State, Wales Office", "the Welsh Government's plans for harbours", "Wales Office"),
    ("Minister of State for the Armed Forces", "", "Ministry of Defence"),
    ("Minister for Immigration MP", "", "Home Office"),
    ("Minister for Immigration", "The Scottish Government's view", "Home Office"),
])
def test_the_body_a_role_speaks_for(role, context, body):
    assert minister_body(role, context) == body


@pytest.mark.parametrize("role, context", [
    ("Cabinet Secretary for Justice", ""),
    ("Secretary of State for Culture and Harbours", ""),
    ("Minister for Harbours", ""),
    ("Chief Executive", ""),
    ("Minister for Harbours", "The meeting starts at 10 AM on MS Teams."),
    ("Minister for Harbours", "To: Rhona Bell MSP, Convener, Harbours Committee"),
    ("", ""),
])
def test_a_role_that_names_no_body_and_has_no_context_gives_none(role, context):
    assert minister_body(role, context) is None


def test_a_devolved_minister_takes_the_name_the_letter_first_gives_its_government():
    context = "Welsh Assembly Government\nCathays Park\n... the Welsh Government, as it will be known ..."
    assert minister_body("Minister for Harbours", context) == "Welsh Assembly Government"


@pytest.mark.parametrize("text, found", [
    ("the Seaside Assembly\u2019s Harbours Committee", ["Harbours Committee"]),
    ("Controller of Her Majesty's Harbour Office", ["Her Majesty's Harbour Office"]),
    ("Vice-Chancellor of Aberporth Metropolitan University", ["Aberporth Metropolitan University"]),
    ("Chief Executive of Tidewater Engineering Ltd", ["Tidewater Engineering Ltd"]),
    ("Select Committee on Fisheries Third Special Report", ["Select Committee on Fisheries"]),
    ("Convenor, Harbours Committee Harbours Committee Clerks Room", ["Harbours Committee", "Harbours Committee"]),
    ("the Harbours Committee on the Tidal Energy Bill", ["Harbours Committee"]),
    ("the Tidal Authority on Grid Stability", ["Tidal Authority"]),
    ("THE FISHERIES, PORTS AND REGIONAL AFFAIRS COMMITTEE REPORT", ["FISHERIES, PORTS AND REGIONAL AFFAIRS COMMITTEE"]),
    ("the Local Harbours Association", ["Local Harbours Association"]),
])
def test_a_name_has_only_its_own_words(text, found):
    assert names(text) == found


@pytest.mark.parametrize("text", [
    "evidence to the Select Committee",
    "the House of Lords Select Committee",
    "the local Health Board",
    "the County Council",
    "our Steering Committee",
])
def test_a_kind_of_body_without_a_name_is_not_a_body(text):
    assert names(text) == []


@pytest.mark.parametrize("text, found", [
    ("a letter from Young Harbourers Trust Cymru about", ["Young Harbourers Trust Cymru"]),
    ("Coastal Walkers Association Wales.", ["Coastal Walkers Association Wales"]),
    ("the Tidal Society Northern Ireland branch", ["Tidal Society Northern Ireland"]),
    ("Harbours Committee Wales Audit Office", ["Harbours Committee", "Wales Audit Office"]),
])
def test_a_branch_name_runs_on_through_its_nation(text, found):
    assert names(text) == found


def test_a_name_run_together_with_the_next_word_is_found_without_it():
    text = "The Harbours and Tides Committeehave agreed, as has the Coastal Committeeand others."
    assert names(text) == ["Harbours and Tides Committee", "Coastal Committee"]


def test_the_labelled_bodies_of_the_development_set_are_recognised_in_their_texts():
    """Read by path: for nine in ten development documents whose label names a body, the gazetteer,
    the shapes or a role line of the text give a name the scorer files under that body (the rest
    speak only as "the Government": the tagger's inference, not a name in the text)."""
    import importlib.util
    import json
    import re
    from pathlib import Path

    from indexer import gazetteer

    dev = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"
    spec = importlib.util.spec_from_file_location("evidex_score_dev", dev.parent / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    scorer.load_gold_docs(dev / "gold.jsonl")
    found, missed = 0, []
    for row in map(json.loads, (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines()):
        if not row["organisation"]:
            continue
        text = (dev / row["file"]).read_text(encoding="utf-8")
        named = {c for _, c in gazetteer.find_bodies(text)}
        named |= {committee_name(n) for _, n in bodies_by_shape(text)}
        named |= {minister_body(line) for line in text.splitlines()
                  if re.search(r"Minister|Secretary|Chancellor|Comptroller|Treasury", line)}
        if any(scorer.canon_org(n) == row["organisation"] for n in named if n):
            found += 1
        else:
            missed.append((row["file"], row["organisation"]))
    assert found / (found + len(missed)) >= 0.9, missed
