"""Extraction rules on pinned sentences (written by the team), parsed by the real model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Chancellor Friedrich Merz praised Emmanuel Macron on Tuesday.",
            {("Friedrich Merz", "praised", "Emmanuel Macron")},
            id="active",
        ),
        pytest.param(
            "Lukoil was sanctioned by the European Union in March.",
            {("European Union", "sanctioned", "Lukoil")},
            id="passive-agent",
        ),
        pytest.param(
            "Hakan Fidan met with Sergei Lavrov in Ankara.",
            {("Hakan Fidan", "met with", "Sergei Lavrov")},
            id="prepositional-object",
        ),
        pytest.param(
            "France and Germany condemned Iran and Belarus.",
            {
                ("France", "condemned", "Iran"),
                ("France", "condemned", "Belarus"),
                ("Germany", "condemned", "Iran"),
                ("Germany", "condemned", "Belarus"),
            },
            id="coordination-both-sides",
        ),
        pytest.param(
            "NATO spokesperson Allison Hart told reporters that the alliance would respond.",
            {("Allison Hart", "spokesperson for", "NATO")},
            id="title-role",
        ),
        pytest.param(
            "Mark Rutte, NATO's secretary general, visited Kyiv on Monday.",
            {("Mark Rutte", "visited", "Kyiv")},
            id="apposition-subject",
        ),
        pytest.param(
            "Antony Blinken said he and Wang Yi discussed trade.",
            {("Antony Blinken", "discussed with", "Wang Yi")},
            id="reciprocal-with-speaker",
        ),
    ],
)
def test_extraction_pattern(facts_of, text, expected):
    assert expected <= facts_of(text)


def test_extraction_title_demonym_resolves_to_country(facts_of):
    found = facts_of("Turkish foreign minister Hakan Fidan arrived in Baku.")
    assert ("Hakan Fidan", "holds position in", "Turkey") in found


def test_extraction_apposition_gives_role(facts_of):
    found = facts_of("Mark Rutte, NATO's secretary general, visited Kyiv on Monday.")
    assert any(s == "Mark Rutte" and o == "NATO" for s, _, o in found)


def test_extraction_title_is_stripped_from_name(facts_of):
    _, triples = facts_of("Kremlin spokesperson Anna Orlova denied the report.", with_triples=True)
    labels = {t.subject.label for t in triples} | {t.object.label for t in triples}
    assert "Anna Orlova" in labels
    assert not any("spokesperson" in label for label in labels)


def test_extraction_surname_merges_with_full_name(facts_of):
    found = facts_of(
        "Prime Minister Keir Starmer met Volodymyr Zelensky in London.\nStarmer later thanked Zelensky for his courage."
    )
    assert ("Keir Starmer", "thanked", "Volodymyr Zelensky") in found
    assert not any(label in ("Starmer", "Zelensky") for s, _, o in found for label in (s, o))


def test_extraction_never_merges_two_people_sharing_a_first_name(facts_of):
    _, triples = facts_of("Alexander Smith met Alexander Jones in Geneva.\nSmith thanked Jones.", with_triples=True)
    people = {t.subject.label for t in triples} | {t.object.label for t in triples}
    assert people == {"Alexander Smith", "Alexander Jones"}


def test_extraction_pronoun_resolves_to_previous_subject(facts_of):
    found = facts_of(
        "Ursula von der Leyen arrived in Kyiv on Friday.\nShe praised Volodymyr Zelensky for his leadership."
    )
    assert ("Ursula von der Leyen", "praised", "Volodymyr Zelensky") in found


def test_extraction_unresolvable_pronoun_gives_no_fact(facts_of):
    assert facts_of("He condemned the attack on Poland.") == set()


def test_extraction_negation_is_marked(facts_of):
    _, triples = facts_of("Poland did not sanction Hungary.", with_triples=True)
    assert [t.negated for t in triples] == [True]


def test_extraction_definite_description_resolves_to_title_holder(facts_of):
    found = facts_of(
        "Spain's foreign minister José Manuel Albares arrived in Rabat.\n"
        "The foreign minister met with King Mohammed VI."
    )
    assert ("José Manuel Albares", "met with", "Mohammed VI") in found


def test_extraction_locative_phrase_is_not_a_relation(facts_of):
    found = facts_of("Hakan Fidan met with Sergei Lavrov in Ankara.")
    assert not any(o == "Ankara" for _, _, o in found)


def test_extraction_offsets_point_at_mention_text(facts_of):
    text = "Chancellor Friedrich Merz praised Emmanuel Macron on Tuesday."
    _, triples = facts_of(text, with_triples=True)
    for triple in triples:
        for mention in (triple.subject_mention, triple.object_mention):
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "name", ["Bank of England", "Ministry of Defence", "University of Oxford", "General Motors", "Premier League"]
)
def test_extraction_title_words_inside_organisation_names_do_not_split_them(facts_of, name):
    _, triples = facts_of(f"The {name} criticised Rosneft on Monday.", with_triples=True)
    labels = {t.subject.label for t in triples} | {t.object.label for t in triples}
    assert not any(t.subject.type.endswith("Person") or t.object.type.endswith("Person") for t in triples)
    assert labels <= {name, "Rosneft"}
