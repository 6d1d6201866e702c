"""Splitting invented files the ways real ones come: packs with page footers and
paper references, annexes after a signature, letters run together as a PDF
extractor gives them. Every person and most bodies here are made up."""
from indexer.extract import text_pages
from indexer.ingest import build_document
from indexer.split import split

PARA = ("We have considered the Committee's questions with our members over the summer and set out "
        "our answers below, with the figures our member councils have shared with us this year.")

PACK = f"""Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-03-20 P1

Foster Carers Alliance Cymru
Unit 4, Heol y Bont
Newtown SY16 2AB

Mr John Smith MS
Chair, Public Accounts Committee
Senedd Cymru
Cardiff Bay
CF99 1SN

14 January 2020

Dear Mr Smith,

Allowances for foster carers

{PARA}

Annex A sets out the allowances paid in each region.

Yours faithfully,

Eira Vaughan
Chief Executive

Pack Page 1
Annex A

Region | Allowance per week
North | 190
South East | 205
{PARA}

Pack Page 2
Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-03-20 P2

Comisiynydd Pobl Hŷn Cymru
Older People's Commissioner for Wales

Mr John Smith MS
Chair, Public Accounts Committee
Cardiff Bay

Dyddiad: 3 Mawrth 2020

Dear John,

{PARA}

{PARA}

Kind regards,

Gwenllian Rowlands
Older People's Commissioner for Wales

Pack Page 3
Y Pwyllgor Cyfrifon Cyhoeddus / Public Accounts Committee
PAC(5)-03-20 P3

Our ref: AG/20/07      28/01/2020

Mr John Smith MS
Chair, Public Accounts Committee
Cardiff Bay

Dear Chair,

{PARA}

Yours sincerely,

Hywel Prosser
Auditor General for Wales

Pack Page 4
"""


def docs_of(text):
    return [build_document(seg, "invented.txt", i) for i, seg in enumerate(split(text_pages(text)))]


def test_pack_of_three_letters_gives_three_documents_with_their_paper_refs():
    docs = docs_of(PACK)
    assert [d.paper_ref for d in docs] == ["PAC(5)-03-20 P1", "PAC(5)-03-20 P2", "PAC(5)-03-20 P3"]


def test_annex_after_a_signature_stays_with_its_letter():
    first = docs_of(PACK)[0]
    assert "Region | Allowance per week" in first.text and first.author == "Eira Vaughan"


def test_pack_letters_are_tagged_each_with_its_own_header():
    docs = docs_of(PACK)
    assert [(d.date, d.author, d.organisation, d.recipient) for d in docs] == [
        ("2020-01-14", "Eira Vaughan", "Foster Carers Alliance Cymru", "John Smith"),
        ("2020-03-03", "Gwenllian Rowlands", "Older People's Commissioner for Wales", "John Smith"),
        ("2020-01-28", "Hywel Prosser", "Auditor General for Wales", "John Smith"),  # "Dear Chair": the Chair named above
    ]


BACK_TO_BACK = f"""Jayne Fenwick MS
Chair, Children, Young People and Education Committee
Cardiff Bay
14 November 2019
Dear Jayne,
{PARA}
{PARA}
Yours sincerely,
Eira Vaughan
Chief Executive
Foster Carers Alliance Cymru
Mr John Smith MS
Chair, Public Accounts Committee
Cardiff Bay
21 November 2019
Dear Mr Smith,
{PARA}
{PARA}
Kind regards,
Gwilym Parry
Director
Kinship Carers Network Wales
"""


def test_two_letters_without_blank_lines_are_two_documents():
    docs = docs_of(BACK_TO_BACK)
    assert len(docs) == 2 and docs[1].text.startswith("Mr John Smith MS")


def test_letters_run_together_are_tagged_each_with_its_own_parts():
    docs = docs_of(BACK_TO_BACK)
    assert [(d.date, d.author, d.organisation, d.recipient) for d in docs] == [
        ("2019-11-14", "Eira Vaughan", "Foster Carers Alliance Cymru", "Jayne Fenwick"),
        ("2019-11-21", "Gwilym Parry", "Kinship Carers Network Wales", "John Smith"),
    ]


