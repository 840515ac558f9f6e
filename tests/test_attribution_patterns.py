"""One row per attribution pattern (``newslab.attribution.sources``): which rule fires, and the source it finds.

Each pattern function of ``_attribution_at`` (and the non-verb cues) names itself in
``Attribution.extra["rule"]``; these invented sentences pin what each one is for.
"""

from __future__ import annotations

import pytest

from newslab.attribution.resolve import resolve_article
from newslab.attribution.sources import attribute_text


def found(text: str) -> list:
    atts = attribute_text(text)
    resolve_article(text, atts)
    return atts


def first_with(text: str, cue: str):
    hits = [a for a in found(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in found(text)]
    return hits[0]


@pytest.mark.parametrize("text, cue, rule, source", [
    # subject before the cue
    ("Mayor Jo Reed said the dam was safe.", "said", "subject", "Jo Reed"),
    ("“The dam is safe,” Jo Reed said.", "said", "subject", "Jo Reed"),
    # names joined by "and": the whole coordination speaks (as PolNeAR marks it)
    ("Tom Bale and Jo Reed said the dam was safe.", "said", "subject", "Tom Bale and Jo Reed"),
    ("“The dam is safe,” Bale and Reed said.", "said", "subject", "Bale and Reed"),
    ("Police met Tom Bale and Jo Reed said the dam was safe.", "said", "subject", "Jo Reed"),
    # inversion: the source after the cue
    ("“The dam is safe,” said Jo Reed.", "said", "inversion", "Jo Reed"),
    ("The dam is safe, says Jo Reed, the mayor.", "says", "inversion", "Jo Reed"),
    ("Said Jo Reed: “The dam is safe.”", "Said", "inversion", "Jo Reed"),
    ("“Thanks for coming,” said master of ceremonies Jo Reed.", "said", "inversion", "Jo Reed"),  # lower-case role
    ("“It is a distraction,” said Labour party boss Jo Reed.", "said", "inversion", "Jo Reed"),
    ("Bale lacks support from colleagues in Congress, whom he has alienated, said Jo Reed, an analyst.", "said",
     "inversion", "Jo Reed"),  # the clause before the comma is no subject
    ("Jo Reed, who chairs the panel, said Bale was wrong.", "said", "subject", "Jo Reed"),
    # an appositive with an abbreviation's dot, a possessive apostrophe, a participle, or only a parenthesis
    ("Senator Jo Reed, R-Ky., said the dam was safe.", "said", "subject", "Jo Reed"),
    ("Jo Reed, Bale\u2019s campaign manager, said the dam was safe.", "said", "subject", "Jo Reed"),
    ("“It holds,” Jo Reed, Bale\u2019s campaign manager, said.", "said", "subject", "Jo Reed"),
    ("Jo Reed, a delegate supporting Bale, said the dam was safe.", "said", "subject", "Jo Reed"),
    ("Sen. Jo Reed (D-R.I.), said the dam was safe.", "said", "subject", "Jo Reed"),
    ("Jo Reed, the No. 2 official at the dam board, said the dam was safe.", "said", "subject", "Jo Reed"),
    ("Jo R. Reed Jr., who ran the board, said the dam was safe.", "said", "subject", "Jo R. Reed Jr"),
    # an appositive between dashes, commas inside it
    ("The engineer -- who has worked at the dam, off and on, for years -- said it was safe.", "said", "subject",
     "engineer"),
    ("Jo Reed \u2014 a hydrologist, a mother and a swimmer \u2014 said the dam was safe.", "said", "subject", "Jo Reed"),
    # quantifiers
    ("Another said the dam was safe.", "said", "subject", "anonymous source"),
    ("Most of them said the dam was safe.", "said", "subject", "anonymous source"),
    # a verb that hands its subject on to the cue ("continued to", "went on to": lexicons/catenatives.txt)
    ("Jo Reed continued to insist that the dam was safe.", "insist", "subject", "Jo Reed"),
    ("Jo Reed went on to argue that the dam was safe.", "argue", "subject", "Jo Reed"),
    ("Jo Reed has not yet responded to the engineers.", "responded", "subject", "Jo Reed"),
    # according to
    ("According to Jo Reed, the dam is safe.", "According to", "according_to", "Jo Reed"),
    ("According to a hydrologist, Dr. Ines Falk, the dam is safe.", "According to", "according_to", "Ines Falk"),
    # participles and conjoined verbs take the sentence's subject
    ("Jo Reed spoke for an hour, saying the dam was safe.", "saying", "participle", "Jo Reed"),
    # a cue in an opening clause is not the main clause's: the participle takes the main subject
    ("When Bale said the dam leaked, Jo Reed went up to the dam, saying it was safe.", "saying", "participle",
     "Jo Reed"),
    ("Jo Reed visited the dam and said it was safe.", "said", "conjoined", "Jo Reed"),
    ("Channel Nine reported the fire, citing police sources.", "citing", "citing", "anonymous official"),
    # passive with its agent; passive without one
    ("It was reported by the Valley Gazette that the dam leaked.", "reported", "passive_by", "Valley Gazette"),
    ("The dam is expected to hold all winter.", "expected", "sourceless_passive", ""),
    # quoted by a paper: the person quoted speaks, the paper only carries it
    ("Jo Reed was quoted by the Valley Gazette as saying the dam was safe.", "quoted", "quoted_as", "Jo Reed"),
    ("Jo Reed was quoted in the Valley Gazette as saying the dam was safe.", "quoted", "quoted_as", "Jo Reed"),
    # the one who issued a statement speaks
    ("Jo Reed released a statement saying the dam was safe.", "saying", "vehicle", "Jo Reed"),
    # no visible source
    ("As previously reported, the dam leaked.", "reported", "no_source", ""),
    ("When asked about the dam, the engineer shrugged.", "asked about", "question", ""),
    ("The dam appears safer than last year.", "appears", "impersonal", ""),
    # cues that are not lexicon verbs
    ("Jo Reed's criticism of the dam board grew.", "criticism", "nominal", "Jo Reed"),
    ("Jo Reed: “The dam is safe.”", ":", "colon", "Jo Reed"),
    ("In the latest poll, most voters backed the dam.", "In", "in_document", "latest poll"),
    ("The dam reportedly leaked twice.", "reportedly", "reportedly", ""),
])
def test_each_pattern_names_itself_and_finds_its_source(text, cue, rule, source):
    att = first_with(text, cue)
    assert att.extra.get("rule") == rule
    assert att.source == source


@pytest.mark.parametrize("text, word", [
    ("Jo Reed continues to trail in the polls.", "continues"),        # continue + verb: no cue
    ("She has seen the dam twice.", "seen"),                           # "has seen"
    ("The report was thin and the call was short.", "report"),          # nouns after a determiner
    ("The Secretary of State visited the dam.", "State"),              # capitalised noun-like cue mid-sentence
    ("Jo Reed did not comment on the dam.", "comment"),               # "did not comment"
    ("A march organised by groups opposed to the dam was held.", "opposed"),  # reduced relative clause
    ("He ate the sandwich she asked for.", "asked"),                  # relative clause
    ("Asked about the plan, Reed said it was sound.", "sound"),       # a base form after "was": an adjective
])
def test_words_that_are_not_cues_here(text, word):
    assert word not in [a.cue for a in found(text)]


def test_sentence_initial_inversion_does_not_look_into_the_previous_sentence():
    # the previous sentence ends with a closing quotation mark: that must not make "Noting" an inversion
    text = "He left. “It is over.”\nNoting the hour he closed the gate."
    att = [a for a in attribute_text(text, [(0, 8), (9, 22), (23, len(text))]) if a.cue == "Noting"][0]
    assert att.extra["rule"] != "inversion" and att.mention_start == -1


def test_noun_like_cue_needs_its_base_or_s_form_for_the_subject_check():
    # "claims" is the -s form of a noun-like cue: a bare noun subject is not enough ...
    assert "claims" not in [a.cue for a in found("The lawsuit claims the dam leaked.")]
    # ... while a past form with the same subject is a cue
    assert first_with("Officials claimed the dam leaked.", "claimed").source != ""

