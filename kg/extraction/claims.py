"""Reported claims: who said what, with the claim's words as written.

"Baird said the document was neither classified nor secret" gives the speaker token
(``Baird``), the speech verb (``said``) and the claim span ("the document was neither
classified nor secret"). "..., according to the agency" makes the agency the speaker of
the rest of its sentence. Which verbs report a claim is data: lexicon entries with
``kgo:complement "clause"`` (``Lexicon.claim_verbs``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.clauses import participants

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["QUOTES", "ClaimFact", "claim_facts"]

# Tokens a claim span does not start or end with: quotes, punctuation, "that".
_EDGE_PUNCT = frozenset({'"', "“", "”", "``", "''", "'", ",", ".", ":", ";", "-", "—", "–", "[", "]", "(", ")"})
QUOTES = frozenset({'"', "“", "”", "``", "''"})
# Claims shorter than this many words are not worth a node ("he said so").
_MIN_WORDS = 3


@dataclass(frozen=True)
class ClaimFact:
    """``speaker`` –``verb``– the claim at tokens ``start:end`` of the paragraph ``Doc``."""

    speaker: Token
    verb: Token
    start: int
    end: int
    property: str
    rule: str


def claim_facts(sentence: Span, claim_verbs: Mapping[str, str]) -> Iterator[ClaimFact]:
    """Every claim the sentence reports: speech-verb complements and "according to" sources."""
    for verb in sentence:
        prop = claim_verbs.get(verb.lemma_.lower())
        # "The Department notes, '...'": the tagger took the verb for a plural noun
        misread = verb.pos_ == "NOUN" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)
        if prop is None or (verb.pos_ not in ("VERB", "AUX") and not misread):
            continue
        complement = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX") and not _reports(c, claim_verbs)
            ),
            None,
        ) or _statement_clause(verb)
        described = _described_as(verb) if complement is None else None
        if described is not None:  # "described it as 'completely inappropriate'"
            span = _trim(sentence, *described)
        elif complement is None:
            # "..., the statement added": the quoted clause is the root and the verb hangs off it.
            speaker_start = _left_of(verb)
            after_quote = speaker_start > sentence.start and sentence.doc[speaker_start - 1].text in _EDGE_PUNCT
            if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i and after_quote:
                span = _trim(sentence, sentence.start, speaker_start)
            else:
                continue
        else:
            span = _trim(sentence, *_clause_span(complement, verb))
        if span is None:
            continue
        for speaker in _speakers(verb):
            yield ClaimFact(speaker, verb, span[0], span[1], prop, "claim")
    yield from _according_to(sentence, claim_verbs)


def _reports(clause: Token, claim_verbs: Mapping[str, str]) -> bool:
    """ "Acme agreed to buy Globex, *the companies said*": a speech verb set off beside a clause
    reports that clause; it is no claim of the clause's verb."""
    subject = any(c.dep_ == "nsubj" for c in clause.children)
    return clause.dep_ == "parataxis" and subject and clause.lemma_.lower() in claim_verbs


def _statement_clause(verb: Token) -> Token | None:
    """ "said in a statement that X resigned": the parser hung the claim on the statement."""
    return next(
        (
            clause
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "in"
            for noun in prep.children
            if noun.dep_ == "pobj"
            for clause in noun.children
            if clause.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        ),
        None,
    )


def _speakers(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        return participants(subjects[0])
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.lemma_ == verb.lemma_:
        return _speakers(verb.head.head)  # "claimed X was ... and claim she ...": the parser hung it inside
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _speakers(verb.head)
    return [named] if (named := _name_before(verb)) is not None else []


def _name_before(verb: Token) -> Token | None:
    """ "..., Tom Molomby, SC, said": the name right before a speech verb the parser left without
    a subject, past commas and the name's own apposition."""
    token = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    while token is not None and token.is_punct and token.i > verb.sent.start:
        token = token.nbor(-1)
    if token is not None and token.dep_ == "appos" and token.head.i < token.i:
        token = token.head
    return token if token is not None and token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG") else None


def _described_as(verb: Token) -> tuple[int, int] | None:
    """ "described the plan as a failure": the object and what it is said to be."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or prep is None or not any(c.dep_ in ("pobj", "pcomp", "amod", "acomp") for c in prep.children):
        return None
    return obj.left_edge.i, prep.right_edge.i + 1


def _clause_span(complement: Token, verb: Token) -> tuple[int, int]:
    """The complement's tokens, up to the speech verb when the claim comes first ("..., he said")."""
    start, end = complement.left_edge.i, complement.right_edge.i + 1
    if start < verb.i < end:  # the parser hung the speaker inside the quote's subtree
        end = _left_of(verb)
    return start, end


def _left_of(verb: Token) -> int:
    """Where the speaker's part begins: "..., *Charamba said*", "..., *said Charamba*"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return subject.left_edge.i if subject is not None else verb.i


def _trim(sentence: Span, start: int, end: int) -> tuple[int, int] | None:
    doc = sentence.doc
    start, end = max(start, sentence.start), min(end, sentence.end)
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].lower_ == "that" and doc[start].dep_ == "mark"):
        start += 1
    while end > start and doc[end - 1].text in _EDGE_PUNCT:
        if doc[end - 1].text in QUOTES and sum(t.text in QUOTES for t in doc[start : end - 1]) % 2 == 1:
            break  # the quote closes one opened inside the claim
        end -= 1
    if end < sentence.end and doc[end].text in QUOTES and sum(t.text in QUOTES for t in doc[start:end]) % 2 == 1:
        end += 1  # the closing quote the parser hung elsewhere
    words = sum(1 for t in doc[start:end] if not t.is_punct)
    return (start, end) if words >= _MIN_WORDS else None


def _according_to(sentence: Span, claim_verbs: Mapping[str, str]) -> Iterator[ClaimFact]:
    """ "..., according to the agency": the agency reports the rest of the sentence."""
    prop = claim_verbs.get("according to")
    if prop is None:
        return
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= sentence.end or token.nbor(1).lower_ != "to":
            continue
        sources = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
        if not sources:
            continue
        phrase_start, phrase_end = token.i, token.nbor(1).right_edge.i + 1
        before = _trim(sentence, sentence.start, phrase_start)
        after = _trim(sentence, phrase_end, sentence.end)
        span = max((s for s in (before, after) if s is not None), key=lambda s: s[1] - s[0], default=None)
        if span is None:
            continue
        for speaker in participants(sources[0]):
            yield ClaimFact(speaker, token, span[0], span[1], prop, "according-to")
