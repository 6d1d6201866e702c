"""Splitting and tagging invented documents that are not letters: a Government
response to a committee report, a written evidence submission with a cover block,
a minister's evidence paper, minutes, a short report, a cover note with its annex,
and a pack in which a paper sits between two letters. Every person and most
bodies here are made up; the texts are written for these tests.

Expected values follow the contract: the date the document bears (a month when
that is all it shows, null when it shows none), the type from
letter|evidence|response|report|minutes|annex|other, and only the
recommendations answered under their own heading, each with its report's name."""
import pytest

from indexer import tag as tagger
from indexer.extract import text_pages
from indexer.ingest import build_document
from indexer.model import Recommendation
from indexer.split import split

PARA = ("We have considered the Committee's findings carefully with officials and partners, and set "
        "out below the action we have taken and the action we plan to take over the coming year.")


def tags(text):
    return tagger.tag(text.split("\n"))


def docs_of(text):
    return [build_document(seg, "invented.txt", i) for i, seg in enumerate(split(text_pages(text)))]


# --- a Government response to a committee report ----------------------------------------------

RESPONSE_TITLE = ("Written Response by the Welsh Government to the report of the Public Accounts Committee "
                  "entitled 'Rural Bus Services in Wales'")


def response(dated="March 2020", recs=None, title=RESPONSE_TITLE):
    recs = recs if recs is not None else RESPONSE_RECS
    return f"""{title}

{dated}

Introduction

The Welsh Government welcomes the Committee's report and thanks everyone who gave evidence.
{PARA}

{recs}
"""


RESPONSE_RECS = f"""Recommendation 1
The Committee recommends that the Welsh Government publishes a timetable for the review of concessionary fares.

Response: Accept
{PARA}

Recommendation 2 – Accept
The Committee recommends that the Welsh Government reports on passenger numbers every year.

{PARA} See also our response to Recommendation 4.

Recommendation 3
The Committee recommends that local authorities share their route data.

Response: Accept in principle
{PARA} This links with our response to
Recommendation 1 and is set out there in more detail.

Recommendation 4
The Committee recommends a review of the bus services support grant.

Response: Reject
{PARA} For the reasons given, see our response to Recommendation 2.
"""

REPORT = "Rural Bus Services in Wales"


@pytest.mark.parametrize("dated, date", [
    ("March 2020", "2020-03"),
    ("12 March 2020", "2020-03-12"),
    ("Date: 12 March 2020", "2020-03-12"),
    ("Published: March 2020", "2020-03"),
])
def test_response_bears_the_date_under_its_title(dated, date):
    assert tags(response(dated=dated)).date == date


def test_response_is_typed_response_from_the_welsh_government():
    t = tags(response())
    assert (t.doc_type, t.organisation, t.author) == ("response", "Welsh Government", None)


def test_response_answers_each_recommendation_under_its_heading_with_the_report_named_in_its_title():
    assert tags(response()).recommendations == tuple(Recommendation(n, REPORT) for n in (1, 2, 3, 4))


@pytest.mark.parametrize("title", [
    RESPONSE_TITLE,
    "Welsh Government Response to the Public Accounts Committee report: Rural Bus Services in Wales",
    "Welsh Government response to the Public Accounts Committee's report on Rural Bus Services in Wales",
    "WRITTEN RESPONSE BY THE WELSH GOVERNMENT TO THE REPORT OF THE PUBLIC ACCOUNTS COMMITTEE ENTITLED "
    "‘RURAL BUS SERVICES IN WALES’",
])
def test_report_name_is_taken_from_the_ways_a_response_title_gives_it(title):
    recs = tags(response(title=title)).recommendations
    assert [(r.number, (r.report or "").lower()) for r in recs] == [(n, REPORT.lower()) for n in (1, 2, 3, 4)]


TABLE_RECS = """Recommendation | Response | Action
Recommendation 1 | Accept | We will publish the timetable by June 2020.
Recommendation 2 | Accept in principle | We will consult on the reporting duty.
Recommendation 3 | Reject | Route data is held by operators, see our response to Recommendation 2.
"""


def test_response_laid_out_as_a_table_answers_each_row():
    t = tags(response(recs=TABLE_RECS))
    assert [r.number for r in t.recommendations] == [1, 2, 3]
    assert t.doc_type == "response"


