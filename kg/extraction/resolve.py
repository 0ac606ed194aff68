"""Reference resolution within one article: surnames to full names, pronouns to people.

Rules, in order of trust: a pronoun inside what a person is quoted as saying ("Yermak
said he ...", "'I informed him', Yermak wrote") is that person; otherwise he/she/him/her
is the nearest person named before it, within a few sentences. A pronoun with no such
antecedent stays unresolved, and facts about it are dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kg.extraction.names import surname

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["canonical_names", "vote_labels", "speaker_of", "SPEECH_VERBS", "PERSONAL_PRONOUNS"]

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "write",
        "add",
        "announce",
        "claim",
        "state",
        "insist",
        "warn",
        "argue",
        "report",
        "note",
        "declare",
        "explain",
        "post",
        "tweet",
        "reply",
        "respond",
        "confirm",
        "deny",
    }
)
PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her", "i", "me", "himself", "herself"})
# NER labels a lone surname is mistaken for.
_MISTAKEN_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP", "MISC", "PRODUCT", "FAC"})
# When votes tie, the more specific reading wins.
_LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")


def canonical_names(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each person name to the full name it abbreviates in the same article.

    ``names`` are ``(name, label)`` pairs. A one-word person name ("Putin") maps to the
    only longer person name ending or starting with it ("Vladimir Putin"); when two
    people share the word, it stays as it is, so two people are never merged.

    >>> canonical_names([("Vladimir Putin", "PERSON"), ("Putin", "PERSON")])["Putin"]
    'Vladimir Putin'
    """
    names = set(names)
    people = {name for name, label in names if label == "PERSON"}
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for full in (name for name in people if " " in name):
        words = full.split()
        by_last.setdefault(surname(full), set()).add(full)
        by_first.setdefault(words[0], set()).add(full)
    mapping: dict[str, str] = {}
    for name in people:
        if " " not in name:
            longer = by_last.get(name) or by_first.get(name, set())
            if len(longer) == 1:
                mapping[name] = next(iter(longer))
    # The NER tags a lone surname as a place or organisation now and then ("Scholz" as GPE); a
    # name the gazetteer does not know (its label is a bare NER label) that is exactly one
    # person's surname is that person. A name in capitals is an acronym ("XINHUA"), not a surname.
    for name, label in names:
        if label in _MISTAKEN_LABELS and " " not in name and name not in people and not name.isupper():
            longer = by_last.get(name, set())
            if len(longer) == 1:
                mapping[name] = next(iter(longer))
    return mapping


def vote_labels(labelled: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One label per name: the most frequent one (spaCy tags "Kyiv" a person now and then).
    MISC (a proper noun the NER missed) abstains when the name has any other label."""
    votes: dict[str, Counter[str]] = {}
    for name, label in labelled:
        votes.setdefault(name, Counter())[label] += 1
    chosen = {}
    for name, counter in votes.items():
        if len(counter) > 1:
            counter.pop("MISC", None)
        best = max(counter.values())
        tied = [label for label, count in counter.items() if count == best]
        chosen[name] = min(tied, key=_label_rank)
    return chosen


def _label_rank(label: str) -> int:
    return _LABEL_PRIORITY.index(label) if label in _LABEL_PRIORITY else len(_LABEL_PRIORITY)


def speaker_of(pronoun: Token) -> Token | None:
    """The subject of the speech verb whose reported clause holds ``pronoun``, if any.

    "Yermak said he and Rubio discussed ...": for "he", the speaker token "Yermak".
    """
    clause = pronoun
    while clause.dep_ not in ("ccomp", "parataxis") or clause.head.lemma_ not in SPEECH_VERBS:
        if clause.head.i == clause.i:
            return None
        clause = clause.head
    verb = clause.head
    subjects: Sequence[Token] = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].i == pronoun.i:
        return None
    return subjects[-1]
