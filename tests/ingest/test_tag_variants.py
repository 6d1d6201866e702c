"""Tagging invented letters and papers written the many ways real ones are:
sign-offs, signature blocks, datelines, salutations, letterheads and
recommendation headings. Every person and most bodies here are made up.

Expected values follow the contract: the date the document bears (null when its
header shows none), the person who signed (not a letterhead name), the sending
body as written when the gazetteer does not know it, and only the recommendations
answered under their own heading. When the text does not decide, null."""
import pytest

from indexer import tag as tagger

BODY = ("Thank you for your letter asking for our views on the support given to young people "
        "leaving care. We have discussed it with our members and set out our position below.\n\n"
        "Our members would welcome a clearer picture of the funding available next year.")

ADDRESS = "Jayne Fenwick MS\nChair, Children, Young People and Education Committee\nSenedd Cymru\nCardiff Bay\nCF99 1SN"


def letter(head=ADDRESS + "\n\n14 November 2019", salutation="Dear Jayne,", body=BODY,
           signoff="Yours sincerely,", sig="Eira Vaughan\nChief Executive\nFoster Carers Alliance Cymru", tail=""):
    return "\n\n".join(x for x in [head, salutation, body, signoff, sig, tail] if x)


def tags(text):
    return tagger.tag(text.split("\n"))


# --- sign-offs and signature blocks ---------------------------------------------------------