def test_cross_reference_alone_is_not_an_answered_recommendation():
    recs = (f"Recommendation 1\nThe Committee recommends a timetable.\n\nResponse: Accept\n{PARA}\n"
            "This also meets the aim behind Recommendation 5, see our response to\nRecommendation 7 below.\n")
    assert [r.number for r in tags(response(recs=recs)).recommendations] == [1]


# --- a written evidence submission with a cover block --------------------------------------------

EVIDENCE = f"""Evidence from: Foster Carers Alliance Cymru
Date: 4 February 2020
Consultation: Inquiry into Support for Care Leavers

1. Foster Carers Alliance Cymru is a membership body for foster carers across Wales. {PARA}

2. Our members tell us that young people leaving care need more help with housing. {PARA}

3. We recommend that the Committee asks the Welsh Government to publish its plans. {PARA}
"""


def test_evidence_submission_is_tagged_from_its_cover_block():
    t = tags(EVIDENCE)
    assert (t.doc_type, t.date, t.organisation, t.author) == (
        "evidence", "2020-02-04", "Foster Carers Alliance Cymru", None)


def test_numbered_paragraphs_are_not_recommendations():
    assert tags(EVIDENCE).recommendations == ()


@pytest.mark.parametrize("cover", [
    "Evidence from: Foster Carers Alliance Cymru\nDate: 4 February 2020",
    "Submission from Foster Carers Alliance Cymru\n4 February 2020",
    "Organisation: Foster Carers Alliance Cymru\nDate: 4 February 2020",
    "Name of organisation: Foster Carers Alliance Cymru\nDate: 4 February 2020",
])
def test_evidence_cover_block_names_the_sending_body(cover):
    t = tags(cover + "\n\n" + EVIDENCE.split("\n\n", 1)[1])
    assert (t.organisation, t.date) == ("Foster Carers Alliance Cymru", "2020-02-04")


# --- a minister's evidence paper -------------------------------------------------------------------

MINISTER_PAPER = f"""Paper to the Children, Young People and Education Committee from the Minister for Education

Additional learning needs: progress on implementation

January 2020

Purpose

This paper provides the Committee with an update on the implementation of the additional learning
needs system. {PARA}

Background

{PARA}
"""


def test_ministers_paper_comes_from_the_welsh_government_to_the_committee():
    t = tags(MINISTER_PAPER)
    assert (t.doc_type, t.organisation, t.recipient_org, t.date, t.author) == (
        "evidence", "Welsh Government", "Children, Young People and Education Committee", "2020-01", None)


# --- minutes ---------------------------------------------------------------------------------------

MINUTES = f"""Minutes of the meeting of the Foster Carers Alliance Cymru Board

Date: 15 January 2020
Venue: Unit 4, Heol y Bont, Newtown

Present: Eira Vaughan (Chair), Dafydd Rees, Megan Howells

1. Apologies
Apologies were received from Sioned Price.

2. Minutes of the last meeting
The minutes of the meeting held on 4 December 2019 were agreed.

3. Response to the Committee
The Board discussed the draft response to the Committee's inquiry. {PARA}
"""


def test_minutes_are_typed_minutes_dated_by_their_meeting_with_no_author():
    t = tags(MINUTES)
    assert (t.doc_type, t.date, t.author, t.recommendations) == ("minutes", "2020-01-15", None, ())


# --- a short report --------------------------------------------------------------------------------

SHORT_REPORT = f"""Report on the Foster Carer Survey 2019

Foster Carers Alliance Cymru

November 2019

Summary

{PARA}

Recommendations

Recommendation 1: Allowances should rise with inflation every year.

Recommendation 2: Every carer should have a named support worker.
"""


def test_short_report_is_a_report_dated_by_its_month():
    t = tags(SHORT_REPORT)
    assert (t.doc_type, t.date, t.organisation) == ("report", "2019-11", "Foster Carers Alliance Cymru")


def test_a_reports_own_recommendations_are_not_ones_it_responds_to():
    assert tags(SHORT_REPORT).recommendations == ()


# --- splitting: a cover note with its annex, a paper between two letters ------------------------

