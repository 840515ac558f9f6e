"""Who speaks on any newsroom (issue 9): words that are not names never become sources, and the other
general error classes, one small invented example each."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab.attribution.names import NameEvidence, clean_name
from newslab.attribution.sources import attribute
from newslab.text.segment import segment


def run(text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "outlet": ["Daily Bugle"]})
    return attribute(arts, segment(arts))


def sources(text: str) -> list[str]:
    return run(text)[0]["source"].fillna("").tolist()


def voices(text: str) -> list[str]:
    return run(text)[1]["source"].fillna("").tolist()


# -- 1. capitalised words that are not names ----------------------------------------------------------

def test_connective_opening_a_sentence_is_not_a_source():
    assert "However" not in sources("Acme Corp hired a lawyer. However, the company said the fine was unfair.")


def test_question_word_glued_to_a_name_is_dropped():
    assert sources("Does Rubio oppose the bill? Rubio said he would vote no.")[-1] == "Rubio"


def test_subordinator_glued_to_a_name_is_dropped():
    assert "Although Rubio" not in sources("Although Rubio said he would vote no, aides were unsure.")


def test_headline_word_glued_to_a_name_does_not_spread_to_later_mentions():
    text = "Quiet Perez raises profile\nPerez said the farm bill was overdue. It was a quiet week, Perez added."
    assert set(sources(text)) == {"Perez"}


def test_dates_never_speak():
    assert not any(sources("March 2021 revealed a deeper problem."))
    assert voices("March 2021 revealed a deeper problem.") == [""]


def test_counted_things_never_speak():
    assert voices("1,200 cases reported last week alone.") == [""]


def test_a_poll_share_still_speaks():
    assert sources("In the survey, 47 percent said they would vote.")[-1] == "47 percent"


def test_place_before_an_ing_form_does_not_speak():
    assert "Lyon" not in sources("Protests were held in Lyon calling for the mine to close.")


@pytest.mark.parametrize("text", ["Lab results revealed traces of lead.", "The X-ray showed a fracture."])
def test_measured_things_leave_the_authors_voice(text):
    assert voices(text) == [""]


def test_a_named_publication_still_speaks():
    assert sources("A Gallup poll showed support for the dam.")[0] != ""


def test_you_in_a_question_is_not_a_source():
    assert voices("Do you think the dam is safe?") == [""]


def test_list_items_are_not_sources():
    assert sources("Containers: 1 Green bin, 2 Blue bins.") == []


def test_name_evidence_from_mid_sentence_casing():
    ev = NameEvidence("Quiet Perez raises profile\nIt was a quiet week for Perez.")
    assert not ev.is_name("Quiet", initial=True)
    assert ev.is_name("Perez", initial=True)
    assert not ev.is_name("May", initial=True) and ev.is_name("May", initial=False, after_name=True)


def test_clean_name_keeps_offsets():
    text = "Although Rubio said no."
    start, name = clean_name(text, 0, "Although Rubio")
    assert text[start:start + len(name)] == "Rubio"


# -- 2. quotations over several sentences and paragraphs ------------------------------------------------

def test_uk_style_quotation_with_the_cue_in_the_first_paragraph():
    text = ("The council met.\n“We will keep the library,” said Mayor Ana Diaz. “It is the heart of this town.\n"
            "“Every child here learned to read there.”\nThe vote is next week.")
    assert voices(text) == ["", "Ana Diaz", "Ana Diaz", "Ana Diaz", ""]


def test_uk_style_quotation_with_the_cue_in_the_last_paragraph():
    text = ("The council met.\n“We will keep the library. It is the heart of this town.\n"
            "“Every child here learned to read there,” said Mayor Ana Diaz.\nThe vote is next week.")
    assert voices(text) == ["", "Ana Diaz", "Ana Diaz", "Ana Diaz", ""]


def test_quoted_paragraph_after_said_colon():
    text = "The mayor spoke. Ana Diaz said:\n“We will keep the library. It matters.”\nThe vote is next week."
    assert voices(text)[2:] == ["Ana Diaz", "Ana Diaz", ""]


def test_quoted_paragraph_after_a_quote_paragraph_keeps_its_speaker():
    text = "“The budget is a disgrace,” Tom Reyes said.\n“Nobody asked the families.”\nReyes left."
    assert voices(text) == ["Tom Reyes", "Tom Reyes", ""]


def test_alternating_speakers_keep_their_own_voices():
    text = ("“The budget is a disgrace,” Tom Reyes said.\n“Nobody asked us.”\n"
            "“They were consulted twice,” Ana Diaz replied. “We held two hearings.”\nReyes left.")
    assert voices(text) == ["Tom Reyes", "Tom Reyes", "Ana Diaz", "Ana Diaz", ""]


def test_a_later_cue_does_not_take_the_quotation_of_the_sentence_before():
    text = "Ana Diaz defended the plan. “It works,” she said. “It is cheap. It is fast.” The council agreed."
    assert voices(text)[2:4] == ["Ana Diaz", "Ana Diaz"]


# -- 3. the outermost attribution is the sentence's voice -------------------------------------------------

def test_according_to_outlet_owns_the_sentence_with_a_quoted_phrase():
    text = "According to broadcaster Channel Nine, staff were ordered to “pack up their desks” by Friday."
    assert voices(text) == ["Channel Nine"]


def test_reported_citing_keeps_the_cited_source_nested():
    src = run("Channel Nine reported on Sunday, citing a police officer, that the mayor had resigned.")[0]
    outer = src[src["cue"] == "reported"].iloc[0]
    inner = src[src["cue"] == "citing"].iloc[0]
    assert pd.isna(outer["nested_in"]) and inner["nested_in"] == outer["attribution_id"]


# -- 4. titles, roles and affiliations go to the descriptor ---------------------------------------------

@pytest.mark.parametrize("text, source, role", [
    ("Superintendent Jane Roe said schools would reopen.", "Jane Roe", "Superintendent"),
    ("Acme Workers Union President John Doe said the deal was fair.", "John Doe", "Acme Workers Union President"),
    ("Secretary Mike Pompeo said nothing new.", "Mike Pompeo", "Secretary"),
    ("Rain fell. South Carolina Gov. Jim Hodges said the roads were shut.", "Jim Hodges", "South Carolina Gov."),
    ("“The roads are shut,” said Acme campaign manager Jo Reed.", "Jo Reed", "Acme campaign manager"),
    # a title "of" a body before the name, after a comma or with a lead word
    ("The roads are shut, Secretary of State John Doe said.", "John Doe", "Secretary of State"),
    ("Rain fell. Former Minister of Health Ana Ruiz said the roads were shut.", "Ana Ruiz",
     "Former Minister of Health"),
])
def test_titles_and_affiliations_are_descriptors(text, source, role):
    row = run(text)[0].iloc[-1]
    assert (row["source"], row["descriptor"]) == (source, role)


@pytest.mark.parametrize("text, source", [
    ("Rain fell. The New York Times reported that the dam leaked.", "The New York Times"),  # "York" is no first name here
    ("Rain fell. The Democratic Party said the dam leaked.", "Democratic Party"),  # "Democratic" is no role here
])
def test_names_of_bodies_keep_all_their_words(text, source):
    assert sources(text)[-1] == source


@pytest.mark.parametrize("text, voice", [
    ("Asked about the plan, Jo Reed said it was sound.", "Jo Reed"),  # the question ends at its comma
    ("Pressed on the cost, Jo Reed said it was fair.", "Jo Reed"),
    ("Writing in the Herald, Jo Reed argued the plan was sound.", "Jo Reed"),  # an opening -ing phrase
])
def test_an_opening_participle_phrase_leaves_the_main_clause_its_voice(text, voice):
    assert voices(text) == [voice]


def test_a_pronoun_finds_a_name_of_unknown_gender_when_nobody_spoke_before():
    text = "Jo Reed runs the clinic.\n\n\u201cWe are full. We have no beds,\u201d she said."
    assert voices(text)[-2:] == ["Jo Reed", "Jo Reed"]


@pytest.mark.parametrize("text, source", [
    ("Tom Bale lost the vote. Bale\u2019s spokeswoman said he would appeal.", "Tom Bale"),
    ("Acme Corp cut jobs. A spokesman for the company said profits fell.", "Acme Corp"),
])
def test_a_spokesperson_speaks_for_the_named_owner(text, source):
    assert sources(text)[-1] == source


def test_a_transcript_speaker_label_is_the_person_named_before():
    text = "Partial transcript.\n\nHOST: Donald Trump released a video on Friday.\n\nTRUMP: The deaths are sad."
    assert sources(text)[-1] == "Donald Trump"


def test_a_dateline_is_not_part_of_the_source():
    row = run("WASHINGTON -- President Obama said on Monday that the talks would resume.")[0].iloc[0]
    assert row["source"] == "Obama" and "WASHINGTON" not in row["mention"]


# -- 5. back-references --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source", [
    ("Acme Corp cut 300 jobs in May. The company said the cuts were needed.", "Acme Corp"),
    ("The Health Ministry issued new rules. The ministry said they were overdue.", "Health Ministry"),
    ("Governor Ana Diaz signed the bill. The governor said it was a good day.", "Ana Diaz"),
    ("“It is done,” Ana Diaz said. “We won,” she added.", "Ana Diaz"),
])
def test_back_references_resolve_to_the_named_source(text, source):
    assert sources(text)[-1] == source


@pytest.mark.parametrize("text, source", [
    ("Senator Lena Marsh lost two states. But her campaign said it would fight on.", "Lena Marsh"),
    ("Tom Bale spoke in Ohio. The Bale campaign said it would fight on. The campaign said it was tired.",
     "Tom Bale"),
    ("When the moderator asked Governor Tom Bale about taxes, the candidate said he would cut them.", "Tom Bale"),
    ("Lena Marsh says the race is close. The Ohio senator is predicting that she will win.", "Lena Marsh"),
    ("Dev Patel said in a statement that the rules were unfair. The statement added that costs rose.",
     "Dev Patel"),
    ("The Green Party won two seats. The party said the result was historic.", "Green Party"),
    ("The Democratic Party met on Monday. The party said the result was historic.", "Democratic Party"),
])
def test_campaign_candidate_statement_and_party_resolve(text, source):
    assert sources(text)[-1] == source


def test_a_role_is_not_the_name_it_speaks_to():
    # "told Reuters": Reuters is whom the tycoon speaks to, not who the tycoon is
    found = sources("Rain fell in Macau. \u201cIt was very nice,\u201d the gambling tycoon told Reuters in an interview.")
    assert "Reuters" not in found
    # a role with its name later in the same mention still resolves
    assert sources("Secretary of State Hillary Clinton said the talks were useful.")[-1] == "Hillary Clinton"


@pytest.mark.parametrize("text", [
    "The campaign said it would fight on.",
    "A statement said the vote would go ahead.",
    "Rain fell all week. The candidate said she was tired.",
])
def test_unresolved_back_reference_keeps_the_row_but_names_no_one(text):
    src, sents = run(text)
    row = src.iloc[-1]
    assert pd.isna(row["source"]) and (row["source_type"], row["cue"]) == ("unresolved", "said")
    assert row["mention"].split()[-1] in ("campaign", "statement", "candidate")
    assert sents["source"].isna().all()  # nobody named: the sentence is not given to "campaign"


# -- 6. source types -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, stype", [
    ("Norway has acknowledged the error.", "official"),
    ("The talks stalled. Washington said it would respond.", "official"),
    ("Republicans said the deal was bad.", "party"),
    ("The Green Party won two seats. The party said the result was historic.", "party"),
    ("The Labour Party said the deal was bad.", "party"),
    ("Evangelicals said the deal was bad.", "group"),
    ("NASA said the launch was delayed.", "official"),  # a known agency (gazetteer)
    ("The U.S. has never formally accused its ally.", "official"),
    ("The KRPF said the law was unlawful.", "group"),  # an acronym newslab does not know: not a person
    ("The Daily Planet reported that the launch was delayed.", "media"),
])
def test_places_parties_agencies_and_outlets_are_not_persons(text, stype):
    src = run(text)[0]
    assert src[src["nested_in"].isna()].iloc[0]["source_type"] == stype


@pytest.mark.parametrize("sentence", ["The water board did not respond to written questions on Friday.",
                                      "The water board hasn't commented on the leak.",
                                      "The water board did not immediately reply to emails."])
def test_an_answer_that_did_not_come_keeps_the_author_voice(sentence):
    # like "declined to comment": the row stays in the sources table, but nobody speaks in the sentence
    assert voices("Taps ran brown in Elmford. " + sentence)[-1] == ""


def test_a_negated_speech_verb_elsewhere_still_speaks():
    assert voices("Taps ran brown. The water board said it did not respond to the first complaints.")[-1] == \
        "water board"