@pytest.mark.parametrize("signoff, sig, author", [
    ("Yours faithfully,", "Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Kind regards,", "Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Kind regards", "Eira Vaughan", "Eira Vaughan"),
    ("Best regards,", "Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Many thanks,", "Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yn gywir,", "Eira Vaughan\nPrif Weithredwr", "Eira Vaughan"),
    ("Yn gywir / Yours sincerely", "Eira Vaughan\nPrif Weithredwr / Chief Executive", "Eira Vaughan"),
    ("Yours sincerely / Yn gywir", "Eira Vaughan", "Eira Vaughan"),
    ("Yours sincerely", "pp\n\nEira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "pp Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "p.p. Eira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan OBE\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan, OBE\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan MBE FRSA\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan MS\nChair", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan AS\nCadeirydd", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan AS/MS\nChair", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan MS / AS\nChair", "Eira Vaughan"),
    ("Yours sincerely", "Dr Eira Vaughan FRCP\nMedical Director", "Eira Vaughan"),
    ("Yours sincerely", "Cllr Eira Vaughan\nSpokesperson for Social Services", "Eira Vaughan"),
    ("Yours sincerely", "Eira M. Vaughan\nChief Executive", "Eira M. Vaughan"),
    ("Yours sincerely", "EIRA VAUGHAN\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira Vaughan, Chief Executive", "Eira Vaughan"),
    ("Yours sincerely", "[signature]\n\nEira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Eira\n\nEira Vaughan\nChief Executive", "Eira Vaughan"),
    ("Yours sincerely", "Rhodri ap Iorwerth\nDirector", "Rhodri ap Iorwerth"),
])
def test_author_is_the_typed_name_under_the_sign_off(signoff, sig, author):
    assert tags(letter(signoff=signoff, sig=sig)).author == author


@pytest.mark.parametrize("sig, org", [
    ("Eira Vaughan\nChief Executive\nFoster Carers Alliance Cymru", "Foster Carers Alliance Cymru"),
    ("Eira Vaughan\nChief Executive, Foster Carers Alliance Cymru", "Foster Carers Alliance Cymru"),
    ("Eira Vaughan\nChief Executive\nSocial Care Wales", "Social Care Wales"),
    ("Eira Vaughan\nPrif Weithredwr / Chief Executive\nGofal Cymdeithasol Cymru / Social Care Wales",
     "Social Care Wales"),
    ("Eira Vaughan\nPrif Weithredwr\nChief Executive\nGofal Cymdeithasol Cymru\nSocial Care Wales",
     "Social Care Wales"),
    ("Eira Vaughan\nPresident\nADSS Cymru", "Association of Directors of Social Services Cymru"),
    ("Eira Vaughan MS\nChair, Health, Social Care and Sport Committee", "Health, Social Care and Sport Committee"),
    ("Eira Vaughan\nOn behalf of Foster Carers Alliance Cymru", "Foster Carers Alliance Cymru"),
])
def test_organisation_is_the_body_in_the_signature_block(sig, org):
    assert tags(letter(sig=sig)).organisation == org


def test_role_and_body_on_separate_lines_give_role_and_organisation():
    t = tags(letter(sig="Eira Vaughan\nHead of Policy\nFoster Carers Alliance Cymru"))
    assert (t.author, t.author_role, t.organisation) == ("Eira Vaughan", "Head of Policy", "Foster Carers Alliance Cymru")


# --- letterheads --------------------------------------------------------------------------

LETTERHEAD_CE = ("Foster Carers Alliance Cymru\nChief Executive: Gwilym Parry\n"
                 "Unit 4, Heol y Bont\nNewtown SY16 2AB\nTel: 01686 000 111\n\n" + ADDRESS + "\n\n14 November 2019")


def test_chief_executive_named_in_the_letterhead_is_not_the_author():
    t = tags(letter(head=LETTERHEAD_CE, sig="Rhys Powell\nPolicy Officer"))
    assert t.author == "Rhys Powell"


def test_letterhead_with_president_on_its_own_line_is_not_the_author():
    head = ("Foster Carers Alliance Cymru\n\nPresident\nProfessor Gwilym Parry\n\n"
            "Unit 4, Heol y Bont\nNewtown SY16 2AB\n\n" + ADDRESS + "\n\n14 November 2019")
    t = tags(letter(head=head, sig="Rhys Powell\nPolicy Officer"))
    assert t.author == "Rhys Powell"


def test_unknown_body_in_the_letterhead_is_the_organisation_when_the_signature_names_none():
    body = BODY + "\n\nWe have raised this with the Welsh Government and the Welsh Government has replied."
    t = tags(letter(head=LETTERHEAD_CE, body=body, sig="Rhys Powell\nPolicy Officer"))
    assert t.organisation == "Foster Carers Alliance Cymru"


def test_body_mentioned_in_a_letter_is_not_its_sender():
    body = BODY + "\n\nWe have raised this with the Welsh Government and the Welsh Government has replied."
    t = tags(letter(head=ADDRESS + "\n\n14 November 2019", body=body, sig="Rhys Powell\nPolicy Officer"))
    assert t.organisation is None


def test_welsh_first_letterhead_of_a_known_body():
    head = ("Comisiynydd Pobl Hŷn Cymru\nOlder People's Commissioner for Wales\n\n" + ADDRESS + "\n\n3 March 2020")
    t = tags(letter(head=head, sig="Rhys Powell\nPolicy Officer"))
    assert (t.organisation, t.author) == ("Older People's Commissioner for Wales", "Rhys Powell")


# --- dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("dateline, iso", [
    ("14/11/2019", "2019-11-14"),
    ("14.11.2019", "2019-11-14"),
    ("Date: 3rd March 2020", "2020-03-03"),
    ("Date: 3 March 2020", "2020-03-03"),
    ("Dated: 3 March 2020", "2020-03-03"),
    ("Dyddiad: 3 Mawrth 2020", "2020-03-03"),
    ("3 Mawrth 2020", "2020-03-03"),
    ("3ydd Mawrth 2020", "2020-03-03"),
    ("1af Gorffennaf 2020", "2020-07-01"),
    ("Dyddiad / Date: 3 Mawrth 2020 / 3 March 2020", "2020-03-03"),
    ("14 November, 2019", "2019-11-14"),
    ("November 14, 2019", "2019-11-14"),
    ("14th of November 2019", "2019-11-14"),
    ("Thursday 14 November 2019", "2019-11-14"),
    ("Thursday, 14 November 2019", "2019-11-14"),
    ("Our ref: AB/12      14 November 2019", "2019-11-14"),
    ("Ein cyf / Our ref: FCA/19/044        14 November 2019", "2019-11-14"),
    ("14 November 2019      Our ref: AB/12", "2019-11-14"),
    ("Tachwedd 2019", "2019-11"),
    ("November 2019", "2019-11"),
])
def test_header_dateline_forms(dateline, iso):
    head = ADDRESS + "\n\n" + dateline
    assert tags(letter(head=head)).date == iso


