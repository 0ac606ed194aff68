"""Open information extraction: every relation a sentence states, with its arguments as written.

This is the ``kg extract --open`` mode that benchmarks such as CaRB score: no entity filter, no
resolution across sentences, pronouns kept, the full relation phrase ("has awarded", "was hit
by", "is the head of") and a confidence that ranks the tuples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.clauses import conjuncts

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Argument", "OpenTuple", "open_tuples", "CONFIDENCE"]

_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVE = {"which", "who", "that", "whom", "whose"}
_CLAUSE_DROP = ("relcl", "appos", "punct", "cc", "conj", "advcl", "parataxis")
_ARGUMENT_PREPOSITIONS_SKIP = {"because", "than"}
# How often each pattern's tuples are right; the benchmark's threshold sweep ranks by it.
CONFIDENCE = {
    "svo": 0.9,
    "passive": 0.85,
    "sv-prep": 0.75,
    "copula": 0.8,
    "clausal": 0.6,
    "apposition": 0.55,
    "intransitive": 0.4,
}


@dataclass(frozen=True)
class Argument:
    """An argument's words (space-joined tokens) and the character span they cover in the Doc."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class OpenTuple:
    """One relation with its arguments; ``arguments[0]`` is the subject."""

    relation: str
    arguments: tuple[Argument, ...]
    confidence: float
    rule: str
    negated: bool


def _text(tokens: list[Token]) -> Argument | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return None
    return Argument(" ".join(t.text for t in tokens), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _phrase(head: Token, *, drop: tuple[str, ...] = ()) -> list[Token]:
    """``head`` with its subtree, less the children whose relation is in ``drop``."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in drop:
            continue
        tokens.extend(child.subtree)
    return tokens


def _subject_phrase(token: Token) -> list[Token]:
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return _phrase(token.head.head, drop=_CLAUSE_DROP)
    return _phrase(token, drop=("relcl", "appos", "punct", "advcl"))


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return [child], child.dep_ == "nsubjpass"
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head], False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head], True
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        heads, passive = _subjects(verb.head)
        own_passive = any(c.dep_ == "auxpass" for c in verb.children)
        return heads, own_passive if verb.dep_ != "conj" else (own_passive or passive and verb.tag_ == "VBN")
    return [], False


def _relation_words(verb: Token) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    words.append(verb)
    words.extend(c for c in verb.children if c.dep_ == "prt")
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        # "is ready to push ahead with": the governing verb belongs to the relation.
        words = _relation_words(verb.head) + [c for c in verb.head.children if c.dep_ == "acomp"] + words
    return words


def open_tuples(sentence: Span) -> Iterator[OpenTuple]:
    """Every relation of ``sentence`` as an :class:`OpenTuple`, most reliable patterns first."""
    for verb in sentence:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
            continue
        subjects, passive = _subjects(verb)
        if not subjects:
            continue
        yield from _verb_tuples(verb, subjects, passive)
    yield from _appositions(sentence)


def _verb_tuples(verb: Token, subjects: list[Token], passive: bool) -> Iterator[OpenTuple]:
    negated = any(c.dep_ == "neg" for c in verb.children)
    base = _relation_words(verb)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "acomp", "dative") and c.pos_ != "ADP"]
    preps = [
        c
        for c in verb.children
        if c.dep_ in ("prep", "agent", "dative")
        and c.pos_ == "ADP"
        and c.lower_ not in _ARGUMENT_PREPOSITIONS_SKIP
        and any(g.dep_ == "pobj" for g in c.children)
    ]
    # An xcomp verb ("wants to *leave*") yields tuples of its own with this subject.
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    for subject in subjects:
        for subject_head in conjuncts(subject) if subject.lower_ not in _RELATIVE else [subject]:
            arg1 = _text(_subject_phrase(subject_head))
            if arg1 is None:
                continue
            if objects:
                rule = "copula" if verb.lemma_ == "be" else "svo"
                rest = [_text(_phrase(o)) for o in objects[1:]] + [_text(_phrase(p)) for p in preps]
                for target in conjuncts(objects[0]):
                    yield _tuple(base, arg1, _text(_phrase(target, drop=("conj", "cc"))), rest, rule, negated)
            elif preps:
                first, *others = preps
                rule = "passive" if first.dep_ == "agent" or passive else "sv-prep"
                rest = [_text(_phrase(p)) for p in others]
                pobj = next(g for g in first.children if g.dep_ == "pobj")
                for target in conjuncts(pobj):
                    arg2 = _text(_phrase(target, drop=("conj", "cc")))
                    yield _tuple([*base, first], arg1, arg2, rest, rule, negated)
            for clause in clauses:
                words = [*base, *(c for c in clause.children if c.dep_ == "mark")]
                yield _tuple(words, arg1, _text(_phrase(clause, drop=("mark",))), [], "clausal", negated)
            if not objects and not preps and not clauses and not passive:
                yield _tuple(base, arg1, None, [], "intransitive", negated)


def _appositions(sentence: Span) -> Iterator[OpenTuple]:
    for token in sentence:
        if token.dep_ == "appos" and token.head.pos_ in ("PROPN", "NOUN"):
            arg1 = _text(_phrase(token.head, drop=("appos", "relcl", "punct", "prep", "acl")))
            arg2 = _text(_phrase(token, drop=("relcl", "punct")))
            if arg1 is not None and arg2 is not None:
                yield OpenTuple("is", (arg1, arg2), CONFIDENCE["apposition"], "apposition", False)


def _tuple(
    words: list[Token], subject: Argument, obj: Argument | None, rest: list[Argument | None], rule: str, negated: bool
) -> OpenTuple:
    words = sorted(set(words), key=lambda t: t.i)
    arguments = (subject, obj, *(a for a in rest if a is not None)) if obj is not None else (subject,)
    confidence = CONFIDENCE[rule]
    # Long arguments are more often wrongly attached.
    length = sum(len(a.text.split()) for a in arguments)
    confidence *= 1.0 if length <= 12 else 0.9 if length <= 25 else 0.75
    return OpenTuple(" ".join(w.text for w in words), arguments, round(confidence, 3), rule, negated)
