"""Pronoun agreement from what the article says of each person, on pinned sentences (written by the team)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _doer(triples, lemma):
    fact = next(t for t in triples if t.predicate.lemma == lemma)
    return fact.subject.label, fact.subject_mention.text


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        pytest.param(
            "Karen Miller said she would resign. Tom Ashby said he was tired. Tom Ashby met Karen Miller. "
            "She praised Ola Ekman.",
            "Karen Miller",
            id="pronoun-after-a-lone-name",
        ),
        pytest.param(
            "Maria Lopez, an Australian woman, is a judge. Maria Lopez met Albert Jaquier. He praised Ola Ekman.",
            "Albert Jaquier",
            id="woman-apposition",
        ),
        pytest.param(
            "Mrs Karen Miller is a judge. Karen Miller met Albert Jaquier. He praised Ola Ekman.",
            "Albert Jaquier",
            id="honorific",
        ),
    ],
)
def test_extraction_pronoun_skips_a_person_of_the_other_gender(facts_of, text, doer):
    _, triples = facts_of(text, with_triples=True)
    assert _doer(triples, "praise")[0] == doer


def test_extraction_gender_unknown_agrees_with_any_pronoun(facts_of):
    _, triples = facts_of("Lee Park met Ola Ekman on Monday. She praised Ana Ruiz.", with_triples=True)
    assert _doer(triples, "praise")[1] == "She"


def test_extraction_pronoun_after_a_described_person_is_left_unresolved(facts_of):
    _, triples = facts_of("Tom Ashby said his father died after doctors refused to treat him.", with_triples=True)
    assert not any(t.predicate.lemma == "treat" for t in triples)
