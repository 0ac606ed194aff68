"""Selectional restrictions from the ontology, on pinned sentences (written by the team)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "kept", "opened"),
    [
        pytest.param("Russia hit Kyiv with missiles.", ("Russia", "attacked", "Kyiv"), None, id="state-attacks-a-city"),
        pytest.param("The storm hit Norway on Monday.", None, ("storm", "hit", "Norway"), id="event-does-not-attack"),
        pytest.param(
            "Ana Ruiz led Maria Lopez by 12 points.",
            None,
            ("Ana Ruiz", "lead", "Maria Lopez"),
            id="no-leader-of-a-person",
        ),
        pytest.param(
            "Lena Dahl led her closest rival by four strokes.",
            None,
            ("Lena Dahl", "lead", "rival of Lena Dahl"),
            id="no-leader-of-people-a-noun-names",
        ),
        pytest.param(
            "Ana Ruiz led the Green Party.", ("Ana Ruiz", "leader of", "Green Party"), None, id="leader-of-a-party"
        ),
        pytest.param("The storm killed Ola Ekman.", ("storm", "killed", "Ola Ekman"), None, id="events-kill"),
        pytest.param("Norway joined NATO in 1949.", ("Norway", "member of", "NATO"), None, id="member-of-alliance"),
        pytest.param(
            "British troops joined the fighting in Basra.",
            None,
            ("British troops", "join", "fighting"),
            id="no-member-of-a-fight",
        ),
        pytest.param(
            "Police have named the man who died as Tom Reed.",
            None,
            ("police", "name", "man"),
            id="only-people-are-appointed",
        ),
        pytest.param(
            "Acme named Omar Haddad as its new finance director.",
            ("Acme", "appointed", "Omar Haddad"),
            None,
            id="a-person-is-appointed",
        ),
    ],
)
def test_extraction_restriction_decides_the_sense(facts_of, text, kept, opened):
    found = facts_of(text)
    if kept:
        assert kept in found
    if opened:
        assert opened in found
        assert not any(s == opened[0] and o == opened[2] and p != opened[1] for s, p, o in found)


def test_extraction_adjectival_participles_are_not_verbs(facts_of):
    found = facts_of("Maria Lopez beat defending champion Ana Ruiz in Paris.")
    assert ("Maria Lopez", "beat", "Ana Ruiz") in found
    assert not any(p.startswith("defend") for _, p, _ in found)


def test_lexicon_admits_follows_the_nearest_restriction(lexicon):
    kgo = "https://example.org/kg/ontology#"
    assert not lexicon.admits(kgo + "attacked", kgo + "Event", kgo + "Country")
    assert lexicon.admits(kgo + "killed", kgo + "Event", kgo + "Person")  # killed states its own
    assert lexicon.admits(kgo + "attacked", None, None)  # unknown classes are admitted
    assert not lexicon.admits(kgo + "leaderOf", kgo + "Person", kgo + "Person")


@pytest.mark.parametrize(
    ("text", "appointed"),
    [
        ("Police named the victim as Tom Reed.", False),
        ("Acme named Omar Haddad as its new finance director.", True),
        ("The council named Ida Holm deputy mayor of Riga.", True),
        ("The club named Omar Haddad as head coach.", True),
    ],
    ids=["identifies", "as-a-title", "a-title-complement", "misparsed-as-a-participle"],
)
def test_extraction_naming_is_appointing_only_with_a_post(facts_of, text, appointed):
    found = facts_of(text)
    assert any(p == "appointed" for _, p, _ in found) is appointed
    if not appointed:
        assert any(p == "name" for _, p, _ in found)
