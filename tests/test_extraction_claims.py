"""Reported claims on pinned sentences (written by the team): who said what, and the facts inside."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _claims(triples):
    return {(t.subject.label, t.predicate.lemma, t.object.label) for t in triples if t.object.type.endswith("#Claim")}


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "claim"),
    [
        pytest.param(
            "Mara Lind said the convoy had reached the border.",
            "Mara Lind",
            "say",
            "the convoy had reached the border",
            id="indirect-speech",
        ),
        pytest.param(
            '"The bridge will reopen next month," Tom Ashby said.',
            "Tom Ashby",
            "say",
            "The bridge will reopen next month",
            id="quote-before-speaker",
        ),
        pytest.param(
            "The agency warned that the number of cases could double by March.",
            "agency",
            "warn",
            "the number of cases could double by March",
            id="warned-that-common-noun-speaker",
        ),
        pytest.param(
            "Floods destroyed 300 homes in the valley, according to the Red Cross.",
            "Red Cross",
            "according to",
            "Floods destroyed 300 homes in the valley",
            id="according-to",
        ),
    ],
)
def test_extraction_claim_names_speaker_verb_and_words(facts_of, text, speaker, verb, claim):
    _, triples = facts_of(text, with_triples=True)
    assert (speaker, verb, claim) in _claims(triples)


def test_extraction_claim_is_typed_stated_with_a_digest_id(facts_of):
    _, triples = facts_of("Ola Ekman said the talks had failed.", with_triples=True)
    (claim,) = [t for t in triples if t.object.type.endswith("#Claim")]
    assert claim.property.endswith("#stated")
    assert claim.object.id.startswith("claim-")
    assert claim.subject_mention.text == "Ola Ekman"


def test_extraction_facts_inside_a_claim_point_to_it(facts_of):
    _, triples = facts_of("Ida Holm said Norway had criticised Sweden over the deal.", with_triples=True)
    inner = next(t for t in triples if t.property_label == "criticised")
    assert (inner.subject.label, inner.object.label) == ("Norway", "Sweden")
    assert inner.claim is not None and inner.claim.label.startswith("Norway had criticised Sweden")
    assert inner.attributed_to is not None and inner.attributed_to.label == "Ida Holm"


def test_extraction_according_to_attributes_the_facts_it_covers(facts_of):
    found, triples = facts_of("According to Reuters, Brazil has accused Argentina of spying.", with_triples=True)
    inner = [t for t in triples if t.claim is not None]
    assert [(t.subject.label, t.object.label) for t in inner] == [("Brazil", "Argentina")]
    assert inner[0].attributed_to.label == "Reuters"
    assert ("Reuters", "located in", "Brazil") not in found


def test_extraction_short_answers_are_no_claims(facts_of):
    _, triples = facts_of('"Yes," Lee Park said.', with_triples=True)
    assert not _claims(triples)


def test_extraction_clause_after_that_is_not_a_claim_of_the_inner_verb(facts_of):
    _, triples = facts_of("Ana Ruiz says that farmers have complained to her about prices.", with_triples=True)
    assert ("Ana Ruiz", "say", "farmers have complained to her about prices") in _claims(triples)
    assert not any(t.predicate.lemma == "complain" for t in triples if t.object.type.endswith("#Claim"))


def test_extraction_speaker_before_the_verb_without_a_subject(facts_of):
    text = "Speaking for the family, Tom Ashby, QC, said that the parents should be found not guilty."
    _, triples = facts_of(text, with_triples=True)
    assert any(s == "Tom Ashby" for s, _, _ in _claims(triples))


def test_extraction_a_common_noun_stands_for_its_apposed_name(facts_of):
    _, triples = facts_of("The security firm Kestrel Labs, has said that the browser has 40 flaws.", with_triples=True)
    assert any(s == "Kestrel Labs" for s, _, _ in _claims(triples))


def test_extraction_described_as_is_a_claim_with_its_quotes(facts_of):
    _, triples = facts_of('Lee Park described the ruling as "a grave mistake" on Monday.', with_triples=True)
    assert ("Lee Park", "describe", 'the ruling as "a grave mistake"') in _claims(triples)


def test_extraction_speaker_by_a_surname_the_tagger_missed(facts_of):
    text = "Arthur Mutambara is a deputy mayor. Mutambara said at a rally that he was talking to Ola Ekman."
    found = facts_of(text)
    assert ("Arthur Mutambara", "spoke with", "Ola Ekman") in found


def test_extraction_subject_pronoun_continues_the_subject_phrase(facts_of):
    text = "Thomas Sam is a farmer. Thomas' sister pleaded with him to send Gloria away, but he met Ana Ruiz."
    _, triples = facts_of(text, with_triples=True)
    met = next(t for t in triples if t.predicate.lemma == "meet")
    assert (met.subject.label, met.subject_mention.text, met.object.label) == ("Thomas Sam", "he", "Ana Ruiz")


def test_extraction_he_in_what_a_lawyer_says_is_the_client(facts_of):
    found = facts_of(
        "Tom Hale was convicted of fraud on Monday. His lawyer, Omar Haddad, said he would appeal the verdict. "
        "Lisa Kern, a spokeswoman for Acme, said she would resign."
    )
    assert ("Tom Hale", "appeal", "verdict") in found
    assert not any(s == "Omar Haddad" and p == "appeal" for s, p, _ in found)


def test_extraction_according_to_needs_a_named_source(facts_of):
    _, triples = facts_of("According to the law, Chile must pay Peru.", with_triples=True)
    assert not _claims(triples)
    _, triples = facts_of("According to data from the Gun Violence Archive, Texas had 40 shootings.", with_triples=True)
    assert any(s == "Gun Violence Archive" for s, _, _ in _claims(triples))


def test_extraction_reflexive_is_its_clause_subject(facts_of):
    _, triples = facts_of("Lee Park met Ana Ruiz. Ana Ruiz praised herself and Norway.", with_triples=True)
    assert not any(t.predicate.lemma == "praise" and t.object.label == "Lee Park" for t in triples)


def test_claims_a_second_claim_verb_hung_inside_the_first_has_its_speaker(facts_of):
    _, triples = facts_of(
        "Acme denies it. Acme also claimed Lena Holt was a volunteer and claim she has a motive for lying.",
        with_triples=True,
    )
    speakers = {t.subject.label for t in triples if t.property_label == "stated"}
    assert "Lena Holt" not in speakers


def test_claims_a_speech_verb_tagged_a_noun_still_reports(facts_of):
    found = facts_of('The Department of Agriculture notes, "Ozone causes more damage to plants than other pollutants."')
    assert any(s == "Department of Agriculture" and p == "stated" for s, p, _ in found)


def test_claims_said_in_a_statement_that(facts_of):
    found = facts_of("The ministry said in a statement that Tom Hale had resigned.")
    assert ("ministry", "stated", "Tom Hale had resigned") in found


def test_claims_how_something_was_said_is_no_fact(facts_of):
    found = facts_of("Tom Hale said on Twitter that the talks would resume.")
    assert not any(s == "Tom Hale" and o == "Twitter" for s, _, o in found)


def test_claims_according_to_people(facts_of):
    found = facts_of("According to police, the gunman shot 20 people at the store.")
    assert any(s == "police" and p == "stated" for s, p, _ in found)


def test_claims_according_to_a_thing_is_no_source(facts_of):
    found = facts_of("According to the law, Tom Hale must pay the fine.")
    assert not any(p == "stated" for _, p, _ in found)


def test_claims_a_speech_verb_set_off_beside_a_clause_is_no_claim_of_its_verb(facts_of):
    found = facts_of(
        "Veltrix Holdings agreed on Monday to buy Norvane, the companies said, in a deal worth $4 billion."
    )
    claims = {(s, o) for s, p, o in found if p == "stated"}
    assert claims and all(not o.startswith("the companies said") for _, o in claims)
    assert any(o.startswith("Veltrix Holdings agreed") for _, o in claims)
