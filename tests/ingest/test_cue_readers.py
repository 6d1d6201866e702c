"""The cue readers, each on small invented examples of the shape it reads: title lines,
sender lines, page headings, closing blocks without a sign-off, body statements, office
holders in an address block, the tagger's reflow of published text, and the resolver."""
import pytest

from indexer import closing, letter, reflow, statements, title_line
from indexer import tag as tagger
from indexer.cues import Cue, best, refine_date

PARA = ("We have considered the points raised with us at the hearing and set out our position on each "
        "of them below, with the figures the Committee asked for.")


def tags(text):
    return tagger.tag(text.split("\n"))


# --- title lines ---------------------------------------------------------------------------

def test_title_line_names_sender_office_and_body_and_the_addressee_as_an_office():
    t = title_line.read_title("Letter to the Chair of the Committee from Ms Jane Roe MP, Minister of State, Home Office")
    assert (t.sender.name, t.sender.role, t.sender.body) == ("Jane Roe", "Minister of State", "Home Office")
    assert t.addressee.name is None and t.addressee.office == "Chair of the Committee"


def test_title_line_with_its_date_first_and_both_parties_named():
    t = title_line.read_title("Letter of 3 March 2015 from Dr Ann Price, Vice-Chancellor of the University of Exeter, "
                              "to Mr Bob Lee MP, Chairman of the Committee")
    assert (t.date, t.sender.name, t.addressee.name) == ("2015-03-03", "Ann Price", "Bob Lee")


def test_title_line_dated_at_its_end():
    t = title_line.read_title("Response from Sam Hill MP, Minister of State, Ministry of Defence, dated 2 May 2012")
    assert (t.kind, t.date, t.sender.name, t.sender.body) == ("response", "2012-05-02", "Sam Hill", "Ministry of Defence")


@pytest.mark.parametrize("line, body", [
    ("Memorandum submitted by the Acme Widget Society", "Acme Widget Society"),
    ("Supplementary memorandum from NORTHWIND HOLDINGS (NW 4)", "NORTHWIND HOLDINGS"),
    ("Written evidence submitted by Fair Rivers Trust Cymru", "Fair Rivers Trust Cymru"),
])
def test_a_body_that_sends_a_memorandum_is_named_in_full(line, body):
    assert title_line.read_title(line).sender.body == body


def test_petition_title_gives_a_short_date_and_no_body():
    t = title_line.read_title("P-06-123 Save the village hall \u2013 Correspondence from the Petitioner to the Committee, 03.04.22")
    assert t.date == "2022-04-03" and t.sender.body is None


@pytest.mark.parametrize("line", ["Letter writing remains an art", "Evidence shows the scheme works",
                                  "Response rates fell in 2019"])
def test_a_sentence_beginning_with_a_kind_of_paper_is_not_a_title_line(line):
    assert title_line.read_title(line) is None


def test_page_heading_names_the_committee_that_the_committee_means():
    lines = ["Select Committee on Transport Second Special Report", "", "Appendix"]
    committee = title_line.heading_committee(lines)
    assert committee == "Transport Committee"
    assert title_line.resolve_committee("Chairman of the Committee", committee) == "Chairman of the Transport Committee"


def test_sender_line_gives_the_writer_and_office():
    found = title_line.from_line("REF 12 From the Rt Hon Jane Roe MP Secretary of State for Transport REF_12 The Rt Hon")
    assert found[:2] == ("Jane Roe", "Secretary of State for Transport")


# --- closing blocks without a sign-off -----------------------------------------------------

def test_closing_block_gives_name_role_and_date_under_the_last_paragraph():
    c = closing.closing([PARA, "", "Jo Bloggs", "", "Managing Director", "", "3 May 2004"])
    assert (c.name, c.role, c.date) == ("Jo Bloggs", "Managing Director", "2004-05-03")


def test_closing_block_of_an_office_alone_ends_at_the_next_letters_heading():
    c = closing.closing([PARA, "Chairman", "Transport Committee", "4 May 2004", "LETTER FROM THE MINISTER", PARA])
    assert (c.name, c.office_lines, c.date) == (None, ("Chairman", "Transport Committee"), "2004-05-04")


def test_paragraphs_that_run_on_have_no_closing_block():
    assert closing.closing([PARA, "", PARA, "", "Further questions", PARA]) is None


# --- body statements -----------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("I write in my capacity as Chair of the Petitions Committee to ask for an update.", "Petitions Committee"),
    ("In this report Defra responds to the Committee's recommendations.", "Department for Environment, Food and Rural Affairs"),
    ("The Committee has received the memorandum below from the Ministry of Transport, which constitutes the reply.",
     "Ministry of Transport"),
])
def test_what_the_writer_says_of_itself_names_its_body(text, body):
    assert statements.writer_body(text)[0] == body


