"""Concept nodes: a salient common noun phrase that takes part in a fact but has no name.

"Russia targeted *the main government building*", "an arrest warrant", "*Russian forces*
invaded Ukraine": without a node for the phrase, the fact would be lost. A concept's label
keeps the head noun with its compound nouns and proper adjectives ("Russian forces",
"government building"); the concepts of one article merge by head lemma.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.clauses import content_noun
from kg.ontology import KGO, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Concept", "concept_of"]

# Heads too vague to stand for a thing of their own.
_VAGUE = frozenset(
    {
        "thing",
        "way",
        "time",
        "lot",
        "part",
        "people",
        "person",
        "one",
        "kind",
        "number",
        "year",
        "day",
        "week",
        "month",
        "hour",
        "minute",
        "place",
        "fact",
        "case",
        "point",
        "end",
        "course",
        "side",
        "step",
        "move",
        "comment",
        "statement",
        "reporter",
        "official",
        "bid",
        "effort",
        "view",
        "sort",
        "type",
        "matter",
        "issue",
        "question",
        "reason",
        "result",
        "role",
        "rest",
        "area",
        "total",
        "amount",
        "share",
        "percent",
        "cent",
        "instance",
        "work",
        "everything",
        "something",
        "anything",
        "nothing",
        "aggression",
    }
)
_ARMED_FORCES = frozenset({"force", "troop", "army", "military", "navy", "soldier", "militia", "fighter"})
_WEAPONS = frozenset(
    {
        "missile",
        "drone",
        "rocket",
        "munition",
        "bomb",
        "shell",
        "artillery",
        "tank",
        "warhead",
        "jet",
        "warplane",
        "submarine",
        "warship",
        "weapon",
        "mine",
    }
)


@dataclass(frozen=True)
class Concept:
    """A concept's label, the key it merges by within an article, its ontology class and first token."""

    label: str
    head_lemma: str
    type: str
    start: int
    anchored: bool


def concept_of(token: Token, lexicon: Lexicon) -> Concept | None:
    """The concept a common-noun argument head stands for, or None when it is too vague."""
    token = content_noun(token)
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma in _VAGUE or token.lower_ in lexicon.role_words or len(lemma) < 3:
        return None
    if token.text[:1].isupper() and not token.is_sent_start:
        return None  # a capitalised word mid-sentence is a name the tagger missed, not a common noun
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
        return None  # "our cities", "its people": whose they are is context, not a thing of its own
    modifiers = [
        c
        for c in token.lefts
        if (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN"))
        or (c.dep_ == "amod" and c.text[:1].isupper() and (not c.is_sent_start or lexicon.place(c.text)))
    ]
    words = [*modifiers, token]
    label = " ".join(w.text if w.pos_ == "PROPN" or w.dep_ == "amod" else w.lower_ for w in words)
    # Merge key: the head lemma with its proper adjectives, so "Russian forces" and "Ukrainian
    # forces" stay apart while "government building" and "building" merge.
    key = " ".join([*(m.lower_ for m in modifiers if m.dep_ == "amod"), lemma])
    # A proper noun or adjective ties the concept to a named thing ("Iskander missile", "Russian forces").
    anchored = any(m.pos_ == "PROPN" or m.dep_ == "amod" for m in modifiers)
    return Concept(label, key, _class_of(lemma, lexicon), words[0].i, anchored)


def _class_of(lemma: str, lexicon: Lexicon) -> str:
    if lemma in _ARMED_FORCES:
        return KGO + "ArmedForce"
    if lemma in _WEAPONS:
        return KGO + "Weapon"
    if lemma in lexicon.nominals:
        return KGO + "Event"
    return KGO + "Concept"
