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
from kg.ontology import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Concept", "concept_of", "possessor"]


@dataclass(frozen=True)
class Concept:
    """A concept's label, the key it merges by within an article, its ontology class, its first
    token and the token after its last ("the deployment *of the missiles*" included)."""

    label: str
    head_lemma: str
    type: str
    start: int
    anchored: bool
    end: int = 0


# Prepositions whose named object ties a noun to a named thing ("officials *from* the WHO").
_ANCHORING_PREPOSITIONS = frozenset({"of", "from", "at", "with", "for"})
# ... of which "at" and "with" tie people to a body ("researchers at Cornell"), not a thing or act.
_PLACING_PREPOSITIONS = frozenset({"at", "with"})


def concept_of(token: Token, lexicon: Lexicon, owner: str | None = None, *, which: bool = False) -> Concept | None:
    """The concept a common-noun argument head stands for, or None when it is too vague.

    ``owner`` is the name the noun's possessor stands for ("*his* followers", "*the Church's*
    website"): the concept is the owner's ("followers of Muqtada al-Sadr"). A possessive pronoun
    without one is context only. With ``which`` the noun's adjectives are part of it: they say
    which organisation it is ("governor of the central bank").
    """
    token = content_noun(token, lexicon)
    if token.ent_type_ == "TIME":
        return None  # "on Saturday evening": a time of day, no thing of its own
    lemma = token.lemma_.lower()
    # A title is a concept only as some named body's ("Thailand's foreign minister" whom the
    # article does not name); else the person it describes is meant (or nobody).
    named_complement = _named_complement(token)
    title = token.lower_ in lexicon.role_words and (owner is not None or named_complement is not None)
    # "was named publisher of X", "resigned as chief executive of X": a role, not a participant
    predicative = token.dep_ in ("attr", "oprd", "appos") or (token.dep_ == "pobj" and token.head.lower_ == "as")
    title = title and not predicative
    if not (token.pos_ == "NOUN" or title and token.pos_ == "PROPN") or len(lemma) < 3:
        return None
    vague = lemma in lexicon.vague_nouns
    complement = _complement(token, vague)
    if vague and not (_specified(token) or owner or named_complement or complement):
        return None  # "the share", not "market share", "Acme's share", "shares of Acme", "an end to the war"
    if token.lower_ in lexicon.role_words and not (title or _generic(token)):
        return None  # "the minister": a person the article may name, not a thing of its own
    if token.text[:1].isupper() and not token.is_sent_start and not title:
        return None  # a capitalised word mid-sentence is a name the tagger missed, not a common noun
    owned = possessor(token)
    if owner is None and owned is not None and owned.pos_ == "PRON":
        return None  # "our cities", "its people": whose they are is context, not a thing of its own
    modifiers = [
        c
        for c in token.lefts
        if (c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN"))
        or (c.dep_ == "amod" and c.text[:1].isupper() and (not c.is_sent_start or lexicon.place(c.text)))
        or (title and c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN"))
        or (which and c.dep_ == "amod" and c.pos_ == "ADJ")
    ]
    if owner is not None and lemma in lexicon.vague_nouns:
        modifiers = [m for m in modifiers if not m.text[:1].isupper()]  # "Nvidia shares": shares of Nvidia
    # "United States warplanes": a compound modifier keeps its own compounds
    modifiers = sorted({w for m in modifiers for w in (m, *_compounds(m))}, key=lambda t: t.i)
    words = [*modifiers, token]
    label = " ".join(
        w.text if w.pos_ == "PROPN" or w.is_upper or (w.dep_ == "amod" and not title) else w.lower_ for w in words
    )  # "SADC observers", "Iskander missile"
    doc = token.doc
    first = words[0]
    if first.i >= 2 and doc[first.i - 1].text == "-" and doc[first.i - 2].head.i in (first.i, token.i):
        # "anti-Pyongyang propaganda": a hyphenated prefix belongs to the label
        label = doc[first.i - 2].lower_ + "-" + label
        words = [doc[first.i - 2], *words]
    end = token.i + 1
    # Merge key: the head lemma with its proper adjectives, so "Russian forces" and "Ukrainian
    # forces" stay apart while "government building" and "building" merge.
    key = " ".join([*(m.lower_ for m in modifiers if m.dep_ == "amod"), lemma])
    if complement is not None:  # "the deployment of the missiles": the object keeps its complement
        inner = [c for c in complement.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")] + [complement]
        whose = possessor(complement)
        named_owner = f"{whose.text}'s " if whose is not None and whose.pos_ == "PROPN" else ""
        words_of = " ".join(w.text if w.pos_ == "PROPN" else w.lower_ for w in inner)
        label += f" {complement.head.lower_} {named_owner}{words_of}"
        end = complement.i + 1
        if vague:  # "an end to the war" and "the end of the season" are two things
            key += f" {complement.head.lower_} {complement.lemma_.lower()}"
    # A proper noun or adjective ties the concept to a named thing ("Iskander missile", "Russian forces").
    anchored = any(m.pos_ == "PROPN" or m.dep_ == "amod" for m in modifiers)
    named = named_complement if complement is None else None
    if named is not None:  # "journalists from Al-Jazeera": the group is the organisation's
        label, key, end = f"{label} {named[0]}", f"{key} {named[0]}", named[1]
    elif owner is not None and complement is None:
        label, key = f"{label} of {owner}", f"{key} of {owner}"
        # A pronoun ties the noun to its owner too loosely to ground a fact between two
        # concepts ("her energy battled the infections"); a name does ("Acme's website").
        named = None if owned is not None and owned.pos_ == "PRON" else owner
    return Concept(label, key, lexicon.noun_class(lemma), words[0].i, anchored or named is not None, end)


def _generic(noun: Token) -> bool:
    """ "a judge", "(the) officials": an indefinite or plural title stands for whoever holds it,
    not for one person the article may name."""
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    if determiners & {"a", "an", "another"}:
        return True
    return noun.tag_ == "NNS" and determiners <= {"the"} and noun.dep_ not in ("compound", "appos", "attr")


def _specified(noun: Token) -> bool:
    """ "market share", "price cap": a compound noun makes a vague head ("share") a thing of its own."""
    return noun.ent_type_ not in ("DATE", "TIME") and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.ent_type_ not in ("DATE", "TIME") for c in noun.lefts
    )


def possessor(noun: Token) -> Token | None:
    """The pronoun, name or noun that says whose the noun is ("*his* followers", "*Acme's* website",
    "*the country's* army")."""
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN", "NOUN")), None)


def _compounds(token: Token) -> list[Token]:
    found = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    return [w for c in found for w in (c, *_compounds(c))]


def _complement(noun: Token, vague: bool) -> Token | None:
    """The common noun an "of" phrase right after ``noun`` completes it with, or a "to" phrase
    after a vague noun ("an end to the war"), if any."""
    heads = ("of", "to") if vague else ("of",)
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in heads and c.i == noun.i + 1), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return pobj if pobj is not None and pobj.pos_ == "NOUN" else None


def _entity_words(token: Token) -> list[Token]:
    """The words of the tagger's name that ends at ``token``, without its article ("the")."""
    doc, start = token.doc, token.i
    if not token.ent_type_ or token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I":
        return []
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return [t for t in doc[start : token.i + 1] if t.pos_ != "DET"]


def _named_complement(noun: Token) -> tuple[str, int] | None:
    """ "journalists from Al-Jazeera", "critics of Scientology", "researchers at Cornell": a name
    right after the noun's preposition ties it to a named thing. The words ("from Al-Jazeera") and
    where they end."""
    for prep in noun.rights:
        if prep.dep_ != "prep" or prep.i != noun.i + 1 or prep.lower_ not in _ANCHORING_PREPOSITIONS:
            continue
        if prep.lower_ in _PLACING_PREPOSITIONS and noun.tag_ != "NNS":
            continue  # "fraud at Leeds Crown Court" says where; "researchers at Cornell" whose
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            name = sorted([*(c for c in _compounds(pobj) if c.pos_ == "PROPN"), pobj], key=lambda t: t.i)
            name = _entity_words(pobj) or name  # "from the National Search and Rescue Agency": all of it
            end = pobj.i + 1
            # "researchers at the Massachusetts Institute of Technology": the name's own "of"
            while end + 1 < len(noun.doc) and noun.doc[end].lower_ == "of" and noun.doc[end + 1].pos_ == "PROPN":
                end += 2
                while end < len(noun.doc) and noun.doc[end].pos_ == "PROPN":
                    end += 1
            words = [*(t.text for t in name), *(t.text for t in noun.doc[pobj.i + 1 : end])]
            return " ".join([prep.lower_, *words]), end
    return None