def test_dateline_above_the_address_block():
    head = "Our ref: AB/12\n\n14 November 2019\n\n" + ADDRESS
    assert tags(letter(head=head)).date == "2019-11-14"


@pytest.mark.parametrize("body", [
    "Thank you for your letter of 3 March 2020. We met your officials on 12 May 2020 and again on\n"
    "19 June 2020, and we will report by 30 September 2020.",
    "The dates of our meetings were:\n\n- 12 May 2020\n- 19 June 2020\n\nWe will report again in the autumn.",
    "Our board met on\n12 May 2020\nand agreed the position below.",
    "Key dates\n\n12 May 2020: first meeting of the group\n19 June 2020: the group reports",
])
def test_letter_with_dates_only_in_its_body_has_no_date(body):
    assert tags(letter(head=ADDRESS, body=BODY + "\n\n" + body)).date is None


def test_date_in_a_subject_line_is_not_the_dateline():
    body = "Re: Your letter of 3 March 2020\n\n" + BODY
    assert tags(letter(head=ADDRESS, body=body)).date is None


@pytest.mark.parametrize("line", ["Received 14 November 2019", "Deadline: 29 November 2019"])
def test_a_line_that_labels_another_date_is_not_the_dateline(line):
    assert tags(letter(head=ADDRESS + "\n\n" + line)).date is None


# --- recipient -----------------------------------------------------------------------------

@pytest.mark.parametrize("head, salutation, recipient", [
    ("Mr John Smith MS\nChair, Public Accounts Committee\nCardiff Bay\nCF99 1SN", "Dear Mr Smith,", "John Smith"),
    ("Mr John Smith AS/MS\nCadeirydd / Chair\nCardiff Bay\nCF99 1SN", "Dear Mr Smith,", "John Smith"),
    ("John Smith MS / AS\nChair\nCardiff Bay\nCF99 1SN", "Dear John,", "John Smith"),
    ("Dr Rhian Evans\nDirector\nCardiff Bay\nCF99 1SN", "Dear Dr Evans", "Rhian Evans"),
    ("Jayne Fenwick MS\nChair", "Annwyl Jayne,", "Jayne Fenwick"),
    ("Jayne Fenwick MS\nChair", "Annwyl Jayne / Dear Jayne,", "Jayne Fenwick"),
    ("Jayne Fenwick MS\nChair", "Dear Jayne Fenwick,", "Jayne Fenwick"),
    ("To: Jayne Fenwick MS, Chair, Children, Young People and Education Committee", "Dear Jayne,", "Jayne Fenwick"),
    ("To:\nJayne Fenwick MS\nChair", "Dear Jayne", "Jayne Fenwick"),
    ("Public Accounts Committee\nSenedd Cymru\nCardiff Bay", "Dear Chair,", "Chair"),
    ("Public Accounts Committee\nSenedd Cymru\nCardiff Bay", "Dear Committee Members,", "Committee Members"),
])
def test_recipient_is_the_salutation_resolved_against_the_address_block(head, salutation, recipient):
    assert tags(letter(head=head, salutation=salutation)).recipient == recipient


@pytest.mark.parametrize("salutation", ["Dear Sir or Madam,", "Dear Sir/Madam", "Dear Sirs,", "Dear Sir,",
                                        "Dear Madam,", "Dear Colleague,", "Dear all,"])
def test_salutation_naming_nobody_gives_no_recipient(salutation):
    head = "Public Accounts Committee\nSenedd Cymru\nCardiff Bay"
    assert tags(letter(head=head, salutation=salutation)).recipient is None