@pytest.mark.parametrize("text", [
    "At its meeting on 3 May the Finance Committee considered your letter.",
    "The Finance Committeehave agreed to hold an inquiry.",  # spacing lost in the source
])
def test_a_committee_presented_as_acting_is_the_writing_committee(text):
    assert statements.acting_committee(text)[0] == "Finance Committee"


def test_a_press_notice_names_who_has_written_to_whom():
    text = ("After today's session the Chairman of the Transport Committee, Rt Hon Jo Bloggs MP, has written to "
            "the Chief Executive of Network Rail. The letter is below.")
    name, body, to, _ = statements.has_written(text)
    assert (name, body, to) == ("Jo Bloggs", "Transport Committee", "Chief Executive of Network Rail")


# --- office holders and peers --------------------------------------------------------------

@pytest.mark.parametrize("office, head, holder", [
    ("Chair", "Jo Bloggs MS\nChair, Petitions Committee\nSenedd Cymru", "Jo Bloggs"),
    ("Presiding Officer", "Ann Price AM\n\nPresiding Officer\n\nNational Assembly", "Ann Price"),
    ("Gadeirydd", "Y Gwir Anrhydeddus Ann Price AS\nCadeirydd y Pwyllgor", "Ann Price"),  # "Annwyl Gadeirydd"
    ("Chair", "Brian Lee TD, Chair, Committee of Public Accounts.", "Brian Lee"),
])
def test_an_office_in_the_salutation_is_the_person_the_header_gives_it(office, head, holder):
    assert letter.office_holder(office, head) == holder


def test_a_peers_title_is_part_of_the_name():
    assert letter.peer_name("The Rt Hon. the Lord Hale of Dunmore") == "Lord Hale of Dunmore"


# --- reflow --------------------------------------------------------------------------------

def test_web_furniture_is_not_content():
    lines = reflow.tagging_lines(["previous page contents next page", "\u00a9 Parliamentary copyright 2004",
                                  "Prepared 12 June 2004"])
    assert all(not t.strip() for t in lines)


def test_flattened_letter_is_broken_at_its_structure():
    flat = ("Acme Trust 1 High Street Exeter EX1 1AA 12 March 2020 Dear Ms Price Thank you for your letter of "
            "2 March about the scheme, which we have considered with care. " + PARA + " " + PARA +
            " Yours sincerely Jo Bloggs Chief Executive")
    lines = reflow.tagging_lines([flat])
    assert "12 March 2020" in lines and "Dear Ms Price" in lines and "Yours sincerely" in lines
    assert lines[-1].startswith("Jo Bloggs")


def test_a_paragraph_wrapped_by_a_pdf_is_one_line_but_two_letterhead_names_stay_apart():
    wrapped = ["Letter from Rt Hon Jane Roe MP, Secretary of State for Transport, Roads and", "Rail, dated 2 May 2012"]
    assert reflow.tagging_lines(wrapped) == [" ".join(wrapped)]
    names = ["Pwyllgor Deisebau, Cyfathrebu a Chysylltiadau Rhyngwladol y Senedd", "Petitions and Communications Committee"]
    assert reflow.tagging_lines(names) == names


def test_a_heading_broken_over_short_capital_lines_is_one_line():
    assert reflow.tagging_lines(["LETTER FROM", "THE MINISTER", "TO THE", "CHAIRMAN, 4 MAY", "2004"]) == [
        "LETTER FROM THE MINISTER TO THE CHAIRMAN, 4 MAY 2004"]


# --- resolver ------------------------------------------------------------------------------

def test_resolver_keeps_the_strongest_cue_and_the_first_among_equals():
    cues = [Cue("author", "A", "letterhead", "A", 40), Cue("author", "B", "signature block", "B", 10),
            Cue("author", "C", "signature block", "C", 10)]
    assert best(cues, "author").value == "B"


def test_a_month_only_date_takes_a_full_date_of_that_month_from_another_cue():
    chosen = Cue("date", "2009-05", "dateline", "May 2009", 10)
    assert refine_date(chosen, [chosen, Cue("date", "2009-05-20", "title line", "Letter of 20 May 2009", 8)]).value == "2009-05-20"
    assert refine_date(chosen, [chosen, Cue("date", "2009-06-20", "title line", "x", 8)]).value == "2009-05"


# --- whole documents: each tag with its evidence -------------------------------------------

PAGE = ("Select Committee on Transport Appendices to the Minutes of Evidence\n\n"
        "Letter to the Chairman of the Committee from Ms Jane Roe MP, Minister of State, Department for Transport\n\n"
        + PARA + "\n\n" + PARA + "\n\n9 March 2004\n\nprevious page contents next page\n\nPrepared 30 March 2004\n")


def test_published_letter_is_tagged_from_its_title_line_and_dateline_not_its_publication_stamp():
    t = tags(PAGE)
    assert (t.author, t.organisation, t.date, t.recipient, t.doc_type) == (
        "Jane Roe", "Department for Transport", "2004-03-09", "Chairman of the Transport Committee", "letter")


