"""``Doc → Mention, Relation``: the facts one article states, with entities named consistently.

Graph mode (:func:`extract_article`) keeps the relations whose arguments are named entities
or resolve to them; open mode (:mod:`kg.extraction.openie`) keeps every relation with its
argument phrases as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extraction.clauses import LOCATIVE_PREPOSITIONS, find_clauses, relation_tokens
from kg.extraction.names import NameSpan, Role, find_names, find_roles, title_around
from kg.extraction.places import place_facts
from kg.extraction.resolve import (
    PERSONAL_PRONOUNS,
    canonical_names,
    speaker_of,
    vote_labels,
)
from kg.nlp import ParsedArticle
from kg.ontology import Lexicon
from kg.types import Mention, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ArticleFacts", "extract_article"]

ROLE_CONFIDENCE = {"title": 0.9, "apposition": 0.85}
# A pronoun refers back at most this many sentences.
_PRONOUN_WINDOW = 3


@dataclass(frozen=True)
class ArticleFacts:
    """What one article states: its named mentions and the relations between them."""

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


@dataclass
class _Sentence:
    id: int
    span: Span
    offset: int
    names: list[NameSpan]
    roles: list[Role]


def extract_article(parsed: ParsedArticle, lexicon: Lexicon) -> ArticleFacts:
    """Extract the mentions and relations of one parsed article."""
    sentences = list(_sentences(parsed, lexicon))
    surface = [(n.name, n.label) for s in sentences for n in s.names]
    full_names = canonical_names(surface)
    labels = vote_labels((full_names.get(name, name), label) for name, label in surface)
    article = _Article(sentences, full_names, labels, lexicon)
    mentions = tuple(article.mention(s, n) for s in sentences for n in s.names)
    relations: dict[tuple, Relation] = {}
    for sentence in sentences:
        found = (*article.role_relations(sentence), *article.place_relations(sentence),
                 *article.clause_relations(sentence))
        for relation in found:
            key = (
                relation.subject.name,
                relation.predicate.lemma,
                relation.predicate.preposition,
                relation.object.name,
                relation.sentence_id,
            )
            if key not in relations or relations[key].confidence < relation.confidence:
                relations[key] = relation
    return ArticleFacts(mentions, tuple(relations.values()))


def _sentences(parsed: ParsedArticle, lexicon: Lexicon) -> Iterator[_Sentence]:
    known = _known_names(find_names(p.doc, lexicon) for p in parsed.paragraphs)
    number = 0
    for paragraph in parsed.paragraphs:
        names = find_names(paragraph.doc, lexicon, known=known)
        roles = find_roles(paragraph.doc, names, lexicon)
        for span in paragraph.doc.sents:
            yield _Sentence(
                number,
                span,
                paragraph.offset,
                [n for n in names if span.start <= n.start < span.end],
                [r for r in roles if span.start <= r.holder.start < span.end],
            )
            number += 1


def _date_phrase(sentence: Span, verb: Token) -> str | None:
    """The date or time phrase that modifies ``verb`` ("on Sunday", "in January 2023"), if any."""
    for ent in sentence.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        root = ent.root
        if root.head.i == verb.i or (root.dep_ == "pobj" and root.head.head.i == verb.i):
            return ent.text
    return None


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
                known.setdefault(words[-1:], "PERSON")
    return known


class _Article:
    """Article-wide lookups shared by the relation builders of its sentences."""

    def __init__(
        self, sentences: list[_Sentence], full_names: dict[str, str], labels: dict[str, str], lexicon: Lexicon
    ):
        self.sentences = sentences
        self.full_names = full_names
        self.labels = labels
        self.lexicon = lexicon
        self.title_holders: dict[str, set[str]] = {}
        for sentence in sentences:
            for role in sentence.roles:
                self.title_holders.setdefault(role.title, set()).add(self.name_of(role.holder))
        self._topics: dict[int, NameSpan | None] = {}

    def name_of(self, name: NameSpan) -> str:
        return self.full_names.get(name.name, name.name)

    def mention(self, sentence: _Sentence, name: NameSpan, *, text_tokens: Span | None = None) -> Mention:
        """The mention of ``name``; its text is the whole noun phrase, title included."""
        doc = sentence.span.doc
        if text_tokens is None:
            starts = [r.surface_start for r in sentence.roles if r.holder == name]
            text_tokens = doc[min(starts, default=name.start) : name.end]
        span = text_tokens
        canonical = self.name_of(name)
        return Mention(
            text=span.text,
            start=sentence.offset + span.start_char,
            end=sentence.offset + span.end_char,
            name=canonical,
            label=self.labels.get(canonical, name.label),
            sentence_id=sentence.id,
        )

    def role_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        doc = sentence.span.doc
        for role in sentence.roles:
            if role.affiliation is None:
                continue
            holder = self.mention(sentence, role.holder)
            affiliation = self.mention(sentence, role.affiliation)
            if holder.name == affiliation.name:
                continue
            title = doc[role.title_start : role.title_end]
            yield Relation(
                subject=holder,
                predicate=Predicate(lemma=title.text.lower(), text=title.text, role=True),
                object=affiliation,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=ROLE_CONFIDENCE[role.rule],
                rule=role.rule,
            )

    def place_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        def label_of(name: NameSpan) -> str:
            return self.labels.get(self.name_of(name), name.label)

        for fact in place_facts(sentence.span, sentence.names, label_of):
            subject, obj = self.mention(sentence, fact.subject), self.mention(sentence, fact.object)
            if subject.name == obj.name:
                continue
            yield Relation(
                subject=subject,
                predicate=Predicate(lemma=fact.text.lower(), text=fact.text, property=fact.property),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=fact.confidence,
                rule=fact.rule,
            )

    def clause_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        for clause in find_clauses(sentence.span):
            subject = self.argument(sentence, clause.subject)
            obj = self.argument(sentence, clause.object)
            if subject is None or obj is None or subject.name == obj.name:
                continue
            words = relation_tokens(clause)
            particle = next((c.lower_ for c in clause.verb.children if c.dep_ == "prt"), None)
            preposition = clause.preposition.lower_ if clause.preposition is not None else None
            if clause.rule == "reciprocal":
                preposition = "with"
            if (
                preposition in LOCATIVE_PREPOSITIONS
                and clause.noun is None
                and not self.lexicon.verb_property(
                    clause.verb.lemma_.lower(), preposition=preposition, particle=particle
                )
            ):
                continue
            confidence = clause.confidence * (0.9 if subject.is_pronoun or obj.is_pronoun else 1.0)
            yield Relation(
                subject=subject,
                predicate=Predicate(
                    lemma=clause.verb.lemma_.lower(),
                    text=" ".join(t.text for t in words),
                    preposition=preposition,
                    particle=particle,
                    noun=clause.noun.lemma_.lower() if clause.noun is not None else None,
                ),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=round(confidence, 3),
                rule=clause.rule,
                negated=clause.negated,
                hedged=clause.hedged,
                when=_date_phrase(sentence.span, clause.verb),
                attributed_to=self._speaker(sentence, clause.verb),
            )

    def argument(self, sentence: _Sentence, token: Token) -> Mention | None:
        """The mention an argument head stands for, or None when it names nothing."""
        name = self._name_at(sentence, token.i)
        if name is not None:
            return self.mention(sentence, name)
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS:
            return self._pronoun(sentence, token)
        for child in token.children:  # "the EU's ambassador, Katarina Mathernova, said"
            if child.dep_ == "appos":
                name = self._name_at(sentence, child.i)
                if name is not None and name.label == "PERSON":
                    return self.mention(sentence, name)
        return self._description(sentence, token)

    def _description(self, sentence: _Sentence, token: Token) -> Mention | None:
        """ "Zelensky's chief of staff" or "the Kremlin spokesperson": the one person in the
        article who holds that title."""
        if token.pos_ != "NOUN" or token.lower_ not in self.lexicon.role_words:
            return None
        if not any(c.dep_ in ("det", "poss", "compound") and c.lower_ not in ("a", "an") for c in token.children):
            return None
        title = title_around(sentence.span.doc, token, self.lexicon)
        holders = self.title_holders.get(sentence.span.doc[title[0] : title[1]].text.lower()) if title else None
        if not holders or len(holders) != 1:
            return None
        holder = next(iter(holders))
        doc = sentence.span.doc
        phrase = doc[token.left_edge.i : max(title[1], token.i + 1)]
        return Mention(
            phrase.text,
            sentence.offset + phrase.start_char,
            sentence.offset + phrase.end_char,
            holder,
            "PERSON",
            sentence.id,
            is_pronoun=True,
        )

    def _speaker(self, sentence: _Sentence, verb: Token) -> str | None:
        """Who says the clause of ``verb``, when it is reported speech ("Peskov said Russia ...")."""
        speaker = speaker_of(verb)
        if speaker is None:
            return None
        name = self._name_at(sentence, speaker.i) or self._person_at(sentence, speaker)
        if name is None:
            found = self._description(sentence, speaker)
            return found.name if found is not None else None
        return self.name_of(name)

    @staticmethod
    def _name_at(sentence: _Sentence, index: int) -> NameSpan | None:
        return next((n for n in sentence.names if n.start <= index < n.end), None)

    def _pronoun(self, sentence: _Sentence, pronoun: Token) -> Mention | None:
        antecedent = self._antecedent(sentence, pronoun)
        if antecedent is None:
            return None
        doc = sentence.span.doc
        found = self.mention(sentence, antecedent[1], text_tokens=doc[pronoun.i : pronoun.i + 1])
        return Mention(
            found.text, found.start, found.end, self.name_of(antecedent[1]), found.label, sentence.id, is_pronoun=True
        )

    def _antecedent(self, sentence: _Sentence, pronoun: Token) -> tuple[_Sentence, NameSpan] | None:
        speaker = speaker_of(pronoun)
        if speaker is not None:
            name = self._person_at(sentence, speaker)
            if name is not None:
                return sentence, name
        if pronoun.lower_ in ("i", "me"):
            return None
        earlier = [n for n in sentence.names if n.end <= pronoun.i and self._is_person(n)]
        if earlier:
            return sentence, earlier[-1]
        for back in range(sentence.id - 1, max(sentence.id - 1 - _PRONOUN_WINDOW, -1), -1):
            previous = self.sentences[back]
            topic = self._topic(previous)
            if topic is not None:
                return previous, topic
            people = [n for n in previous.names if self._is_person(n)]
            if people:
                return previous, people[-1]
        return None

    def _person_at(self, sentence: _Sentence, token: Token) -> NameSpan | None:
        name = self._name_at(sentence, token.i)
        if name is not None and self._is_person(name):
            return name
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS:
            found = self._antecedent(sentence, token)
            return found[1] if found else None
        return None

    def _topic(self, sentence: _Sentence) -> NameSpan | None:
        """The person a sentence is about: its main subject, named or a resolved pronoun."""
        if sentence.id not in self._topics:
            self._topics[sentence.id] = None  # guards the recursion through pronouns
            root = sentence.span.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            self._topics[sentence.id] = self._person_at(sentence, subject) if subject is not None else None
        return self._topics[sentence.id]

    def _is_person(self, name: NameSpan) -> bool:
        return self.labels.get(self.name_of(name), name.label) == "PERSON"