COVER_NOTE = f"""Cover note: Welsh Government update on rural bus services

This note covers the Welsh Government's update on the recommendations of the Committee's report,
set out in the annex below. {PARA}

Annex A

Progress against each recommendation

Recommendation 1
Response: Accept
{PARA}

Recommendation 2
Response: Accept in principle
{PARA}
"""


def test_cover_note_and_its_annex_in_one_file_are_one_document():
    docs = docs_of(COVER_NOTE)
    assert len(docs) == 1
    assert [r.number for r in docs[0].recommendations] == [1, 2]


LETTER_ONE = f"""Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-04-20 P1

Foster Carers Alliance Cymru
Unit 4, Heol y Bont
Newtown SY16 2AB

14 January 2020

Dear Mr Smith,

Allowances for foster carers

{PARA}

Yours sincerely,

Eira Vaughan
Chief Executive
Foster Carers Alliance Cymru

Pack Page 1
"""

PAPER = f"""Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-04-20 P2

Paper to the Public Accounts Committee from the Minister for Housing and Local Government

Rural bus services: progress report

February 2020

Purpose

1. This paper updates the Committee on the action taken since its report. {PARA}

2. {PARA}

Pack Page 2
3. {PARA}

Pack Page 3
"""

LETTER_TWO = f"""Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-04-20 P3

Bws Cymru Ltd
1 Station Road
Aberystwyth SY23 1AA

3 March 2020

Dear Mr Smith,

{PARA}

Yours faithfully,

Dafydd Rees
Managing Director

Pack Page 4
"""


def test_paper_between_two_letters_is_a_document_of_its_own_with_its_ref_and_pages():
    docs = docs_of(LETTER_ONE + PAPER + LETTER_TWO)
    assert [(d.doc_type, d.paper_ref, d.pages) for d in docs] == [
        ("letter", "PAC(5)-04-20 P1", (1, 1)),
        ("evidence", "PAC(5)-04-20 P2", (2, 3)),
        ("letter", "PAC(5)-04-20 P3", (4, 4)),
    ]


def test_paper_in_a_pack_is_tagged_from_its_own_heading():
    paper = docs_of(LETTER_ONE + PAPER + LETTER_TWO)[1]
    assert (paper.organisation, paper.recipient_org, paper.date, paper.author) == (
        "Welsh Government", "Public Accounts Committee", "2020-02", None)


def test_paper_without_pack_headers_between_two_letters_is_split_at_its_title():
    strip = lambda s: "\n".join(t for t in s.split("\n") if not t.startswith(("Y Pwyllgor", "PAC(5)")))
    docs = docs_of(strip(LETTER_ONE) + strip(PAPER) + strip(LETTER_TWO))
    assert [(d.doc_type, d.pages, d.text.strip().split("\n")[0]) for d in docs] == [
        ("letter", (1, 1), "Foster Carers Alliance Cymru"),
        ("evidence", (2, 3), "Paper to the Public Accounts Committee from the Minister for Housing and Local Government"),
        ("letter", (4, 4), "Bws Cymru Ltd"),
    ]


def test_response_with_verdicts_on_its_headings_is_a_response():
    recs = "\n\n".join(f"Recommendation {n} – {v}\n{PARA}" for n, v in ((1, "Accept"), (2, "Reject")))
    t = tags(response(recs=recs, title="Welsh Government update on rural bus services"))
    assert (t.doc_type, [r.number for r in t.recommendations]) == ("response", [1, 2])


def test_minutes_in_a_pack_are_minutes_under_the_pack_heading():
    t = tags("Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee\nPAC(5)-04-20 P4\n\n" + MINUTES)
    assert (t.doc_type, t.date, t.author, t.paper_ref) == ("minutes", "2020-01-15", None, "PAC(5)-04-20 P4")


def test_evidence_submission_after_a_letter_is_split_at_its_cover_block():
    letter_ = LETTER_ONE.split("\n", 2)[2].replace("Pack Page 1\n", "")
    docs = docs_of(letter_ + "\n" + EVIDENCE)
    assert [(d.doc_type, d.date, d.organisation, d.author) for d in docs] == [
        ("letter", "2020-01-14", "Foster Carers Alliance Cymru", "Eira Vaughan"),
        ("evidence", "2020-02-04", "Foster Carers Alliance Cymru", None),
    ]
