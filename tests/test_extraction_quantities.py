"""Quantities as arguments, on pinned sentences (written by the team): value, range, unit, phrase."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.types import Amount

pytestmark = pytest.mark.model


def _quantities(triples):
    return {
        (t.subject.label, t.predicate.lemma, t.object.label): t.object.amount
        for t in triples
        if t.object.amount is not None
    }


@pytest.mark.parametrize(
    ("text", "fact", "amount"),
    [
        pytest.param(
            "The storm killed at least 40 people in Norway.",
            ("storm", "kill", "at least 40 people"),
            Amount(value=Decimal(40), unit="people"),
            id="count-of-people",
        ),
        pytest.param(
            "The fire destroyed hundreds of homes.",
            ("fire", "destroy", "hundreds of homes"),
            Amount(minimum=Decimal(200), unit="homes"),
            id="hundreds-of",
        ),
        pytest.param(
            "Police detained tens of thousands of protesters.",
            ("Police", "detain", "tens of thousands of protesters"),
            Amount(minimum=Decimal(20000), unit="protesters"),
            id="tens-of-thousands-of",
        ),
        pytest.param(
            "Police in Oslo arrested more than 150 protesters.",
            ("Police", "arrest", "more than 150 protesters"),
            Amount(value=Decimal(150), unit="protesters"),
            id="more-than",
        ),
        pytest.param(
            "The Oslo District Court sentenced Lars Berg to 40 to 175 years.",
            ("Oslo District Court", "sentence", "40 to 175 years"),
            Amount(minimum=Decimal(40), maximum=Decimal(175), unit="years"),
            id="range",
        ),
        pytest.param(
            "Acme paid $3.1 billion for Zeta Corp.",
            ("Acme", "pay", "$3.1 billion"),
            Amount(value=Decimal("3.1E9"), unit="USD"),
            id="money",
        ),
        pytest.param(
            "Norway sent twelve ships to Iceland.",
            ("Norway", "send", "twelve ships"),
            Amount(value=Decimal(12), unit="ships"),
            id="number-word",
        ),
    ],
)
def test_extraction_quantity_argument(facts_of, text, fact, amount):
    _, triples = facts_of(text, with_triples=True)
    found = {(s.lower(), p, o): a for (s, p, o), a in _quantities(triples).items()}
    key = (fact[0].lower(), fact[1], fact[2])
    assert key in found, found
    assert found[key] == amount


def test_extraction_partitive_one_is_no_quantity(facts_of):
    _, triples = facts_of("Ida Holm is one of the two deputy mayors of Bergen.", with_triples=True)
    assert not _quantities(triples)


def test_extraction_quantity_in_jsonl_and_rdf(tmp_path):
    import json

    import kg
    from kg.api import triple_record

    path = tmp_path / "a.txt"
    path.write_text("The flood destroyed 300 homes in Ghana.\n", encoding="utf-8")
    records = [triple_record(t) for t in kg.extract([path])]
    (record,) = [r for r in records if r["object"]["type"] == "Quantity"]
    assert (record["object"]["literal"], record["object"]["unit"]) == ("300", "homes")
    graph = kg.build([path])
    rows = kg.query(graph, "SELECT ?v ?u WHERE { ?q a kgo:Quantity ; schema:value ?v ; schema:unitText ?u }").rows
    assert [(str(v), str(u)) for v, u in rows] == [("300.0", "homes")]
    json.dumps(records)


def test_extraction_numbers_that_name_are_no_quantities(facts_of):
    _, triples = facts_of("Russian shells hit the area near posts 542 and 543 in Kyiv.", with_triples=True)
    assert not any(t.object.amount is not None for t in triples)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Acme Corp's quarterly profit rose 12 percent.", ("profit of Acme Corp", "rise", "12 percent")),
        ("Shares of Acme Corp fell 12 percent on Monday.", ("shares of Acme Corp", "fall", "12 percent")),
        ("Globex's market share fell to 56 percent.", ("market share of Globex", "fall to", "56 percent")),
        ("Acme Corp's revenue grew by 8 percent in Brazil.", ("revenue of Acme Corp", "grow by", "8 percent")),
    ],
)
def test_quantities_a_change_by_an_amount_is_a_fact(facts_of, text, expected):
    assert expected in facts_of(text)


def test_quantities_by_a_means_is_no_amount(facts_of):
    assert not any(p.endswith(" by") for _, p, _ in facts_of("Acme Corp grew by buying Globex in 2019."))


def test_quantities_part_of_a_counted_whole(facts_of):
    _, triples = facts_of("The Liberal Democrats lost 49 of their 57 seats.", with_triples=True)
    fact = next(t for t in triples if t.subject.label == "Liberal Democrats")
    assert fact.object.label == "49 of their 57 seats"
    assert (fact.object.amount.value, fact.object.amount.unit) == (49, "seats")


def test_quantities_a_magnitude_is_no_count(facts_of):
    found = facts_of("A magnitude 6.4 earthquake struck southern Turkey on Monday, killing at least 120 people.")
    assert ("earthquake", "killed", "at least 120 people") in found
    assert not any(s in ("magnitude", "6.4 earthquake") for s, _, _ in found)
