"""Grammatical gender of the people an article names, from what the article itself says.

"Mrs Rowe", "his wife, Manju Sam", "Valeska Paris, an Australian woman", "their daughter
Gloria": honorifics and nouns of kin or sex next to a name tell whether "he" or "she" can
refer to that person. The words are the lexicon's word classes (female-noun, male-noun,
female-title, male-title, female-pronoun, male-pronoun). A name without such evidence agrees
with every pronoun: kg guesses no gender from first names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extraction.names import NameSpan
    from kg.ontology import Lexicon

__all__ = ["agrees", "gender_of_pronoun", "genders"]

_GENDERS = ("female", "male")


def gender_of_pronoun(pronoun: Token, lexicon: Lexicon) -> str | None:
    """ "he" → male, "her" → female; None for "I", "they" or "it"."""
    return next((g for g in _GENDERS if pronoun.lower_ in lexicon.words(f"{g}-pronoun")), None)


def genders(
    sentences: Iterable[tuple[Span, list[NameSpan]]], canonical: Callable[[NameSpan], str], lexicon: Lexicon
) -> dict[str, str]:
    """The gender the article gives each person it names, when it gives one and only one.

    ``sentences`` pairs each sentence with the people named in it. Besides the words next to a
    name, a sentence that names one person and then uses "he" or "she" ("Ashby said he would
    resign") says which pronoun that person takes.
    """
    seen: dict[str, set[str]] = {}
    for sentence, people in sentences:
        for name in people:
            for gender in _evidence(sentence.doc, name, lexicon):
                seen.setdefault(canonical(name), set()).add(gender)
        if len({canonical(n) for n in people}) == 1:
            after = (t for t in sentence if t.i >= people[0].end and t.pos_ == "PRON")
            found = {g for t in after if (g := gender_of_pronoun(t, lexicon)) is not None}
            seen.setdefault(canonical(people[0]), set()).update(found)
    return {person: found.pop() for person, found in seen.items() if len(found) == 1}


def agrees(person: str, pronoun: Token, known: dict[str, str], lexicon: Lexicon) -> bool:
    """Whether ``pronoun`` may refer to ``person``: not "she" for a man the article calls one."""
    wanted = gender_of_pronoun(pronoun, lexicon)
    return wanted is None or known.get(person, wanted) == wanted


def _evidence(doc: Doc, name: NameSpan, lexicon: Lexicon) -> Iterable[str]:
    head = doc[name.end - 1]
    before = doc[name.start - 1] if name.start > 0 else None
    nouns = [c for c in head.children if c.dep_ in ("appos", "compound") and c.i < name.start or c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    if before is not None and before.pos_ == "NOUN":
        nouns.append(before)  # "their daughter Gloria", "his wife Manju"
    for gender in _GENDERS:
        if before is not None and before.lower_.rstrip(".") in lexicon.words(f"{gender}-title"):
            yield gender
        if any(n.lemma_.lower() in lexicon.words(f"{gender}-noun") for n in nouns):
            yield gender