def test_recipient_body_comes_from_the_to_line():
    head = "To: Jayne Fenwick MS, Chair, Children, Young People and Education Committee\n\n14 November 2019"
    assert tags(letter(head=head)).recipient_org == "Children, Young People and Education Committee"


# --- recommendations -----------------------------------------------------------------------

PAPER_INTRO = ("Evidence paper from Foster Carers Alliance Cymru\n\nMarch 2020\n\n"
               "This paper responds to the recommendations of the Committee's report.\n\n")


def recs(text):
    return [r.number for r in tags(text).recommendations]


@pytest.mark.parametrize("heading", [
    "Recommendation 1:", "Recommendation 1: the Welsh Government should publish a plan.",
    "Recommendation 1 – The Welsh Government should publish a plan.", "Recommendation 1 - accepted",
    "Recommendation 1.", "**Recommendation 1**", "RECOMMENDATION 1", "Recommendation 1 (accepted in principle)",
    "Argymhelliad 1", "Argymhelliad 1 / Recommendation 1",
])
def test_recommendation_heading_forms(heading):
    text = PAPER_INTRO + heading + "\n\nWe accept this and will publish a plan by the summer.\n"
    assert recs(text) == [1]


def test_two_digit_recommendation_heading_with_a_dash():
    text = PAPER_INTRO + "Recommendation 12 – The Committee recommends a review.\n\nAccepted.\n"
    assert recs(text) == [12]


@pytest.mark.parametrize("running", [
    "We agree, and refer the Committee to our answer under\nRecommendation 4 above.",
    "This is covered in the answer given to\nRecommendation 4, which sets out the plan.",
    "Work on this is set out in\nrecommendations 3 and 5 of the report.",
    "Please see Recommendation 4 and Recommendation 6 for the detail.",
    "as set out in recommendations 3 and 5 of your report, which we accepted.",
    "The answer is the same as for\nRecommendation 6 above.",
    "This links to the Committee's\nRecommendation 9, which the Minister answered last year.",
    "We accepted\nrecommendation 9 in part.",
])
def test_cross_references_are_not_answers(running):
    text = PAPER_INTRO + "Recommendation 2\n\nWe accept this. " + running + "\n"
    assert recs(text) == [2]


def test_recommendation_quoted_in_a_letter_is_not_answered():
    body = ("Your report made the following recommendation:\n\n"
            "Recommendation 5: The Welsh Government should publish an annual report on kinship care.\n\n"
            "This recommendation is addressed to the Welsh Government and we will not comment on it, "
            "but we would be glad to help the Minister with the report.")
    assert tags(letter(body=body)).recommendations == ()


def test_recommendation_quoted_in_quotation_marks_is_not_answered():
    body = ("We welcome your report and in particular:\n\n"
            "\u201cRecommendation 5: The Welsh Government should publish an annual report on kinship care.\u201d\n\n"
            "We look forward to the Government's response.")
    assert tags(letter(body=body)).recommendations == ()


def test_letter_answering_recommendations_under_headings_lists_them():
    body = ("We set out our response to the recommendations addressed to us below.\n\n"
            "Recommendation 3\n\nWe accept this recommendation and will report by March.\n\n"
            "Recommendation 8: that councils publish their plans\n\nAccepted; plans will be published in June.")
    assert [r.number for r in tags(letter(body=body)).recommendations] == [3, 8]


def test_list_of_recommendations_introduced_with_a_colon_is_answered():
    text = (PAPER_INTRO + "Our responses to the recommendations are as follows:\n\n"
            "Recommendation 1\n\nAccepted.\n\nRecommendation 2\n\nAccepted in principle.\n")
    assert recs(text) == [1, 2]


def test_passages_under_a_dash_heading_carry_its_number():
    from indexer.passages import passage_blocks
    from indexer.split import Line
    text = PAPER_INTRO + "Recommendation 12 – the Committee recommends a review.\n\nWe accept this and will review it.\n"
    blocks = passage_blocks(tuple(Line(t, 1) for t in text.split("\n")))
    assert blocks[-1][2] == 12


