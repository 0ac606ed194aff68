"""Frozen records that flow between the stages: Article → Mention, Relation → Entity, Triple."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Amount", "Article", "Mention", "Predicate", "Relation", "Entity", "Triple"]


def _share(record: object, *names: str) -> None:
    """Make the named string fields of a frozen record the one shared copy of their value.

    A build holds every fact until the last article is read; labels, lemmas, property IRIs and
    names recur in thousands of facts, and each would otherwise be its own string.
    """
    for name in names:
        value = getattr(record, name)
        if value is not None:
            object.__setattr__(record, name, sys.intern(value))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: ``text`` holds one paragraph a line; offsets index into it."""

    id: str
    title: str
    date: dt.date | None
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of article text that names (or refers to) an entity.

    ``text`` is the surface form at ``start:end`` in the article, as a tagger marks it: the
    name without its title, or the pronoun or description that was resolved; ``phrase``
    (at ``phrase_start:phrase_end``) is the whole noun phrase, title included ("Kremlin
    spokesperson Dmitry Peskov"), when it is longer than ``text``. ``name`` is the
    entity's name as resolved within the article (title stripped, surname expanded,
    pronoun resolved); ``label`` is the spaCy NER label or a gazetteer class name.
    """

    text: str
    start: int
    end: int
    name: str
    label: str
    sentence_id: int
    is_pronoun: bool = False
    phrase: str | None = None
    phrase_start: int | None = None
    phrase_end: int | None = None

    def __post_init__(self) -> None:
        _share(self, "text", "name", "label")


@dataclass(frozen=True, slots=True)
class Predicate:
    """A relation phrase: ``lemma`` keys the lexicon, ``text`` is the phrase as written.

    ``noun`` is the lemma of a light verb's object that the phrase carries ("launch
    *strike* on"); ``role`` marks a title read as a relation ("spokesperson");
    ``property`` is set when the pattern itself knows the ontology property ("Dallas, Texas");
    ``open`` when the clause lacks what the lexicon's sense needs, so the relation stays open
    ("police named the victim as X": no post, no appointment).
    """

    lemma: str
    text: str
    preposition: str | None = None
    particle: str | None = None
    noun: str | None = None
    role: bool = False
    property: str | None = None
    open: bool = False

    def __post_init__(self) -> None:
        _share(self, "lemma", "text", "preposition", "particle", "noun", "property")


@dataclass(frozen=True, slots=True)
class Relation:
    """One extracted fact between two mentions, with the evidence it came from.

    ``when`` is the date phrase attached to the fact as written ("on Sunday"); ``attributed_to``
    names the entity whose reported speech states it ("the Kremlin said ..."), and ``claim``
    the name of the reported claim whose words state it; ``modality`` the word that hedges it
    ("could", "plan", "try", "ready", "able").
    """

    subject: Mention
    predicate: Predicate
    object: Mention
    sentence_id: int
    sentence: str
    confidence: float
    rule: str
    negated: bool = False
    hedged: bool = False
    when: str | None = None
    attributed_to: str | None = None
    claim: str | None = None
    modality: str | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    """The value of a quantity ("40 people": 40 people), or its range ("40 to 175 years"), and its unit."""

    value: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing: one node of the graph, with a stable ``id`` (a slug).

    ``aliases`` are its other names, sorted. ``concept`` marks a thing named by a common noun
    phrase, a quantity or a reported claim rather than a name ("the storm", "new sanctions"); the
    graph types it ``kgo:Concept`` besides ``type``. ``amount`` is a quantity's value and unit.
    """

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    concept: bool = False
    amount: Amount | None = None

    def __post_init__(self) -> None:
        _share(self, "type")


@dataclass(frozen=True, slots=True)
class Triple:
    """A relation whose arguments are resolved to entities and whose predicate to a property."""

    article: Article
    subject: Entity
    subject_mention: Mention
    property: str
    property_label: str
    predicate: Predicate
    object: Entity
    object_mention: Mention
    sentence_id: int
    sentence: str
    confidence: float
    rule: str
    negated: bool = False
    hedged: bool = False
    when: str | None = None
    attributed_to: Entity | None = None
    claim: Entity | None = None
    modality: str | None = None

    def __post_init__(self) -> None:
        _share(self, "property", "property_label", "rule", "modality")
