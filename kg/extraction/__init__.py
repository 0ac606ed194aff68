"""``Doc → Mention, Relation``: the facts one article states, with entities named consistently.

Graph mode (:func:`extract_article`) keeps the relations whose arguments are named entities
or resolve to them; open mode (:mod:`kg.extraction.openie`) keeps every relation with its
argument phrases as written. Three parts, each testable alone: *who is meant*
(:mod:`~kg.extraction.sentences` and :mod:`~kg.extraction.reference`: names, aliases,
pronouns, descriptions), *what is said* (:mod:`~kg.extraction.readers` over the token-level
readers: clauses, claims, quantities, roles, places, nominals, datelines) and *how it is
typed* (the lexicon and the ontology's restrictions, applied in :mod:`kg.entities`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.extraction.names import NameSpan, defined_aliases
from kg.extraction.readers import Readers
from kg.extraction.reference import CLAIM_PREFIX, CONCEPT_PREFIX, QUANTITY_PREFIX, References, article_labels
from kg.extraction.sentences import Sentence, read_sentences
from kg.nlp import ParsedArticle
from kg.ontology import KGO, Lexicon
from kg.resolution import canonical_names, possible_aliases
from kg.types import Amount, Mention, Predicate, Relation

__all__ = ["ArticleFacts", "CLAIM_PREFIX", "CONCEPT_PREFIX", "QUANTITY_PREFIX", "extract_article"]


@dataclass(frozen=True)
class ArticleFacts:
    """What one article states: its named mentions and the relations between them.

    ``amounts`` holds the value and unit of each quantity mention, by its name.
    """

    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    amounts: dict[str, Amount] = field(default_factory=dict)


def _affiliations(sentence: Sentence) -> set[NameSpan]:
    return {role.affiliation for role in sentence.roles if role.affiliation is not None}


def _start(name: NameSpan) -> tuple[int, int]:
    return name.start, name.end


def extract_article(parsed: ParsedArticle, lexicon: Lexicon) -> ArticleFacts:
    """Extract the mentions and relations of one parsed article."""
    sentences = list(read_sentences(parsed, lexicon))
    # the organisation a title names ("Steelers receiver Tom Vale") is a name of the article too
    surface = [(n.name, n.label) for s in sentences for n in sorted({*s.names, *_affiliations(s)}, key=_start)]
    defined = [pair for s in sentences for pair in defined_aliases(s.span.doc, s.names)]
    full_names = canonical_names(
        surface,
        defined=defined,
        ordered=True,
        institution_heads=lexicon.words("institution-head") | lexicon.words("club-word"),
        legal_suffixes=lexicon.words("legal-suffix"),
        bureau_heads=lexicon.words("bureau-head"),
    )
    labels = article_labels(surface, full_names, lexicon)
    refs = References(sentences, full_names, labels, lexicon)
    readers = Readers(refs, lexicon)
    mentions = tuple(refs.mention(s, n) for s in sentences for n in s.names)
    relations: dict[tuple, Relation] = {}
    for sentence in sentences:
        found = (
            *readers.role_relations(sentence),
            *readers.dateline_relations(sentence),
            *readers.description_roles(sentence),
            *readers.place_relations(sentence),
            *readers.nominal_relations(sentence),
            *readers.claim_relations(sentence),
            *readers.clause_relations(sentence),
            *readers.event_relations(sentence),
            *readers.group_relations(sentence),
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
    return ArticleFacts(mentions, tuple(refs.name_concepts(r) for r in found), refs.amounts)


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
