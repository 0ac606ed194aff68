"""``Doc → Mention, Relation``: the facts one article states, with entities named consistently.

Graph mode (:func:`extract_article`) keeps the relations whose arguments are named entities
or resolve to them; open mode (:mod:`kg.extraction.openie`) keeps every relation with its
argument phrases as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.extraction.claims import claim_facts
from kg.extraction.clauses import LOCATIVE_PREPOSITIONS, content_noun, find_clauses, relation_tokens
from kg.extraction.concepts import concept_of
from kg.extraction.datelines import dateline_facts, line_name
from kg.extraction.gender import agrees, genders
from kg.extraction.names import (
    PRONOUN_LABEL,
    NameSpan,
    Role,
    defined_aliases,
    direct_affiliations,
    find_names,
    find_roles,
    surname,
    title_around,
)
from kg.extraction.nominals import nominal_facts
from kg.extraction.places import place_facts
from kg.extraction.quantities import quantity_at
from kg.extraction.resolve import PERSONAL_PRONOUNS, SPEECH_VERBS, speaker_of
from kg.nlp import ParsedArticle
from kg.ontology import KGO, Lexicon
from kg.resolution import canonical_names, kind_of, possible_aliases, vote_labels
from kg.types import Amount, Mention, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ArticleFacts", "CLAIM_PREFIX", "CONCEPT_PREFIX", "QUANTITY_PREFIX", "extract_article"]

ROLE_CONFIDENCE = {
    "title": 0.9,
    "apposition": 0.85,
    "bridging": 0.6,
    "descriptor": 0.7,
    "verb": 0.8,
    "party": 0.7,
    "adherent": 0.7,
}
NOMINAL_CONFIDENCE = 0.7
# A description is named by a speaker at most this many sentences later.
_BRIDGE_WINDOW = 2
# A pronoun refers back at most this many sentences.
_PRONOUN_WINDOW = 3
# Headline, source line and dateline: the paragraphs where a dateline may stand.
_DATELINE_PARAGRAPHS = 3


@dataclass(frozen=True)
class ArticleFacts:
    """What one article states: its named mentions and the relations between them.

    ``amounts`` holds the value and unit of each quantity mention, by its name.
    """

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    amounts: dict[str, Amount] = field(default_factory=dict)


@dataclass
class _Sentence:
    id: int
    span: Span
    offset: int
    names: list[NameSpan]
    roles: list[Role]
    paragraph: int


def extract_article(parsed: ParsedArticle, lexicon: Lexicon) -> ArticleFacts:
    """Extract the mentions and relations of one parsed article."""
    sentences = list(_sentences(parsed, lexicon))
    surface = [(n.name, n.label) for s in sentences for n in s.names]
    defined = [pair for s in sentences for pair in defined_aliases(s.span.doc, s.names)]
    full_names = canonical_names(surface, defined=defined, ordered=True)
    labels = _article_labels(surface, full_names, lexicon)
    article = _Article(sentences, full_names, labels, lexicon)
    mentions = tuple(article.mention(s, n) for s in sentences for n in s.names)
    relations: dict[tuple, Relation] = {}
    for sentence in sentences:
        found = (
            *article.role_relations(sentence),
            *article.dateline_relations(sentence),
            *article.description_roles(sentence),
            *article.place_relations(sentence),
            *article.nominal_relations(sentence),
            *article.claim_relations(sentence),
            *article.clause_relations(sentence),
            *article.event_relations(sentence),
        )
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
    found = _with_regions(list(relations.values()))
    found += _possible_aliases(found)
    return ArticleFacts(mentions, tuple(article.name_concepts(r) for r in found), article.amounts)


def _possible_aliases(relations: list[Relation]) -> list[Relation]:
    """A flag (``kgo:possibleSameAs``), never a merge, between two people of the article with the
    same title in the same organisation and close spellings ("Petrov" and "Peskov")."""
    roles = [r for r in relations if r.predicate.role and r.subject.label == "PERSON" and not r.subject.is_pronoun]
    first: dict[str, Relation] = {}
    for relation in roles:
        first.setdefault(relation.subject.name, relation)
    pairs = possible_aliases((r.subject.name, r.predicate.lemma, r.object.name) for r in roles)
    flagged = []
    for name, other, title, organisation in pairs:
        evidence = first[other]
        flagged.append(
            replace(
                evidence,
                subject=first[name].subject,
                predicate=Predicate(
                    lemma="possible same as", text=f"both {title} of {organisation}", property=KGO + "possibleSameAs"
                ),
                object=evidence.subject,
                confidence=0.5,
                rule="possible-alias",
            )
        )
    return flagged


# Where something is holds for the larger place too: "Acme of Dover, Del." is based in Delaware.
_WHERE_PROPERTIES = frozenset({KGO + "locatedIn", KGO + "basedIn", KGO + "livesIn"})


def _with_regions(relations: list[Relation]) -> list[Relation]:
    """Add, for each where-fact, the same fact with the region its sentence puts the place in
    ("Ann Rowe of Dover, Del.": lives in Dover, and so in Delaware); locatedIn is transitive."""
    regions: dict[tuple[int, str], Mention] = {}
    for relation in relations:
        if relation.predicate.property == KGO + "locatedIn":
            regions.setdefault((relation.sentence_id, relation.subject.name), relation.object)
    added = []
    seen = {(r.subject.name, r.predicate.property, r.object.name, r.sentence_id) for r in relations}
    for relation in relations:
        if relation.predicate.property not in _WHERE_PROPERTIES:
            continue
        region = regions.get((relation.sentence_id, relation.object.name))
        if region is None or region.name == relation.subject.name:
            continue
        key = (relation.subject.name, relation.predicate.property, region.name, relation.sentence_id)
        if key in seen:
            continue
        seen.add(key)
        added.append(
            replace(
                relation, object=region, confidence=round(relation.confidence * 0.8, 3), rule=relation.rule + "+region"
            )
        )
    return relations + added


def _sentences(parsed: ParsedArticle, lexicon: Lexicon) -> Iterator[_Sentence]:
    first = [find_names(p.doc, lexicon) for p in parsed.paragraphs]
    known = _known_names(first)
    surnames = {surname(n.name) for names in first for n in names if n.label == "PERSON" and " " in n.name}
    number = 0
    for index, (paragraph, found) in enumerate(zip(parsed.paragraphs, first)):
        entities = [n for n in found if n.label != "MISC"]  # proper nouns are found again after known names
        names = find_names(paragraph.doc, lexicon, known=known, entities=entities)
        # "Larry Nassar ... Nassar served as": a person's surname the tagger took for something else
        names = [
            replace(n, label="PERSON") if n.label in _SURNAME_MISTAKES and n.name in surnames else n for n in names
        ]
        roles = find_roles(paragraph.doc, names, lexicon)
        names, roles = _title_holders_are_people(names, roles)
        for span in paragraph.doc.sents:
            yield _Sentence(
                number,
                span,
                paragraph.offset,
                [n for n in names if span.start <= n.start < span.end],
                [r for r in roles if span.start <= r.holder.start < span.end],
                index,
            )
            number += 1


def _article_labels(surface: list[tuple[str, str]], full_names: dict[str, str], lexicon: Lexicon) -> dict[str, str]:
    """One label per canonical name. A full name votes with its own mentions, not its short forms'
    ("Chrome" tagged a person does not make "Google Chrome" one); a class the gazetteer or a kind
    noun gave ("Malawi" a country, "the newspaper, The Herald", "northwest of Dakar") beats the
    tagger's bare labels, unless the name is part of a person's name in the article."""
    named = {name for name, _ in surface}
    votes = [
        (full_names.get(name, name), label)
        for name, label in surface
        if name not in full_names or full_names[name] not in named or label != "PERSON"
    ]
    labels = vote_labels(votes)
    classes: dict[str, Counter[str]] = {}
    for name, label in votes:
        if label.startswith(KGO):
            classes.setdefault(name, Counter())[label] += 1
    name_parts = {word for name, label in labels.items() if label == "PERSON" and " " in name for word in name.split()}
    name_parts |= {name for name, label in labels.items() if label == "PERSON" and " " in name}
    for name, label in labels.items():
        if name in classes and not (label == "PERSON" and name in name_parts):
            labels[name] = classes[name].most_common(1)[0][0]
    return labels


# Bare NER labels a lone surname is mistaken for (a gazetteer class is no mistake).
_SURNAME_MISTAKES = frozenset({"ORG", "GPE", "LOC", "NORP", "MISC", "PRODUCT", "FAC"})


def _title_holders_are_people(names: list[NameSpan], roles: list[Role]) -> tuple[list[NameSpan], list[Role]]:
    """A name the NER left untyped or took for an organisation that holds a title ("Ana Ruiz became
    Chile's finance minister", "a spokesman for the agency, Alphonse Munyaneza") is a person's."""
    untyped = {r.holder for r in roles if r.holder.label in ("MISC", "ORG")}
    # "Rochester teacher union leader X": the roles read a "person" before a title as a city
    places = {
        (r.affiliation.start, r.affiliation.end): r.affiliation
        for r in roles
        if r.affiliation is not None and r.affiliation.label == "GPE"
    }
    if not untyped and not places:
        return names, roles
    people = {name: replace(name, label="PERSON") for name in untyped}
    names = [people.get(n, places.get((n.start, n.end), n)) if n.label == "PERSON" or n in people else n for n in names]
    return names, [replace(r, holder=people.get(r.holder, r.holder)) for r in roles]


# Concept mentions are named "concept:<label>" and labelled CONCEPT until the article is done.
CONCEPT_PREFIX = "concept:"
CONCEPT_LABEL = "CONCEPT"
# Claim mentions are named "claim:<text>"; their label is the class kgo:Claim.
CLAIM_PREFIX = "claim:"
CLAIM_CONFIDENCE = {"claim": 0.8, "according-to": 0.75}
# Quantity mentions are named "quantity:<words>"; their label is the class kgo:Quantity.
QUANTITY_PREFIX = "quantity:"
_QUOTES = {'"', "“", "”", "``", "''"}


_QUANTITY = KGO + "Quantity"
# Prepositions that put an event somewhere: "the storm in Norway", "a blast at the port".
_EVENT_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "off"})
# Labels of names that say when or where rather than who: "in March", "at Easter", "in Borneo".
# A person "in" something is rare enough that "in Borneo" tagged PERSON is a place the tagger missed.
_WHEN_LABELS = frozenset({"DATE", "TIME", "EVENT", "FAC", "LOC", "GPE", "MISC", "PERSON"})


def _is_concept(mention: Mention) -> bool:
    """Whether a mention stands for no named thing: a concept or a quantity."""
    return mention.label in (CONCEPT_LABEL, _QUANTITY)


def _of_or_from(noun: Token) -> list[Token]:
    """The objects of a noun's "of" and "from" phrases ("data *from the Archive*")."""
    return [p for c in noun.children if c.lower_ in ("of", "from") for p in c.children if p.dep_ == "pobj"]


def _in_subject(token: Token) -> bool:
    """Whether ``token`` is a clause's subject or inside one ("*Thomas'* sister")."""
    while token.dep_ in ("poss", "compound", "appos", "conj", "amod", "nmod"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _in_quote(token: Token) -> bool:
    """Whether ``token`` stands inside quotation marks opened earlier in its sentence."""
    return sum(1 for t in token.sent[: token.i - token.sent.start] if t.text in _QUOTES) % 2 == 1


def _is_fatal(verb: Token, lexicon: Lexicon) -> bool:
    """ "shot to death", "fatally stabbed", "shot dead", "shot and killed": an attack that killed."""
    if verb.lemma_.lower() not in lexicon.words("injuring-verb"):
        return False
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("fatally", "mortally"):
            return True
        if child.lower_ == "dead" or (child.dep_ == "conj" and child.lemma_ in ("kill", "murder")):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(c.lower_ == "death" for c in child.children):
            return True
    return False


def _date_phrase(
    sentence: Span, verb: Token, arguments: tuple[Token, ...] = (), happening: frozenset[str] = frozenset()
) -> str | None:
    """The date or time phrase that modifies ``verb`` ("on Sunday", "in January 2023"), if any.

    Failing that, a date in a relative clause on an argument that tells when the same thing
    happened to it: "a building that came under attack on Sunday was hit by a missile"
    (``happening``: the lexicon's happening verbs).
    """
    dates = [ent for ent in sentence.ents if ent.label_ in ("DATE", "TIME")]
    for ent in dates:
        root = ent.root
        if root.head.i == verb.i or (root.dep_ == "pobj" and root.head.head.i == verb.i):
            return ent.text
    for clause in (c for a in arguments for c in a.children if c.dep_ == "relcl" and c.lemma_ in happening):
        inside = {t.i for t in clause.subtree}
        for ent in dates:
            if ent.root.i in inside:
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
                known.setdefault((surname(name.name),), "PERSON")
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
        people = {name for name, label in labels.items() if label == "PERSON" and " " in name}
        by_surname: dict[str, set[str]] = {}
        for name in people:
            by_surname.setdefault(surname(name), set()).add(name)
        self.surnames = {last: next(iter(names)) for last, names in by_surname.items() if len(names) == 1}
        people = ((s.span, [n for n in s.names if labels.get(self.name_of(n), n.label) == "PERSON"]) for s in sentences)
        self.genders = genders(people, self.name_of, lexicon)
        self.bridged: dict[tuple[int, int], str] = {}
        self._bridge()
        self._topics: dict[int, str | None] = {}
        self.concepts: dict[str, Counter[str]] = {}
        self.concept_types: dict[str, str] = {}
        self.anchored: dict[str, bool] = {}
        # Per sentence, the token spans of its reported claims and the claims' names.
        self.claims: dict[int, list[tuple[int, int, str, str]]] = {}
        self.amounts: dict[str, Amount] = {}

    def name_of(self, name: NameSpan) -> str:
        return self.full_names.get(name.name, name.name)

    def mention(self, sentence: _Sentence, name: NameSpan) -> Mention:
        """The mention of ``name``: its text is the name alone, its phrase the whole noun phrase
        with the title ("Kremlin spokesperson Dmitry Peskov")."""
        doc = sentence.span.doc
        span = doc[name.start : name.end]
        starts = [r.surface_start for r in sentence.roles if r.holder == name]
        phrase = doc[min(starts, default=name.start) : name.end]
        canonical = self.name_of(name)
        longer = phrase.start < span.start
        return Mention(
            text=span.text,
            start=sentence.offset + span.start_char,
            end=sentence.offset + span.end_char,
            name=canonical,
            label=self.labels.get(canonical, name.label),
            sentence_id=sentence.id,
            phrase=phrase.text if longer else None,
            phrase_start=sentence.offset + phrase.start_char if longer else None,
            phrase_end=sentence.offset + phrase.end_char if longer else None,
        )

    def name_concepts(self, relation: Relation) -> Relation:
        """Give the concepts of a relation their article-wide label (the most used phrase for
        their head lemma) and class."""

        def named(mention: Mention) -> Mention:
            if mention.label != CONCEPT_LABEL:
                return mention
            lemma = mention.name.removeprefix(CONCEPT_PREFIX)
            label = self.concepts[lemma].most_common(1)[0][0]
            return replace(mention, name=CONCEPT_PREFIX + label, label=self.concept_types[lemma])

        return replace(relation, subject=named(relation.subject), object=named(relation.object))

    def role_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        doc = sentence.span.doc
        for role in sentence.roles:
            if role.affiliation is None:
                continue
            holder = self.mention(sentence, role.holder)
            if role.affiliation.label == PRONOUN_LABEL:
                affiliation = self._pronoun(sentence, doc[role.affiliation.start])  # "his lawyer"
            else:
                affiliation = self.mention(sentence, role.affiliation)
            if affiliation is None or holder.name == affiliation.name:
                continue
            title = doc[role.title_start : role.title_end]
            lemma = role.title if role.rule == "party" else title.text.lower()
            # A descriptor ("historian") is no post: it tells the person's country only.
            known = None
            if role.rule == "descriptor":
                known = KGO + ("citizenOf" if affiliation.label == KGO + "Country" else "livesIn")
            elif role.rule == "adherent":
                known = KGO + "memberOf"
            elif role.affiliation.start < role.title_start:
                known = self._sender(title.text)
            yield Relation(
                subject=holder,
                predicate=Predicate(lemma=lemma, text=title.text, role=True, property=known),
                object=affiliation,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=ROLE_CONFIDENCE[role.rule],
                rule=role.rule,
            )

    def dateline_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        """ "BANGKOK, Thailand (AP) —": where the agency filed from, and where that place lies."""
        if sentence.span.start != 0 or sentence.paragraph >= _DATELINE_PARAGRAPHS:
            return
        for fact in dateline_facts(sentence.span.doc, self.lexicon):
            subject, obj = self._line_mention(sentence, fact.subject), self._line_mention(sentence, fact.object)
            yield Relation(
                subject=subject,
                predicate=Predicate(lemma=fact.rule, text=fact.rule, property=fact.property),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=fact.confidence,
                rule=fact.rule,
            )

    def _line_mention(self, sentence: _Sentence, part: tuple[int, int, str]) -> Mention:
        """A name of a dateline: places in capitals are named as usual ("BANGKOK" → Bangkok)."""
        start, end, label = part
        text = sentence.span.doc.text[start:end]
        name = line_name(text) if label == "GPE" else text
        place = self.lexicon.place(name)
        if place is not None:
            name, label = place.label, place.type
        return Mention(text, sentence.offset + start, sentence.offset + end, name, label, sentence.id)

    def _where(self, lemma: str, preposition: str | None, subject: Mention, obj: Mention) -> str | None:
        """ "She is from Dover", "he comes from Ohio", "a manager based in Huntsville": where a
        person lives (a person is not "based" anywhere as an organisation is); "Rome is in
        Lazio": where a place lies."""
        if kind_of(obj.label) != "place":
            return None
        if kind_of(subject.label) == "place" and lemma == "be" and preposition == "in":
            return KGO + "locatedIn"
        if subject.label != "PERSON":
            return None
        if preposition == "from" and lemma in self.lexicon.words("origin-verb"):
            return KGO + "livesIn"
        based = self.lexicon.verb_property(lemma, preposition=preposition) == KGO + "basedIn"
        return KGO + "livesIn" if based else None

    def _sender(self, title: str) -> str | None:
        """ "US ambassador", "Libya's envoy": a name before an envoy's title is the state that sends
        the envoy, who holds a post in it; only "ambassador *to* Ukraine" names the host."""
        return KGO + "holdsPositionIn" if self.lexicon.role_property(title) == KGO + "ambassadorTo" else None

    def place_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        def label_of(name: NameSpan) -> str:
            return self.labels.get(self.name_of(name), name.label)

        for fact in place_facts(sentence.span, sentence.names, label_of, self.lexicon):
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

    def nominal_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        for fact in nominal_facts(sentence.span, sentence.names, self.lexicon):
            yield Relation(
                subject=self.mention(sentence, fact.agent),
                predicate=Predicate(lemma=fact.noun.lemma_.lower(), text=fact.noun.text, property=fact.property),
                object=self.mention(sentence, fact.patient),
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=NOMINAL_CONFIDENCE,
                rule="nominal",
            )

    def claim_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        """ "Baird said the document was not secret": the speaker stated the claim, a node whose
        label is the claim's words; the facts read inside it point to it (:meth:`_claim_at`)."""
        doc = sentence.span.doc
        for fact in claim_facts(sentence.span, self.lexicon.claim_verbs):
            speaker = self.argument(sentence, fact.speaker)
            if speaker is None and fact.rule == "according-to":
                # "according to data from the Archive": a source is named; "according to the law" is none
                speaker = next((self.argument(sentence, p) for p in _of_or_from(fact.speaker)), None)
            elif speaker is None:
                speaker = self._concept(sentence, fact.speaker)
            if speaker is None:
                continue
            words = doc[fact.start : fact.end]
            start = sentence.offset + words.start_char
            end = start + len(words.text)
            claim = Mention(words.text, start, end, CLAIM_PREFIX + words.text, KGO + "Claim", sentence.id)
            self.claims.setdefault(sentence.id, []).append((fact.start, fact.end, claim.name, speaker.name))
            negated = any(c.dep_ == "neg" for c in fact.verb.children)
            yield Relation(
                subject=speaker,
                predicate=Predicate(
                    lemma=fact.verb.lemma_.lower() if fact.rule == "claim" else "according to",
                    text=fact.verb.text,
                    property=fact.property,
                ),
                object=claim,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=CLAIM_CONFIDENCE[fact.rule],
                rule=fact.rule,
                negated=negated,
                when=_date_phrase(sentence.span, fact.verb) if fact.rule == "claim" else None,
            )

    def event_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        """ "The storm hit the coast in Norway on Monday", "the collapse of the bridge in Tenggarong":
        an event named by a noun took place where its sentence puts it, on the day it gives."""
        for noun in sentence.span:
            if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
                continue
            concept = concept_of(noun, self.lexicon)
            if concept is None or concept.type != KGO + "Event":
                continue
            owner = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else noun
            # "the collapse of the bridge in Tenggarong": the event's own complement may say where
            complements = (p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj")
            holders = [owner, noun, *complements]
            preps = {c.i: c for h in holders for c in h.children if c.dep_ == "prep"}
            for prep in (p for p in preps.values() if p.lower_ in _EVENT_PLACE_PREPOSITIONS):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    # "at the port of Beirut": the place the common noun is of
                    inner = [p for c in pobj.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
                    name = self._name_at(sentence, pobj.i) or next(
                        (n for n in (self._name_at(sentence, p.i) for p in inner) if n is not None), None
                    )
                    place = self.mention(sentence, name) if name is not None else None
                    if place is None or kind_of(place.label) != "place":
                        continue
                    event = self._concept(sentence, noun)
                    yield Relation(
                        subject=event,
                        predicate=Predicate(lemma=prep.lower_, text=prep.text, property=KGO + "occurredIn"),
                        object=place,
                        sentence_id=sentence.id,
                        sentence=sentence.span.text,
                        confidence=0.7,
                        rule="event-place",
                        when=_date_phrase(sentence.span, owner),
                    )

    def _claim_at(self, sentence: _Sentence, token: Token) -> tuple[str, str] | tuple[None, None]:
        """The innermost reported claim of the sentence whose words hold ``token``, and its speaker."""
        spans = [span for span in self.claims.get(sentence.id, ()) if span[0] <= token.i < span[1]]
        return min(spans, key=lambda span: span[1] - span[0])[2:] if spans else (None, None)

    def clause_relations(self, sentence: _Sentence) -> Iterator[Relation]:
        for clause in find_clauses(sentence.span, self.lexicon):
            # Concepts stand in for direct participants, not for the circumstances a passive
            # verb's prepositions add ("was given for courage"); its patient may be one.
            concepts = (True, clause.rule != "passive-prep")
            subject, obj = (
                self.argument(sentence, token)
                or self._quantity(sentence, token)
                or (self._concept(sentence, token) if allowed else None)
                for token, allowed in zip((clause.subject, clause.object), concepts)
            )
            if subject is None or obj is None or subject.name == obj.name:
                continue
            anchored = self.anchored.get(subject.name) or self.anchored.get(obj.name)
            if _is_concept(subject) and _is_concept(obj) and not (anchored or _QUANTITY in (subject.label, obj.label)):
                continue  # a fact needs at least one participant tied to a name, or a quantity
            if clause.rule == "light-verb" and obj.label == CONCEPT_LABEL and clause.preposition.lower_ == "of":
                continue  # "imposed a blockade of the port": the noun's complement, not a participant
            if clause.rule == "copula" and CONCEPT_LABEL in (subject.label, obj.label):
                continue  # "X is a native": the noun says what X is, not who X deals with
            if clause.rule == "copula-of":
                found = self._copula_role(sentence, clause, subject, obj)
                if found is not None:
                    yield found
                continue
            words = relation_tokens(clause)
            particle = next((c.lower_ for c in clause.verb.children if c.dep_ == "prt"), None)
            preposition = clause.preposition.lower_ if clause.preposition is not None else None
            if clause.rule == "reciprocal":
                preposition = "with"
            lemma = clause.verb.lemma_.lower()
            fatal = _is_fatal(clause.verb, self.lexicon) and clause.preposition is None
            known = KGO + "killed" if fatal else self._where(lemma, preposition, subject, obj)
            if (
                preposition in LOCATIVE_PREPOSITIONS
                and clause.noun is None
                and known is None
                and (kind_of(obj.label) == "place" or _is_concept(obj) or obj.label in _WHEN_LABELS)
                and not self.lexicon.verb_property(lemma, preposition=preposition, particle=particle)
            ):
                continue  # "met in Ankara" says where; "published in Nature" names a participant
            confidence = clause.confidence * (0.9 if subject.is_pronoun or obj.is_pronoun else 1.0)
            claim, claimant = self._claim_at(sentence, clause.verb)
            relation = Relation(
                subject=subject,
                predicate=Predicate(
                    lemma=lemma,
                    text=" ".join(t.text for t in words),
                    preposition=preposition,
                    particle=particle,
                    noun=clause.noun.lemma_.lower() if clause.noun is not None else None,
                    property=known,
                ),
                object=obj,
                sentence_id=sentence.id,
                sentence=sentence.span.text,
                confidence=round(confidence, 3),
                rule=clause.rule,
                negated=clause.negated,
                hedged=clause.hedged,
                modality=clause.modality,
                when=_date_phrase(
                    sentence.span,
                    clause.verb,
                    (clause.subject, clause.object),
                    self.lexicon.words("happening-verb"),
                ),
                attributed_to=self._speaker(sentence, clause.verb) or claimant,
                claim=claim,
            )
            yield relation
            country = self._acting_country(sentence, clause.subject, subject)
            if country is not None and country.name != obj.name:
                yield replace(
                    relation,
                    subject=country,
                    confidence=round(relation.confidence * 0.8, 3),
                    rule=relation.rule + "+country",
                )

    def _acting_country(self, sentence: _Sentence, token: Token, subject: Mention) -> Mention | None:
        """ "Russian forces invaded", "a Russian missile hit": the country acts through its forces
        and weapons (as event coding such as CAMEO codes it), so it is an actor of the fact too."""
        if subject.label != CONCEPT_LABEL:
            return None
        concept = concept_of(token, self.lexicon)
        if concept is None or concept.type not in (KGO + "ArmedForce", KGO + "Weapon"):
            return None
        doc = sentence.span.doc
        for modifier in content_noun(token, self.lexicon).children:
            if modifier.dep_ not in ("amod", "compound"):
                continue
            # "Russian forces", "United States warplanes": an adjective or a proper noun compound
            first = modifier.left_edge.i if modifier.dep_ == "compound" else modifier.i
            words = doc[first : modifier.i + 1]
            place = self.lexicon.place(words.text)
            if place is not None and place.type == KGO + "Country":
                start = sentence.offset + words.start_char
                return Mention(words.text, start, start + len(words.text), place.label, place.type, sentence.id)
        return None

    def argument(self, sentence: _Sentence, token: Token) -> Mention | None:
        """The mention an argument head stands for, or None when it names nothing."""
        name = self._name_at(sentence, token.i)
        if name is not None:
            return self.mention(sentence, name)
        person = self.surnames.get(token.text) if token.text[:1].isupper() else None
        if person is not None:  # "Rathke also asked ...": a surname the tagger missed at a sentence start
            start = sentence.offset + token.idx
            return Mention(token.text, start, start + len(token.text), person, "PERSON", sentence.id)
        if token.pos_ == "PRON" and (token.lower_ in PERSONAL_PRONOUNS or token.lower_ == "it"):
            return self._pronoun(sentence, token)
        appositions = [c for c in token.children if c.dep_ == "appos"]  # "the EU's ambassador, Katarina Mathernova"
        if token.dep_ == "appos":  # "Lee Harvey Oswald, the man who ..."
            appositions.append(token.head)
        for other in appositions:
            # "the EU's ambassador, Katarina Mathernova"; "the security firm Secunia", "the capital, Cairo"
            name = self._name_at(sentence, other.i)
            if name is not None and (name.label == "PERSON" or token.pos_ == "NOUN"):
                return self.mention(sentence, name)
        return self._description(sentence, token)

    def _description(self, sentence: _Sentence, token: Token) -> Mention | None:
        """ "Zelensky's chief of staff" or "the Kremlin spokesperson": the one person in the
        article who holds that title, or who is named right after it (see :meth:`_bridge`)."""
        title = self._description_title(sentence, token)
        if title is None:
            return None
        holders = self.title_holders.get(title[2])
        holder = next(iter(holders)) if holders and len(holders) == 1 else self.bridged.get((sentence.id, token.i))
        if holder is None:
            return None
        doc = sentence.span.doc
        phrase = doc[token.left_edge.i : max(title[1], token.i + 1)]
        start = sentence.offset + phrase.start_char
        return Mention(phrase.text, start, start + len(phrase.text), holder, "PERSON", sentence.id, is_pronoun=True)

    def _description_title(self, sentence: _Sentence, token: Token) -> tuple[int, int, str] | None:
        """The title a definite description names ("the EU's *ambassador* to Ukraine"), if it is one."""
        if token.pos_ != "NOUN" or token.lower_ not in self.lexicon.role_words:
            return None
        if not any(c.dep_ in ("det", "poss", "compound") and c.lower_ not in ("a", "an") for c in token.children):
            return None
        title = title_around(sentence.span.doc, token, self.lexicon)
        if title is None:
            return None
        return title[0], title[1], sentence.span.doc[title[0] : title[1]].text.lower()

    def _bridge(self) -> None:
        """A speaker first described, then named: "the EU's ambassador to Ukraine said ..."
        followed by "..., said Katarina Mathernova" names the ambassador, when that person has
        no title of their own in the article."""
        titled = {holder for holders in self.title_holders.values() for holder in holders}
        for sentence in self.sentences:
            for token in sentence.span:
                if token.dep_ != "nsubj" or token.head.lemma_ not in SPEECH_VERBS:
                    continue
                title = self._description_title(sentence, token)
                if title is None or self.title_holders.get(title[2]):
                    continue
                for later in self.sentences[sentence.id + 1 : sentence.id + 1 + _BRIDGE_WINDOW]:
                    speaker = next(
                        (
                            self.name_of(n)
                            for n in later.names
                            if self._is_person(n)
                            and later.span.doc[n.end - 1].dep_ == "nsubj"
                            and later.span.doc[n.end - 1].head.lemma_ in SPEECH_VERBS
                        ),
                        None,
                    )
                    if speaker is not None and speaker not in titled:
                        self.bridged[(sentence.id, token.i)] = speaker
                        break

    def description_roles(self, sentence: _Sentence) -> Iterator[Relation]:
        """Roles a resolved description states: "the EU's ambassador to Ukraine" → ambassador to Ukraine."""
        doc = sentence.span.doc
        by_token = {i: n for n in sentence.names for i in range(n.start, n.end)}
        for token in sentence.span:
            title = self._description_title(sentence, token)
            holder = self._description(sentence, token) if title is not None else None
            if holder is None or (sentence.id, token.i) not in self.bridged:
                continue
            for affiliation in direct_affiliations(doc, token, title[:2], by_token, self.lexicon):
                sender = self._sender(title[2]) if affiliation.start < title[0] else None
                yield Relation(
                    subject=holder,
                    predicate=Predicate(lemma=title[2], text=doc[title[0] : title[1]].text, role=True, property=sender),
                    object=self.mention(sentence, affiliation),
                    sentence_id=sentence.id,
                    sentence=sentence.span.text,
                    confidence=ROLE_CONFIDENCE["bridging"],
                    rule="bridging",
                )

    def _speaker(self, sentence: _Sentence, verb: Token) -> str | None:
        """Who says the clause of ``verb``, when it is reported speech ("Peskov said Russia ...")."""
        speaker = speaker_of(verb)
        if speaker is None:
            return None
        name = self._name_at(sentence, speaker.i)
        return self.name_of(name) if name is not None else self._person_at(sentence, speaker)

    def _copula_role(self, sentence: _Sentence, clause, subject: Mention, obj: Mention) -> Relation | None:
        """ "X is the head of Y" (a role), "X is a native of Y" (where X is from)."""
        noun = clause.noun
        title = title_around(sentence.span.doc, noun, self.lexicon)
        if title is not None:
            text = sentence.span.doc[title[0] : title[1]].text
            predicate = Predicate(lemma=text.lower(), text=text, role=True)
        elif noun.lemma_.lower() in self.lexicon.words("home-noun") and kind_of(obj.label) == "place":
            home = "citizenOf" if obj.label == KGO + "Country" else "livesIn"
            predicate = Predicate(lemma=noun.lemma_.lower(), text=noun.text, property=KGO + home)
        else:
            return None
        return Relation(
            subject=subject,
            predicate=predicate,
            object=obj,
            sentence_id=sentence.id,
            sentence=sentence.span.text,
            confidence=clause.confidence,
            rule=clause.rule,
            negated=clause.negated,
            hedged=clause.hedged,
            modality=clause.modality,
        )

    def _quantity(self, sentence: _Sentence, token: Token) -> Mention | None:
        """ "killing at least 40", "rescued 700 asylum seekers": a quantity with its value and unit."""
        found = quantity_at(token, self.lexicon.numerals)
        if found is None:
            return None
        words = sentence.span.doc[found.start : found.end]
        name = QUANTITY_PREFIX + words.text
        self.amounts[name] = found.amount
        start = sentence.offset + words.start_char
        return Mention(words.text, start, start + len(words.text), name, _QUANTITY, sentence.id)

    def _concept(self, sentence: _Sentence, token: Token) -> Mention | None:
        concept = concept_of(token, self.lexicon)
        if concept is None:
            return None
        modifier_names = (self._name_at(sentence, i) for i in range(concept.start, token.i))
        if any(name is not None and self._is_person(name) for name in modifier_names):
            return None  # "Putin awards", "Gerasimov medal": a person's name misparsed as a modifier
        self.concepts.setdefault(concept.head_lemma, Counter())[concept.label] += 1
        self.concept_types[concept.head_lemma] = concept.type
        name = CONCEPT_PREFIX + concept.head_lemma
        self.anchored[name] = self.anchored.get(name, False) or concept.anchored
        span = sentence.span.doc[concept.start : concept.end]
        start = sentence.offset + span.start_char
        return Mention(span.text, start, start + len(span.text), name, CONCEPT_LABEL, sentence.id)

    @staticmethod
    def _name_at(sentence: _Sentence, index: int) -> NameSpan | None:
        return next((n for n in sentence.names if n.start <= index < n.end), None)

    def _pronoun(self, sentence: _Sentence, pronoun: Token) -> Mention | None:
        name = self._it_antecedent(sentence, pronoun) if pronoun.lower_ == "it" else self._antecedent(sentence, pronoun)
        if name is None:
            return None
        start = sentence.offset + pronoun.idx
        label = self.labels.get(name, "PERSON")
        return Mention(pronoun.text, start, start + len(pronoun), name, label, sentence.id, is_pronoun=True)

    def _antecedent(self, sentence: _Sentence, pronoun: Token) -> str | None:
        """The person a personal pronoun refers to, as a canonical name."""
        if pronoun.lower_ in ("himself", "herself"):
            # "Martin casts himself as ...": a reflexive is its own clause's subject
            verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pronoun.i), None)
            if subject is not None and subject.lower_ not in ("himself", "herself"):
                return self._person_at(sentence, subject)
        speaker = speaker_of(pronoun)
        first_person = pronoun.lower_ in ("i", "me")
        # Reported speech ("Yermak said he ...") and a quote's "I" are the speaker; a "him"
        # inside a direct quote ("'I informed him,' Yermak wrote") is someone else.
        if speaker is not None and (first_person or not _in_quote(pronoun)):
            name = self._person_at(sentence, speaker)
            if name is not None and self._agrees(name, pronoun):
                return name
        if first_person:
            return None
        # "I informed him": an object pronoun is not its own clause's subject.
        excluded = self._clause_subject(sentence, pronoun)
        before = [n for n in sentence.names if n.end <= pronoun.i and self._is_person(n)]
        before = [n for n in before if self.name_of(n) != excluded and self._agrees(self.name_of(n), pronoun)]
        if before:
            # A subject pronoun continues the subject before it ("Thomas' sister pleaded with him
            # to send Gloria home, but he replied ..."); any other takes the nearest person.
            doc = sentence.span.doc
            subjects = [n for n in before if pronoun.dep_ in ("nsubj", "nsubjpass") and _in_subject(doc[n.end - 1])]
            return self.name_of((subjects or before)[-1])
        for back in range(sentence.id - 1, max(sentence.id - 1 - _PRONOUN_WINDOW, -1), -1):
            previous = self.sentences[back]
            candidates = [self._topic(previous)]
            candidates += [self.name_of(n) for n in reversed(previous.names) if self._is_person(n)]
            candidates = [c for c in candidates if c is not None and c != excluded and self._agrees(c, pronoun)]
            if candidates:
                return candidates[0]
        return None

    def _agrees(self, person: str, pronoun: Token) -> bool:
        return agrees(person, pronoun, self.genders, self.lexicon)

    def _it_antecedent(self, sentence: _Sentence, pronoun: Token) -> str | None:
        """ "The EU followed with confirmation it is coordinating ...": "it" inside a clause of a
        sentence whose subject is an organisation or country is that subject."""
        root = sentence.span.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i == pronoun.i:
            return None
        name = self._name_at(sentence, subject.i)
        if name is None or self._is_person(name):
            return None
        return self.name_of(name)

    def _clause_subject(self, sentence: _Sentence, pronoun: Token) -> str | None:
        if pronoun.dep_ not in ("dobj", "dative", "pobj"):
            return None
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self._person_at(sentence, subject) if subject is not None else None

    def _person_at(self, sentence: _Sentence, token: Token) -> str | None:
        """The person (canonical name) a token names, refers to as a pronoun, or describes."""
        name = self._name_at(sentence, token.i)
        if name is not None:
            return self.name_of(name) if self._is_person(name) else None
        if token.text[:1].isupper() and token.text in self.surnames:
            return self.surnames[token.text]  # a surname the tagger missed
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS:
            return self._antecedent(sentence, token)
        described = self._description(sentence, token)
        return described.name if described is not None else None

    def _topic(self, sentence: _Sentence) -> str | None:
        """The person a sentence is about: its main subject, named, described or a resolved pronoun."""
        if sentence.id not in self._topics:
            self._topics[sentence.id] = None  # guards the recursion through pronouns
            root = sentence.span.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            self._topics[sentence.id] = self._person_at(sentence, subject) if subject is not None else None
        return self._topics[sentence.id]

    def _is_person(self, name: NameSpan) -> bool:
        return self.labels.get(self.name_of(name), name.label) == "PERSON"