# --- round two: more letters and papers -----------------------------------------------------

@pytest.mark.parametrize("dateline, iso", [
    ("14/11/19", "2019-11-14"),
    ("Date: 14/11/2019", "2019-11-14"),
    ("Dyddiad / Date: 14.11.2019", "2019-11-14"),
    ("14eg Tachwedd 2019", "2019-11-14"),
])
def test_more_header_dateline_forms(dateline, iso):
    assert tags(letter(head=ADDRESS + "\n\n" + dateline)).date == iso


@pytest.mark.parametrize("head, salutation, recipient", [
    ("Cllr Eira Jones\nLeader\nCardiff Bay", "Dear Cllr Jones,", "Eira Jones"),
    ("Jayne Fenwick MS\nChair", "Dear Ms Fenwick,", "Jayne Fenwick"),
    ("Jayne Fenwick MS\nChair", "Dear Jayne Fenwick MS,", "Jayne Fenwick"),
    ("Jayne Fenwick MS\nChair", "Dear Sir,", "Jayne Fenwick"),
    ("Siân O'Connor MS\nChair", "Dear Siân,", "Siân O'Connor"),
])
def test_more_salutations_resolved(head, salutation, recipient):
    assert tags(letter(head=head, salutation=salutation)).recipient == recipient


def test_signature_of_a_body_alone_has_no_author_and_names_the_body():
    t = tags(letter(sig="Foster Carers Alliance Cymru"))
    assert (t.author, t.organisation) == (None, "Foster Carers Alliance Cymru")


def test_minister_signing_without_a_letterhead_speaks_for_the_welsh_government():
    sig = "Julie Harries AS/MS\nY Dirprwy Weinidog Gwasanaethau Cymdeithasol\nDeputy Minister for Social Services"
    t = tags(letter(sig=sig))
    assert (t.author, t.organisation) == ("Julie Harries", "Welsh Government")


def test_minister_letter_on_a_welsh_government_letterhead():
    head = "Llywodraeth Cymru\nWelsh Government\n\n" + ADDRESS + "\n\n3 March 2020"
    t = tags(letter(head=head, sig="Julie Harries AS/MS\nMinister for Education"))
    assert (t.author, t.organisation, t.date) == ("Julie Harries", "Welsh Government", "2020-03-03")


EVIDENCE = ("Evidence from Foster Carers Alliance Cymru to the Children, Young People and Education Committee\n\n"
            "This paper sets out our evidence. The Welsh Government has asked councils to plan. "
            "The Welsh Government funds the scheme, and the Welsh Government reviews it each year.\n\n"
            "Recommendation 1\n\nWe agree.\n")


def test_evidence_paper_from_an_unknown_body_is_not_credited_to_a_body_it_mentions():
    assert tags(EVIDENCE).organisation == "Foster Carers Alliance Cymru"


def test_evidence_paper_from_a_known_body_names_it():
    text = EVIDENCE.replace("Foster Carers Alliance Cymru", "Children in Wales")
    assert tags(text).organisation == "Children in Wales"


@pytest.mark.parametrize("running", [
    "Recommendation 4 (above) covers this point.",
    "Recommendation 4 (see above) covers this point.",
])
def test_cross_reference_starting_a_line_with_a_parenthesis_is_not_an_answer(running):
    text = PAPER_INTRO + "Recommendation 2\n\nWe accept this.\n\n" + running + "\n"
    assert recs(text) == [2]


def test_letterhead_president_is_not_the_author_of_a_letter_signed_by_the_body():
    head = ("Foster Carers Alliance Cymru\nPresident: Professor Gwilym Parry\n\n" + ADDRESS + "\n\n14 November 2019")
    t = tags(letter(head=head, sig="Foster Carers Alliance Cymru"))
    assert (t.author, t.organisation) == (None, "Foster Carers Alliance Cymru")
