"""An article's sentences, each with the names and titled roles read in it.

The names are read twice: once per paragraph to learn the names the tagger found anywhere in
the article, then again with those known names, so that a name found once is found wherever it
recurs; the proper nouns the tagger missed are looked for once, for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from kg.extraction.names import KnownNames, NameSpan, Role, bare_proper_nouns, find_names, find_roles
from kg.nlp import ParsedArticle
from kg.ontology import KGO, Lexicon
from kg.resolution import surname

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["Sentence", "read_sentences"]

# Bare NER labels a lone surname is mistaken for (a gazetteer class is no mistake).
_SURNAME_MISTAKES = frozenset({"ORG", "GPE", "LOC", "NORP", "MISC", "PRODUCT", "FAC"})
_NAME_MISTAKES = frozenset({"ORG", "NORP", "MISC", "PRODUCT"})


@dataclass
class Sentence:
    id: int
    span: Span
    offset: int
    names: list[NameSpan]
    roles: list[Role]
    paragraph: int

    @cached_property
    def text(self) -> str:
        """The sentence's text, made once and shared by every relation read in it."""
        return self.span.text


def read_sentences(parsed: ParsedArticle, lexicon: Lexicon) -> Iterator[Sentence]:
    """The article's sentences in order, numbered across paragraphs, with their names and roles."""
    nouns = [bare_proper_nouns(p.doc, lexicon) for p in parsed.paragraphs]
    first = [find_names(p.doc, lexicon, proper_nouns=found) for p, found in zip(parsed.paragraphs, nouns)]
    known = KnownNames(_known_names(first))
    surnames = {surname(n.name) for names in first for n in names if n.label == "PERSON" and " " in n.name}
    number = 0
    for index, (paragraph, found, proper) in enumerate(zip(parsed.paragraphs, first, nouns)):
        entities = [n for n in found if n.label != "MISC"]  # proper nouns are found again after known names
        names = find_names(paragraph.doc, lexicon, known=known, entities=entities, proper_nouns=proper)
        # "Larry Nassar ... Nassar served as": a person's surname the tagger took for something
        # else; "Yaraah Sow" beside "Mohamed Ali Sow": a name that ends in a person's surname
        doc = paragraph.doc
        names = [
            replace(n, label="PERSON") if n.label in _SURNAME_MISTAKES and _family_name(n, doc, surnames) else n
            for n in names
        ]
        roles = find_roles(paragraph.doc, names, lexicon)
        names, roles = _title_holders_are_people(names, roles)
        for span in paragraph.doc.sents:
            yield Sentence(
                number,
                span,
                paragraph.offset,
                [n for n in names if span.start <= n.start < span.end],
                [r for r in roles if span.start <= r.holder.start < span.end],
                index,
            )
            number += 1


def _family_name(name: NameSpan, doc: Doc, surnames: set[str]) -> bool:
    """A person's surname alone, or a name ending in one that a "who" clause describes ("Yaraah
    Sow, who lives ..." beside "Mohamed Ali Sow"; a place may end in a word the tagger once took
    for a surname, but no "who" describes it)."""
    words = name.name.split()
    if len(words) == 1:
        return name.name in surnames
    if name.label not in _NAME_MISTAKES or len(words) > 3 or words[-1] not in surnames:
        return False
    clauses = (c for c in doc[name.end - 1].children if c.dep_ == "relcl")
    return any(c.lower_ in ("who", "whom") for clause in clauses for c in clause.children)


def _known_names(per_paragraph: Iterable[list[NameSpan]]) -> dict[tuple[str, ...], str]:
    """Names the NER found somewhere in the article, and people's surnames, to find again elsewhere."""
    known: dict[tuple[str, ...], str] = {}
    for names in per_paragraph:
        for name in names:
            words = tuple(name.name.split())
            if name.label == "MISC" or not words[0][:1].isupper():
                continue
            known.setdefault(words, name.label)
            if name.label == "PERSON" and len(words) > 1:
                known.setdefault((surname(name.name),), "PERSON")
    return known


def _title_holders_are_people(names: list[NameSpan], roles: list[Role]) -> tuple[list[NameSpan], list[Role]]:
    """A name the NER left untyped or took for an organisation that holds a title ("Ana Ruiz became
    Chile's finance minister", "a spokesman for the agency, Alphonse Munyaneza") is a person's; a
    "person" a title's affiliation is read as is the city or body the roles read."""
    untyped = {r.holder for r in roles if r.holder.label in ("MISC", "ORG")}
    # "Rochester teacher union leader X", "Norvane chief executive X": the roles read a "person"
    # before a title as a city or an employer
    bodies = {
        (r.affiliation.start, r.affiliation.end): r.affiliation
        for r in roles
        if r.affiliation is not None and r.affiliation.label in ("GPE", KGO + "Organization")
    }
    if not untyped and not bodies:
        return names, roles
    people = {name: replace(name, label="PERSON") for name in untyped}
    names = [people.get(n, bodies.get((n.start, n.end), n)) if n.label == "PERSON" or n in people else n for n in names]
    return names, [replace(r, holder=people.get(r.holder, r.holder)) for r in roles]
