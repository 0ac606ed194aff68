"""Reference resolution within one article: pronouns to people (names to full names: :mod:`kg.resolution`).

Rules, in order of trust: a pronoun inside what a person is quoted as saying ("Yermak
said he ...", "'I informed him', Yermak wrote") is that person; otherwise he/she/him/her
is the nearest person named before it, within a few sentences. A pronoun with no such
antecedent stays unresolved, and facts about it are dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["speaker_of", "PERSONAL_PRONOUNS"]

PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her", "i", "me", "himself", "herself"})


def speaker_of(pronoun: Token, speech_verbs: Collection[str]) -> Token | None:
    """The subject of the speech verb whose reported clause holds ``pronoun``, if any
    (``speech_verbs``: the lexicon's speech-verb words).

    "Yermak said he and Rubio discussed ...": for "he", the speaker token "Yermak".
    """
    clause = pronoun
    while clause.dep_ not in ("ccomp", "parataxis") or clause.head.lemma_ not in speech_verbs:
        if clause.head.i == clause.i:
            return None
        clause = clause.head
    verb = clause.head
    subjects: Sequence[Token] = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].i == pronoun.i:
        return None
    return subjects[-1]
