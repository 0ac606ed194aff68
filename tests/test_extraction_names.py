"""Names, roles and aliases (issue 12) on sentences written for these tests, parsed by the real model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_names_mention_text_is_the_name_and_phrase_keeps_the_title(facts_of):
    text = "Air Force commander Lior Ben-Ami visited Haifa on Monday."
    _, triples = facts_of(text, with_triples=True)
    mention = next(t.subject_mention for t in triples if t.subject.label == "Lior Ben-Ami")
    assert mention.text == "Lior Ben-Ami" == text[mention.start : mention.end]
    assert mention.phrase == "Air Force commander Lior Ben-Ami" == text[mention.phrase_start : mention.phrase_end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "UN Under-Secretary-General Mara Lind spoke to reporters in Geneva.",
            ("Mara Lind", "United Nations"),
            id="hyphenated-title",
        ),
        pytest.param(
            "Minister of Health Ana Belo said the clinics would reopen.", ("Ana Belo", "Health"), id="title-of"
        ),
        pytest.param(
            "Chile's Foreign Minister, Pablo Arancibia, asked the delegates for support.",
            ("Pablo Arancibia", "Chile"),
            id="apposition-after-capitalised-title",
        ),
        pytest.param(
            "Jon Pell, the Treasury Department Spokesperson, said the rules would change.",
            ("Jon Pell", "Treasury Department"),
            id="apposition-organisation-and-title-tagged-as-one",
        ),
        pytest.param(
            "Co-founder of Acme, Lisa Kern, met with investors.", ("Lisa Kern", "Acme"), id="apposition-before-name"
        ),
        pytest.param(
            "Remo Nice, director general of the technical secretariat of Peru's National Electoral Board, said so.",
            ("Remo Nice", "National Electoral Board"),
            id="title-of-an-unnamed-body-of-an-organisation",
        ),
        pytest.param(
            "A spokesman for the United Nations refugee agency, Paul Ngoma, explained the plan.",
            ("Paul Ngoma", "United Nations"),
            id="spokesman-for-an-agency",
        ),
        pytest.param(
            "The paper quoted Mugabe's spokesman, Tom Berg, as saying the talks had failed.",
            ("Tom Berg", "Mugabe"),
            id="possessive-person-served",
        ),
        pytest.param("Ana Ruiz became Chile's finance minister in May.", ("Ana Ruiz", "Chile"), id="copula-became"),
        pytest.param(
            "Tom Vale was forced to resign as foreign minister of Peru.", ("Tom Vale", "Peru"), id="resign-as"
        ),
        pytest.param(
            "Oscar Lund, who is currently serving as acting director of the FBI, spoke on Friday.",
            ("Oscar Lund", "FBI"),
            id="serving-as",
        ),
        pytest.param(
            "Paul Tamba and his Movement for Progress (MFP) party pulled out of the coalition.",
            ("Paul Tamba", "Movement for Progress"),
            id="his-party",
        ),
    ],
)
def test_roles_from_news_forms(facts_of, text, expected):
    _, triples = facts_of(text, with_triples=True)
    roles = {(t.subject.label, t.object.label) for t in triples if t.predicate.role}
    assert expected in roles


def test_roles_holder_of_a_title_is_a_person(facts_of):
    _, triples = facts_of("Ana Ruiz became Chile's finance minister in May.", with_triples=True)
    assert any(t.subject.label == "Ana Ruiz" and t.subject.type.endswith("#Person") for t in triples)


def test_names_particle_cut_by_the_tagger_is_rejoined(facts_of):
    found = facts_of("European Commission president Ursula von der Leyen told reporters she would stay.")
    assert ("Ursula von der Leyen", "leader of", "European Commission") in found
