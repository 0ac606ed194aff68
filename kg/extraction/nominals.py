"""Nominal relations with an explicit agent: "Russia's seizure of Crimea", "the Russian invasion
of Ukraine", "Moscow's attack on Kyiv". The noun's lexicon entry gives the property.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.names import NameSpan
from kg.ontology import KGO, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["AGENT_NOUNS", "NominalFact", "nominal_facts"]

# Nouns for the doer of an act: "Lincoln's assassin, John Wilkes Booth", "assassin of Lincoln".
AGENT_NOUNS = {
    "assassin": "killed",
    "killer": "killed",
    "murderer": "killed",
    "invader": "invaded",
    "attacker": "attacked",
}
# Prepositions that introduce the patient of an act named by a noun.
_PATIENT_PREPOSITIONS = frozenset({"of", "on", "against", "into", "in"})


@dataclass(frozen=True)
class NominalFact:
    """``agent`` –``property``– ``patient``, stated by the noun ``noun``."""

    agent: NameSpan
    patient: NameSpan
    property: str
    noun: Token


def nominal_facts(sentence: Span, names: list[NameSpan], lexicon: Lexicon) -> Iterator[NominalFact]:
    """Every act a noun names with both its agent and its patient named."""
    at = {i: name for name in names for i in range(name.start, name.end)}
    yield from _agent_noun_facts(sentence, at)
    for noun in sentence:
        prop = lexicon.nominals.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if prop is None:
            continue
        agent = _agent(noun, at, lexicon)
        if agent is None:
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PATIENT_PREPOSITIONS:
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                patient = at.get(pobj.i)
                if patient is not None and patient.name != agent.name:
                    yield NominalFact(agent, patient, prop, noun)


def _agent(noun: Token, at: dict[int, NameSpan], lexicon: Lexicon) -> NameSpan | None:
    """The possessor ("Russia's"), or a demonym or name modifying the noun ("Russian invasion")."""
    for child in noun.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod"):
            continue
        found = at.get(child.i)
        if found is not None and found.label != "NORP":
            return found
        place = lexicon.place(child.text)
        if place is not None:
            return NameSpan(child.i, child.i + 1, place.label, place.type)
    return None


def _agent_noun_facts(sentence: Span, at: dict[int, NameSpan]) -> Iterator[NominalFact]:
    """ "John Wilkes Booth, assassin of Lincoln", "Kennedy's assassin, Lee Harvey Oswald",
    "King assassin James Earl Ray": the named doer and the named patient of an agent noun."""
    for noun in sentence:
        act = AGENT_NOUNS.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if act is None:
            continue
        patients = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i in at]
        patients += [
            p
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children
            if p.dep_ == "pobj" and p.i in at
        ]
        doers = [c for c in noun.children if c.dep_ == "appos" and c.i in at]
        if noun.dep_ in ("appos", "compound") and noun.head.i in at:
            doers.append(noun.head)
        for doer in doers:
            for patient in patients:
                if at[doer.i].name != at[patient.i].name:
                    yield NominalFact(at[doer.i], at[patient.i], KGO + act, noun)
    yield from _adjacent_agent_facts(sentence, at)


def _adjacent_agent_facts(sentence: Span, at: dict[int, NameSpan]) -> Iterator[NominalFact]:
    """The same read from the word order alone, which the parser often gets wrong here: a name
    (possessive or not), the agent noun, an optional comma, a name."""
    doc = sentence.doc
    for noun in sentence:
        act = AGENT_NOUNS.get(noun.lower_)
        if act is None or noun.i == sentence.start or noun.i + 1 >= sentence.end:
            continue
        before = noun.i - 2 if doc[noun.i - 1].lower_ in ("'s", "’s") else noun.i - 1
        after = noun.i + 2 if doc[noun.i + 1].text == "," else noun.i + 1
        patient, doer = at.get(before), at.get(after)
        if patient is None or doer is None or patient.end != before + 1 or doer.start != after:
            continue
        if patient.name != doer.name:
            yield NominalFact(doer, patient, KGO + act, noun)