def test_letter_after_an_unsigned_body_signature_is_split_at_its_letterhead():
    text = (f"Dear Jayne,\n\n{PARA}\n\nYours sincerely,\n\nEira Vaughan\nChief Executive\n\n"
            f"Kinship Carers Network Wales\n12 Stryd Fawr\nBala LL23 7AB\n\n21 November 2019\n\n"
            f"Dear Mr Smith,\n\n{PARA}\n\nKind regards,\n\nGwilym Parry\nDirector\n")
    docs = docs_of(text)
    assert len(docs) == 2 and docs[1].text.startswith("Kinship Carers Network Wales")


def test_quoted_dear_inside_a_letter_does_not_start_a_new_document():
    text = (f"Dear Jayne,\n\n{PARA}\n\nThe letter we sent to councils read:\n\nDear colleague,\n\n{PARA}\n\n"
            f"Yours sincerely,\n\nEira Vaughan\nChief Executive\n")
    assert len(docs_of(text)) == 1


def test_evidence_paper_after_a_letter_starts_a_new_document():
    text = (f"Dear Jayne,\n\n{PARA}\n\nYours sincerely,\n\nEira Vaughan\nChief Executive\n\n"
            f"Evidence from Kinship Carers Network Wales\n\nThis paper sets out our evidence to the "
            f"Committee's inquiry. {PARA}\n\nRecommendation 2\n\nWe agree with this.\n")
    docs = docs_of(text)
    assert len(docs) == 2 and [r.number for r in docs[1].recommendations] == [2]


def test_pack_papers_record_their_pack_pages_with_the_annex_page():
    assert [d.pages for d in docs_of(PACK)] == [(1, 2), (3, 3), (4, 4)]


def test_annex_after_a_signature_stays_with_its_letter_when_another_letter_follows():
    text = (f"Dear Jayne,\n\n{PARA}\n\nYours sincerely,\n\nEira Vaughan\nChief Executive\n\n"
            f"Annex A\n\nAllowances by region\n\n{PARA}\n\n"
            f"Mr John Smith MS\nChair, Public Accounts Committee\nCardiff Bay\n\n21 November 2019\n\n"
            f"Dear Mr Smith,\n\n{PARA}\n\nKind regards,\n\nGwilym Parry\nDirector\n")
    first, second = docs_of(text)
    assert "Allowances by region" in first.text and second.text.startswith("Mr John Smith MS")
    assert (second.recipient, second.date, second.author) == ("John Smith", "2019-11-21", "Gwilym Parry")


def test_bilingual_sign_off_letters_run_together_are_two_documents():
    text = (f"Dear Jayne,\n{PARA}\nYn gywir / Yours sincerely\nEira Vaughan AS/MS\nCadeirydd / Chair\n"
            f"3 March 2020\nDear John,\n{PARA}\nYn gywir / Yours sincerely\nEira Vaughan AS/MS\nCadeirydd / Chair\n")
    docs = docs_of(text)
    assert [(d.date, d.author) for d in docs] == [(None, "Eira Vaughan"), ("2020-03-03", "Eira Vaughan")]


TWO_PUBLISHED_LETTERS = """Select Committee on Transport Written Evidence

LETTER FROM
THE CHAIRMAN
OF THE
COMMITTEE TO
THE SECRETARY
OF STATE, 3 MAY
2004
The Committee has decided to hold an inquiry into rail franchising and would be glad of your help.
We should be grateful for a memorandum setting out the Department's position on each of the points below.
Chairman
Transport Committee
3 May 2004
LETTER FROM
THE SECRETARY
OF STATE TO
THE CHAIRMAN
Thank you for your letter of 3 May about the inquiry into rail franchising. I am glad to help the
Committee and enclose a memorandum setting out the Department's position on each of the points you
raised. My officials will be happy to give oral evidence on any of them if the Committee wishes.
"""


def test_a_published_page_of_two_unsigned_letters_splits_at_the_second_title():
    docs = docs_of(TWO_PUBLISHED_LETTERS)
    assert [d.text.split("\n")[0] for d in docs] == ["Select Committee on Transport Written Evidence", "LETTER FROM"]
    assert (docs[0].organisation, docs[0].date) == ("Transport Committee", "2004-05-03")