def test_each_tag_carries_the_cue_and_line_that_decided_it():
    ev = tags(PAGE).evidence
    assert ev["author"] == {"cue": "title line", "line": PAGE.split("\n")[2]}
    assert ev["date"] == {"cue": "dateline", "line": "9 March 2004"}


def test_a_field_left_null_says_which_cues_were_tried():
    ev = tags("Some notes\n\n" + PARA).evidence
    assert ev["author"]["cue"] is None and "signature block" in ev["author"]["tried"]


def test_an_excerpt_cut_off_before_its_signature_has_no_author():
    t = tags("Jo Bloggs MS\nChair, Petitions Committee\n\n4 May 2020\n\nDear Chair,\n\n" + PARA + "\n\nWe would also")
    assert t.author is None and t.recipient == "Jo Bloggs"


def test_sign_off_with_a_signed_first_name_then_the_typed_name_in_welsh():
    t = tags("Annwyl gyfeillion,\n\n" + PARA + "\n\nDiolch yn fawr\n\nAled\n\nAled Rhys\n")
    assert t.author == "Aled Rhys" and t.recipient is None


def test_a_response_answers_the_numbered_conclusions_it_quotes_and_not_the_one_it_does_not_reach():
    text = ("Government Response\n\n1. We recommend that the scheme be extended to every county. (Paragraph 12)\n\n"
            "The Government accepts this recommendation and will extend it next year.\n\n"
            "2. We recommend an annual report on the scheme. (Paragraph 15)\n\n"
            "The Government agrees.\n\nRecommendation 9. It is our view that in the long\nterm")
    assert [r.number for r in tags(text).recommendations] == [1, 2]


def test_a_government_response_to_a_select_committee_that_names_no_department_is_hm_government():
    text = ("Select Committee on Transport Third Special Report\n\nGovernment Response\n\n"
            "The Government welcomes the Committee's report and sets out its response below.\n\n" + PARA)
    t = tags(text)
    assert (t.organisation, t.doc_type) == ("HM Government", "response")


def test_a_response_to_another_parliaments_select_committee_is_not_hm_government():
    text = ("Government Response to the Report of the Health Select Committee\n\n"
            "The Government welcomes the Committee's report and sets out its response below.\n\n" + PARA)
    assert tags(text).organisation is None


def test_the_subject_line_under_the_salutation_is_not_the_letterhead():
    text = ("Lord Hale of Dunmore\nConstitution Committee\nHouse of Lords\n\n10 May 2016\n\nDear Lord Hale\n\n"
            "UK Government's Wales Bill\n\n" + PARA + "\n\nYours sincerely\n\nAled Rhys\n")
    t = tags(text)
    assert (t.organisation, t.recipient, t.author) == (None, "Lord Hale of Dunmore", "Aled Rhys")


def test_a_body_named_with_a_possessive_is_still_named():
    from indexer import gazetteer
    assert [c for _, c in gazetteer.find_bodies("an account of Defra's work")] == [
        "Department for Environment, Food and Rural Affairs"]


def test_a_dateline_under_the_signature_is_the_letters_date():
    t = tags("Dear Ms Jones,\n\n" + PARA + "\n\nYours sincerely,\n\nJohn Evans\nChief Executive\n\n14 February 2018\n")
    assert t.date == "2018-02-14" and t.evidence["date"]["cue"] == "dateline under the signature"


def test_a_welsh_vocative_office_finds_its_holder_after_the_article():
    head = "Kirsty Williams AS\nY Gweinidog Addysg"
    assert letter.office_holder("Weinidog", head) == "Kirsty Williams"  # "Annwyl Weinidog"


def test_a_peer_named_in_a_title_line_is_the_author_with_the_title():
    t = tags("Select Committee on Science Written Evidence\n\nLetter from Lord Hale of Dunmore, Chairman, "
             "Environment Agency, to the Chairman of the Committee\n\n" + PARA + "\n\n" + PARA + "\n\n12 January 2010\n")
    assert (t.author, t.organisation, t.doc_type) == ("Lord Hale of Dunmore", "Environment Agency", "letter")


def test_a_paper_titled_from_an_office_of_a_body_is_that_bodys():
    t = tags("Paper to the Public Accounts Committee from the Permanent Secretary, Welsh Government\n\n"
             "This paper provides an update on the recommendations.\n\n" + PARA)
    assert (t.organisation, t.recipient, t.doc_type) == ("Welsh Government", None, "evidence")


def test_a_paper_opening_with_a_sentence_that_names_its_sender_is_read_not_crashed_on():
    """Flattened text: the title is a sentence, so the paper has no heading lines of its
    own; the cue's line is then the line naming the body (this raised IndexError)."""
    text = ("Evidence from the Welsh Local Government Association to the Public Accounts Committee, "
            "on the scrutiny of local authority accounts in the year to March 2020.\n" + PARA + "\n" + PARA)
    t = tags(text)
    assert t.organisation == "Welsh Local Government Association"
