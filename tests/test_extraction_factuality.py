"""Factuality on pinned sentences (written by the team): attempts, intentions, readiness and ability."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _fact(triples, label):
    return next(t for t in triples if t.property_label == label)


@pytest.mark.parametrize(
    ("text", "label", "cue", "negated"),
    [
        pytest.param("Chile sued to stop Peru from buying Acme.", "buy", None, False, id="not-the-suer"),
        pytest.param("Norway is ready to sanction Belarus.", "sanctioned", "ready", False, id="readiness"),
        pytest.param("Sweden plans to sanction Belarus.", "sanctioned", "plan", False, id="intention"),
        pytest.param("Finland tried to sanction Belarus.", "sanctioned", "try", False, id="attempt"),
        pytest.param("Estonia was never able to sanction Belarus.", "sanctioned", "able", True, id="never-able"),
        pytest.param("Latvia was unable to sanction Belarus.", "sanctioned", "unable", True, id="unable"),
        pytest.param("Poland could sanction Belarus.", "sanctioned", "could", False, id="modal"),
        # a coordinated verb without auxiliaries of its own is meant as the first is
        pytest.param("Sweden plans to visit Chile and criticise Belarus.", "criticised", "plan", False, id="and-plan"),
        pytest.param("Poland would visit Chile and criticise Belarus.", "criticised", "would", False, id="and-would"),
        pytest.param("Latvia was unable to visit Peru and criticise Iran.", "criticised", "unable", True, id="and-no"),
    ],
)
def test_extraction_factuality_cue_marks_the_fact(facts_of, text, label, cue, negated):
    _, triples = facts_of(text, with_triples=True)
    if cue is None:
        assert not any(t.property_label == label and t.subject.label == "Chile" for t in triples)
        return
    fact = _fact(triples, label)
    assert (fact.hedged, fact.modality, fact.negated) == (True, cue, negated)


def test_factuality_what_someone_tells_is_reported_not_asked(facts_of):
    _, triples = facts_of("Tom Hale told reporters that Norway had sanctioned Belarus.", with_triples=True)
    assert not _fact(triples, "sanctioned").hedged
    _, triples = facts_of("Tom Hale told Norway to criticise Belarus.", with_triples=True)
    assert _fact(triples, "criticised").modality == "tell"


def test_extraction_plain_fact_stays_plain(facts_of):
    _, triples = facts_of("Lithuania sanctioned Belarus on Monday.", with_triples=True)
    fact = _fact(triples, "sanctioned")
    assert (fact.hedged, fact.modality, fact.negated) == (False, None, False)


def test_extraction_never_negates(facts_of):
    _, triples = facts_of("Lithuania never sanctioned Belarus, but it praised Poland.", with_triples=True)
    assert _fact(triples, "sanctioned").negated
    assert not _fact(triples, "praised").negated


def test_extraction_condition_is_hedged(facts_of):
    _, triples = facts_of("Ola Ekman asked Lee Park if Norway had sanctioned Belarus.", with_triples=True)
    fact = _fact(triples, "sanctioned")
    assert (fact.hedged, fact.modality) == (True, "if")


def test_extraction_possessor_of_an_attempt_acts_hedged(facts_of):
    _, triples = facts_of("Acme condemned the Norwegian government's attempts to sanction Belarus.", with_triples=True)
    fact = _fact(triples, "sanctioned")
    assert fact.subject.label == "Norwegian government" or fact.subject.label.endswith("government")
    assert (fact.hedged, fact.modality) == (True, "attempt")


@pytest.mark.parametrize(
    "text",
    [
        "Ola Berg appealed to Tom Hale to release the prisoners.",
        "Ola Berg called on Tom Hale to release the prisoners.",
        "Ola Berg urged Tom Hale to release the prisoners.",
    ],
)
def test_factuality_the_one_asked_does_the_requested_act_which_is_hedged(facts_of, text):
    _, triples = facts_of(text, with_triples=True)
    release = [t for t in triples if t.predicate.lemma == "release"]
    assert [(t.subject.label, t.hedged) for t in release] == [("Tom Hale", True)]


def test_factuality_we_in_a_quote_is_not_its_speaker_alone(facts_of):
    # "we" is a group the speaker speaks for, not the speaker: no fact of the speaker's own
    found = facts_of('"We will defeat Acme in court," Ola Berg told reporters.')
    assert ("Ola Berg", "defeat", "Acme") not in found


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Rebels reportedly killed Tom Hale.", "reportedly"),
        ("Tom Hale allegedly replied to Ana Ruiz.", "allegedly"),
        ("Dan Ruby wishes to spotlight the causes of poverty.", "wish"),
    ],
)
def test_factuality_hedging_adverbs_and_wishes(facts_of, text, cue):
    _, triples = facts_of(text, with_triples=True)
    assert triples and all(t.hedged and t.modality == cue for t in triples if not t.predicate.role)


def test_factuality_a_sentence_s_hedge_adverb_covers_its_coordinated_verbs(facts_of):
    _, triples = facts_of(
        "Allegedly, his sister pleaded with Tom Hale to see a doctor, but he replied to Ana Ruiz with a letter.",
        with_triples=True,
    )
    replies = [t for t in triples if t.predicate.lemma == "reply"]
    assert replies and all(t.hedged and t.modality == "allegedly" for t in replies)


def test_factuality_a_purpose_of_an_unasserted_act_is_unasserted(facts_of):
    _, triples = facts_of("Dan Ruby plans to visit Oslo to meet Ana Berg.", with_triples=True)
    meetings = [t for t in triples if "meet" in t.predicate.lemma]
    assert meetings and all(t.hedged for t in meetings)


def test_extraction_what_someone_is_accused_of_is_hedged(facts_of):
    _, triples = facts_of("Tom Hale was accused of stealing the painting.", with_triples=True)
    fact = next(t for t in triples if t.object.label == "painting")
    assert fact.hedged and fact.modality == "accuse"


def test_extraction_what_someone_is_convicted_of_is_plain(facts_of):
    _, triples = facts_of("Tom Hale was convicted of killing Ana Ruiz.", with_triples=True)
    fact = next(t for t in triples if t.object.label == "Ana Ruiz")
    assert not fact.hedged


def test_extraction_going_to_is_intended(facts_of):
    _, triples = facts_of("Tom Hale was going to fire Lisa Kern.", with_triples=True)
    fact = next(t for t in triples if t.object.label == "Lisa Kern")
    assert fact.hedged and fact.modality == "go"


def test_extraction_is_to_is_planned(facts_of):
    _, triples = facts_of("On Friday, Tom Hale and his wife are to fly to Riverton.", with_triples=True)
    fact = next(t for t in triples if t.subject.label == "Tom Hale" and t.object.label == "Riverton")
    assert fact.hedged and fact.modality == "be"


def test_extraction_misread_lemmas_are_mended(nlp):
    lemmas = {t.text: t.lemma_ for t in nlp("The court fined Acme Corp. She hoped to win. Rebels are waging war.")}
    assert (lemmas["fined"], lemmas["hoped"], lemmas["waging"]) == ("fine", "hope", "wage")


def test_extraction_not_on_the_verb_s_adjective_negates(facts_of):
    _, triples = facts_of("Lisa Kern pleaded not guilty to all charges.", with_triples=True)
    fact = next(t for t in triples if t.object.label == "charges")
    assert fact.negated
