"""Nominal relations with an explicit agent: "Russia's seizure of Crimea", "the Russian invasion
of Ukraine", "Moscow's attack on Kyiv". The noun's lexicon entry gives the property.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.clauses import subjects_of
from kg.extraction.names import NameSpan
from kg.ontology import KGO, Lexicon
from kg.resolution import kind_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["NominalFact", "nominal_facts"]

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
    yield from _agent_noun_facts(sentence, at, lexicon)
    yield from _culprit_facts(sentence, at, lexicon)
    for noun in sentence:
        prop = lexicon.nominals.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if prop is None:
            continue
        agent = _agent(noun, at, lexicon)
        if agent is None:
            yield from _by_agent_facts(noun, at, prop)
            continue
        patients = [
            pobj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in _PATIENT_PREPOSITIONS
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        for patient in (at.get(p.i) for p in patients or _undergoers(noun)):
            if patient is not None and patient.name != agent.name:
                yield NominalFact(agent, patient, prop, noun)


def _by_agent_facts(noun: Token, at: dict[int, NameSpan], prop: str) -> Iterator[NominalFact]:
    """ "the assassination of Archduke Franz Ferdinand by Gavrilo Princip": the patient after
    "of" and the agent after "by", wherever in the noun's phrase the parser hung them."""
    phrase = list(noun.subtree)
    objects = {
        word: [
            at[p.i]
            for t in phrase
            if t.lower_ == word and t.dep_ == "prep"
            for p in t.children
            if p.dep_ == "pobj" and p.i in at
        ]
        for word in ("of", "by")
    }
    for patient in objects["of"][:1]:
        for agent in objects["by"][:1]:
            if agent.name != patient.name and agent.start > patient.start:
                yield NominalFact(agent, patient, prop, noun)


def _undergoers(noun: Token) -> list[Token]:
    """ "Madrid was placed under EU sanctions", "Gaza came under Israeli attack": who is "under"
    the act is the subject of the verb the "under" hangs on."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return subjects_of(prep.head)[0]


def _culprit_facts(sentence: Span, at: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[NominalFact]:
    """ "Ray pleaded guilty to the assassination of King", "Sirhan was sentenced for Kennedy's
    murder": an act named without its agent, whose doer the verb of a plea, charge or sentence names."""
    for noun in sentence:
        prop = lexicon.nominals.get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        if prop is None or _agent(noun, at, lexicon, possessive=False) is not None:
            continue
        patients = [c for c in noun.children if c.dep_ == "poss" and c.i in at]
        patients += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.i in at]
        culprit = _culprit(noun, at, lexicon) if patients else None
        for patient in patients:
            if culprit is not None and culprit.name != at[patient.i].name:
                yield NominalFact(culprit, at[patient.i], prop, noun)


def _culprit(noun: Token, at: dict[int, NameSpan], lexicon: Lexicon) -> NameSpan | None:
    """The named doer by the verb that governs ``noun`` within a few steps, if it is a verb of
    a plea, a charge or a sentence ("X pleaded guilty to the murder of Y", "a jury convicted X
    of ...": the lexicon's culprit-subject and culprit-object verbs)."""
    as_subject, as_object = lexicon.words("culprit-subject-verb"), lexicon.words("culprit-object-verb")
    token = noun
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in as_subject | as_object:
            continue
        subjects, passive = subjects_of(token)
        if lemma in as_object and not passive:
            subjects = [c for c in token.children if c.dep_ == "dobj"]
        return next((at[s.i] for s in subjects if s.i in at), None)
    return None


def _agent(noun: Token, at: dict[int, NameSpan], lexicon: Lexicon, *, possessive: bool = True) -> NameSpan | None:
    """The possessor ("Russia's"), or a demonym or name modifying the noun ("Russian invasion").
    Without ``possessive``, a possessor is not taken for the agent ("Kennedy's murder")."""
    for child in noun.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod") or (child.dep_ == "poss" and not possessive):
            continue
        found = at.get(child.i)
        place = lexicon.place(found.name if found is not None else child.text)
        if place is not None and place.type != KGO + "Country" and kind_of(place.type) == "place":
            continue  # "the Ohio slaying", "the Texas floods": a smaller place says where, not who
        if found is not None and found.label != "NORP":
            return found
        if place is not None:
            return NameSpan(child.i, child.i + 1, place.label, place.type)
    return None


def _agent_noun_facts(sentence: Span, at: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[NominalFact]:
    """ "John Wilkes Booth, assassin of Lincoln", "Kennedy's assassin, Lee Harvey Oswald",
    "King assassin James Earl Ray": the named doer and the named patient of an agent noun."""
    for noun in sentence:
        act = lexicon.word_property("agent-noun", noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
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
                    yield NominalFact(at[doer.i], at[patient.i], act, noun)
    yield from _adjacent_agent_facts(sentence, at, lexicon)


def _adjacent_agent_facts(sentence: Span, at: dict[int, NameSpan], lexicon: Lexicon) -> Iterator[NominalFact]:
    """The same read from the word order alone, which the parser often gets wrong here: a name
    (possessive or not), the agent noun, an optional comma, a name."""
    doc = sentence.doc
    for noun in sentence:
        act = lexicon.word_property("agent-noun", noun.lower_)
        if act is None or noun.i == sentence.start or noun.i + 1 >= sentence.end:
            continue
        before = noun.i - 2 if doc[noun.i - 1].lower_ in ("'s", "’s") else noun.i - 1
        after = noun.i + 2 if doc[noun.i + 1].text == "," else noun.i + 1
        patient, doer = at.get(before), at.get(after)
        if patient is None or doer is None or patient.end != before + 1 or doer.start != after:
            continue
        if patient.name != doer.name:
            yield NominalFact(doer, patient, act, noun)
