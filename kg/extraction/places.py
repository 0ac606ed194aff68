"""Relations stated inside a noun phrase between two names: where things are, who belongs where.

"Dallas, Texas" (located in), "the Palace of Fine Arts in San Francisco" (located in), "a
Boston-based company" and "Acme of Chicago" (based in), "Bob Dole of Kansas" (lives in),
"Wang Ziqiang at the Institute of Mechanics" (works for), "Dole's hometown of Russell" (lives
in). The kind of each name decides the relation, so these patterns need the article-wide
entity types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.names import NameSpan, region_after, title_around
from kg.ontology import KGO, Lexicon
from kg.resolution import kind_of

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["PlaceFact", "place_facts"]

# (kind of the first name, preposition, kind of the second) → (property, confidence).
_PREPOSITION_RULES = {
    ("place", "in", "place"): (KGO + "locatedIn", 0.65),
    ("place", "of", "place"): (KGO + "locatedIn", 0.55),
    ("organization", "in", "place"): (KGO + "basedIn", 0.6),
    ("organization", "of", "place"): (KGO + "basedIn", 0.55),
    ("organization", "from", "place"): (KGO + "basedIn", 0.55),
    ("person", "of", "place"): (KGO + "livesIn", 0.55),
    ("person", "from", "place"): (KGO + "livesIn", 0.55),
    ("person", "at", "organization"): (KGO + "worksFor", 0.6),
    ("person", "of", "organization"): (KGO + "worksFor", 0.55),
    ("person", "with", "organization"): (KGO + "worksFor", 0.5),
}


# Where a thing of each kind is: a place lies in a place, an organisation is based there; a
# person's home depends on the place (see _home_property).
_PLACE_OF = {"place": KGO + "locatedIn", "organization": KGO + "basedIn", "person": None}


@dataclass(frozen=True)
class PlaceFact:
    """``subject`` –``property``– ``object``, read from the words ``text`` between them."""

    subject: NameSpan
    object: NameSpan
    property: str
    text: str
    confidence: float
    rule: str


def place_facts(
    sentence: Span, names: list[NameSpan], label_of: Callable[[NameSpan], str], lexicon: Lexicon
) -> Iterator[PlaceFact]:
    """Facts between names that one noun phrase states, in sentence order."""
    doc = sentence.doc
    at = {i: name for name in names for i in range(name.start, name.end)}
    for name in names:
        kind = kind_of(label_of(name))
        if kind is None:
            continue
        head = doc[name.end - 1]
        for prep in head.children:
            if prep.dep_ != "prep":
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                other = at.get(pobj.i)
                rule = _PREPOSITION_RULES.get((kind, prep.lower_, kind_of(label_of(other)))) if other else None
                if rule is not None:
                    yield PlaceFact(name, other, rule[0], prep.text, rule[1], "noun-preposition")
        in_area = head.dep_ == "compound" and lexicon.is_area_noun(head.head.text)
        area = head.head if in_area else head
        for owner in (c for c in (*head.children, *area.children) if c.dep_ == "poss" and c.i in at):
            # "Beijing's Tiananmen Square", "Chicago's school board", "Syria's Idlib province"
            other = at[owner.i]
            if kind != "person" and kind_of(label_of(other)) == "place" and other.name != name.name:
                yield PlaceFact(name, other, _PLACE_OF[kind], "'s", 0.6, "possessive-place")
        yield from _apposition_place(doc, name, at, kind, label_of, lexicon)
        yield from _comma_place(doc, name, at, kind, label_of)
        yield from _part_of_region(doc, name, at, kind, label_of, lexicon)
        yield from _based(doc, name, at, kind, label_of)
        if kind == "place":
            yield from _hometown(doc, name, at, label_of, lexicon)
            yield from _seat(doc, name, at, label_of, lexicon)


def _apposition_place(
    doc,
    name: NameSpan,
    at: dict[int, NameSpan],
    kind: str | None,
    label_of: Callable[[NameSpan], str],
    lexicon: Lexicon,
) -> Iterator[PlaceFact]:
    """ "Acme, a Hong Kong construction firm" (based in); "Thomas, a native of Chisholm" and
    "Derwinski, a Republican from Chicago" (lives in); "Bosnia's capital, Sarajevo" (located in)."""
    head = doc[name.end - 1]
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # "Bosnia's capital, Sarajevo"
        nouns.append(head.head)
    nouns += [c for noun in nouns for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    for noun in nouns:
        if kind == "person":
            yield from _apposition_employer(name, noun, at, label_of, lexicon)
        places = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        places += [
            p
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "in")
            for p in prep.children
            if p.dep_ == "pobj"
        ]
        if kind == "person" and title_around(doc, noun, lexicon) is not None:
            continue  # "Ida Holm, the deputy mayor of Bergen": a post, which the role reader reads
        for token in places:
            other = at.get(token.i)
            if other is None or kind_of(label_of(other)) != "place":
                continue
            if other.name != name.name:
                yield PlaceFact(
                    name, other, _PLACE_OF[kind] or _home_property(label_of(other)), noun.text, 0.6, "apposition-place"
                )


def _apposition_employer(
    name: NameSpan, noun, at: dict[int, NameSpan], label_of: Callable[[NameSpan], str], lexicon: Lexicon
) -> Iterator[PlaceFact]:
    """ "David Ames, an ecologist at Cornell University": a person described by their work
    at, with or for an organisation works for it; "an activist in the Green Party" belongs to it
    (the lexicon's member nouns say which)."""
    prop = lexicon.word_property("member-noun", noun.lemma_.lower()) or KGO + "worksFor"
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "with", "for", "in"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "an economist with the Acme Foundation research group": the name modifies the head
            named = [pobj, *(c for c in pobj.children if c.dep_ == "compound")]
            other = next((at[t.i] for t in named if t.i in at), None)
            if other is not None and kind_of(label_of(other)) == "organization" and other.name != name.name:
                yield PlaceFact(name, other, prop, f"{noun.text} {prep.text}", 0.6, "apposition-employer")


def _home_property(label: str) -> str:
    """A person's country is their citizenship; a smaller place is where they live."""
    return KGO + "citizenOf" if label == KGO + "Country" else KGO + "livesIn"


# Places a country can lie in ("Chad, Africa").
_WIDER_THAN_COUNTRY = frozenset({KGO + "Region"})


def _comma_place(
    doc, name: NameSpan, at: dict[int, NameSpan], kind: str | None, label_of: Callable[[NameSpan], str]
) -> Iterator[PlaceFact]:
    """ "Dallas, Texas": a place, a comma and a larger place, not a list of places."""
    if kind != "place" or name.end + 1 >= len(doc) or doc[name.end].text != ",":
        return
    other = at.get(name.end + 1)
    if other is None or other.start != name.end + 1 or kind_of(label_of(other)) != "place":
        return
    if doc[other.end - 1].dep_ in ("compound", "nmod", "amod", "poss"):
        return  # "in Kyiv, US president Donald Trump said": the second place modifies a noun
    if label_of(name) == KGO + "Country" and label_of(other) not in _WIDER_THAN_COUNTRY:
        return  # "the King of Peru, Atahualpa": a country lies in no smaller place
    if doc[other.end - 1].dep_ in ("nsubj", "nsubjpass") and doc[name.end - 1].dep_ == "pobj":
        return  # "according to Reuters, Brazil expelled ...": the second name begins a clause
    if not _in_list(doc, name, other, at, kind, label_of):
        yield PlaceFact(name, other, KGO + "locatedIn", ",", 0.7, "place-comma")


def _part_of_region(
    doc,
    name: NameSpan,
    at: dict[int, NameSpan],
    kind: str | None,
    label_of: Callable[[NameSpan], str],
    lexicon: Lexicon,
) -> Iterator[PlaceFact]:
    """ "Kassala in eastern Sudan", "Goma in the eastern part of Congo": a place in a part of a
    larger one, wherever the parser hung the phrase."""
    where = region_after(doc, name.end, lexicon) if kind == "place" else None
    other = at.get(where) if where is not None else None
    if other is not None and other.name != name.name and kind_of(label_of(other)) == "place":
        yield PlaceFact(name, other, KGO + "locatedIn", "in", 0.65, "noun-preposition")


def _in_list(
    doc, name: NameSpan, other: NameSpan, at: dict[int, NameSpan], kind: str, label_of: Callable[[NameSpan], str]
) -> bool:
    """Whether "A, B" is part of a list of places ("France, Germany and Italy") rather than
    a place and its region ("Bethany, Conn., was ...")."""
    after = doc[other.end] if other.end < len(doc) else None
    if after is not None and after.lower_ in ("and", "or"):
        return True
    if after is not None and after.text == ",":
        third = at.get(other.end + 1)  # "Suez, Mansoura, Damanhour, and Alexandria", whatever the third's type
        if third is not None:
            following = doc[third.end] if third.end < len(doc) else None
            return following is not None and following.lower_ in (",", "and", "or")
    before = doc[name.start - 1] if name.start > 0 else None
    if before is not None and before.text == ",":
        previous = at.get(name.start - 2)
        return previous is not None and kind_of(label_of(previous)) == kind
    return False


def _hometown(
    doc, name: NameSpan, at: dict[int, NameSpan], label_of: Callable[[NameSpan], str], lexicon: Lexicon
) -> Iterator[PlaceFact]:
    """ "his wife's hometown of Salem", "Salem, Ann Rowe's hometown": the person whose home or
    birthplace it is (the lexicon's hometown nouns, each with its property)."""
    head = doc[name.end - 1]
    nouns = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        nouns.append(head.head)
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        nouns.append(head.head.head)
    if head.dep_ == "compound":  # "Ann Rowe's Ohio home"
        nouns.append(head.head)
    for noun in nouns:
        prop = lexicon.word_property("hometown-noun", noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
        owner = next((at[c.i] for c in noun.children if c.dep_ == "poss" and c.i in at), None)
        if prop and owner is not None and kind_of(label_of(owner)) == "person":
            yield PlaceFact(owner, name, prop, noun.text, 0.65, "hometown")


def _seat(
    doc, name: NameSpan, at: dict[int, NameSpan], label_of: Callable[[NameSpan], str], lexicon: Lexicon
) -> Iterator[PlaceFact]:
    """ "NRC headquarters in Rockville", "the UN's headquarters in New York": where the organisation
    whose seat it is sits (the lexicon's seat nouns)."""
    head = doc[name.end - 1]
    if head.dep_ != "pobj" or head.head.lower_ not in ("in", "at"):
        return
    noun = head.head.head
    prop = lexicon.word_property("seat-noun", noun.lemma_.lower()) if noun.pos_ in ("NOUN", "PROPN") else None
    if prop is None:
        return
    for owner in (at[c.i] for c in noun.children if c.dep_ in ("poss", "compound") and c.i in at):
        if kind_of(label_of(owner)) == "organization":
            yield PlaceFact(owner, name, prop, noun.text, 0.7, "seat")


def _based(
    doc, name: NameSpan, at: dict[int, NameSpan], kind: str | None, label_of: Callable[[NameSpan], str]
) -> Iterator[PlaceFact]:
    """ "a Boston-based firm": the place before "-based" and the organisation it modifies; "Ohio-born
    actor Tom Hale", "Illinois born Charlton Heston": the place before "born" and the person."""
    if kind != "place":
        return
    words = doc[name.end : name.end + 2]
    hyphen = len(words) == 2 and words[0].text == "-"
    participle = words[1] if hyphen else words[0] if words else None
    if participle is None or participle.lower_ not in ("based", "born") or participle.lower_ == "based" and not hyphen:
        return
    wanted, prop = ("organization", KGO + "basedIn") if participle.lower_ == "based" else ("person", KGO + "bornIn")
    other = next((at[t.i] for t in doc[participle.i + 1 : participle.i + 5] if t.i in at), None)
    if other is not None and kind_of(label_of(other)) == wanted:
        written = "-" + participle.text if hyphen else participle.text
        yield PlaceFact(other, name, prop, written, 0.8, participle.lower_)
