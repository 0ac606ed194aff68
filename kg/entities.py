"""Merge mentions into entities across sentences and articles, and resolve relations to triples.

An entity's id is a slug of its canonical name, so the same entity gets the same IRI in
two runs or two articles and their graphs merge.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.extraction import CLAIM_PREFIX, CONCEPT_PREFIX, QUANTITY_PREFIX, ArticleFacts
from kg.ontology import KGO, Lexicon
from kg.resolution import canonical_names, vote_labels
from kg.types import Amount, Article, Entity, Mention, Predicate, Relation, Triple

__all__ = ["slug", "resolve_triples", "scope_concepts", "open_property"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_FALLBACK_ROLE = KGO + "holdsPositionIn"
_FALLBACK_CLASS = KGO + "Entity"
# Prefixes of the names of unnamed things: concepts, reported claims, quantities.
_UNNAMED = (CONCEPT_PREFIX, CLAIM_PREFIX, QUANTITY_PREFIX)
# Concept classes whose one-word concepts may be a short form of a name ("the church", "the army").
_NAMEABLE_CONCEPTS = frozenset({KGO + "Concept", KGO + "ArmedForce"})


def slug(text: str) -> str:
    """A lower-case ASCII id for a name: ``"Volodymyr Zelensky"`` → ``"volodymyr-zelensky"``.

    >>> slug("Bashar al-Assad")
    'bashar-al-assad'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "x"


def open_property(predicate_lemma: str, base: str) -> str:
    """IRI of the open relation property for a lemma the lexicon does not map."""
    return f"{base}relation/{slug(predicate_lemma)}"


def resolve_triples(
    facts: Sequence[tuple[Article, ArticleFacts]],
    lexicon: Lexicon,
    *,
    base: str,
    known: Iterable[tuple[str, str]] = (),
    scoped: bool = False,
) -> list[Triple]:
    """Merge the mentions of all articles into entities and type each relation's predicate.

    ``known`` are ``(name, NER label)`` pairs of entities from articles resolved earlier (a
    store's labels, see :class:`kg.resolution.StoredNames`): a surname or an acronym used alone
    in ``facts`` maps to one of them just as it would to a full name in another of the
    ``facts``' articles. ``scoped`` says the facts went through :func:`scope_concepts` already
    (a build does it as each batch comes in, so that the extraction's own records can go).
    """
    if not scoped:
        facts = [(article, scope_concepts(article, article_facts)) for article, article_facts in facts]
    mentions = [m for _, article_facts in facts for m in article_facts.mentions]
    # Arguments can name things no NER span covers ("Turkish" in a title stands for Turkey).
    mentions += [m for _, article_facts in facts for r in article_facts.relations for m in (r.subject, r.object)]
    names = _corpus_names(mentions, known, lexicon.words("legal-suffix"))
    typed = [
        (article, relation, _property(relation, lexicon, base))
        for article, article_facts in facts
        for relation in article_facts.relations
    ]
    amounts = {name: amount for _, article_facts in facts for name, amount in article_facts.amounts.items()}
    entities = _entities(mentions, names, lexicon, _argument_evidence(typed, lexicon), amounts)
    triples: dict[tuple, Triple] = {}
    for article, relation, (prop, label) in typed:
        subject = entities[names.get(relation.subject.name, relation.subject.name)]
        obj = entities[names.get(relation.object.name, relation.object.name)]
        if subject.id == obj.id:
            continue
        # One statement a fact: "shot and killed X" is one killing, read off both verbs.
        key = (article.id, relation.sentence_id, subject.id, prop, obj.id, relation.negated, relation.hedged)
        if key in triples and triples[key].confidence >= relation.confidence:
            continue
        triples[key] = Triple(
            article=article,
            subject=subject,
            subject_mention=relation.subject,
            property=prop,
            property_label=label,
            predicate=relation.predicate,
            object=obj,
            object_mention=relation.object,
            sentence_id=relation.sentence_id,
            sentence=relation.sentence,
            confidence=relation.confidence,
            rule=relation.rule,
            negated=relation.negated,
            hedged=relation.hedged,
            when=relation.when,
            attributed_to=_speaker_entity(relation, names, entities),
            claim=entities.get(relation.claim) if relation.claim is not None else None,
            modality=relation.modality,
        )
    return list(triples.values())


def _speaker_entity(relation: Relation, names: dict[str, str], entities: dict[str, Entity]) -> Entity | None:
    if relation.attributed_to is None:
        return None
    return entities.get(names.get(relation.attributed_to, relation.attributed_to))


def scope_concepts(article: Article, facts: ArticleFacts) -> ArticleFacts:
    """Concepts, claims and quantities belong to their article: "government building" in two
    articles is two buildings.

    A one-word concept that is a short form of one of the article's names is that name: "the
    church" of an article about the Church of Scientology, "Rathke" parsed as a common noun in
    an article that names Jeff Rathke (see :func:`kg.resolution.canonical_names`); so is a concept
    whose adjectives are words of that name ("the electoral commission").
    """
    named = [(m.name, m.label) for m in facts.mentions if not m.is_pronoun]
    named += [(m.name, m.label) for r in facts.relations for m in (r.subject, r.object) if not m.is_pronoun]
    named = [(name, label) for name, label in named if not name.startswith(_UNNAMED)]
    labels = dict(named)
    distinct = list(dict.fromkeys(named))  # canonical_names reads the pairs as a set
    by_lower = {name.lower(): name for name in labels if " " in name}
    targets: dict[str, str | None] = {}  # a short form's name, for each short form met

    def scoped_name(name: str) -> str:
        for prefix in _UNNAMED:
            if name.startswith(prefix):
                return f"{prefix}{article.id}/{name.removeprefix(prefix)}"
        return name

    def scoped(mention: Mention) -> Mention:
        if not mention.name.startswith(CONCEPT_PREFIX):
            return replace(mention, name=scoped_name(mention.name))
        word = mention.name.removeprefix(CONCEPT_PREFIX)
        same = by_lower.get(word.lower())
        if same is not None:  # "the Indonesian military" named by a role and used as a concept
            return replace(mention, name=same, label=labels[same])
        *adjectives, head = word.split()
        if mention.label in _NAMEABLE_CONCEPTS and (not adjectives or word.islower()):
            short = head if head[:1].isupper() else head.capitalize()
            if short not in targets:
                targets[short] = canonical_names([*distinct, (short, "MISC")]).get(short)
            target = targets[short]
            # "the electoral commission" of the National Electoral Commission: its words are the name's
            if target in labels and set(adjectives) <= set(target.lower().split()):
                return replace(mention, name=target, label=labels[target])
        return replace(mention, name=scoped_name(mention.name))

    relations = tuple(
        replace(
            r,
            subject=scoped(r.subject),
            object=scoped(r.object),
            claim=scoped_name(r.claim) if r.claim is not None else None,
        )
        for r in facts.relations
    )
    amounts = {scoped_name(name): amount for name, amount in facts.amounts.items()}
    return ArticleFacts(facts.mentions, relations, amounts)


def _corpus_names(
    mentions: Iterable[Mention], known: Iterable[tuple[str, str]] = (), legal_suffixes: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Short names used alone in one article map to the full name used in another (or known before)."""
    names = sorted({(m.name, m.label) for m in mentions if not m.is_pronoun})
    return canonical_names([*names, *sorted(set(known))], short_forms=False, legal_suffixes=legal_suffixes)


def _argument_evidence(typed, lexicon: Lexicon) -> list[Mention]:
    """A vote for "person" for each named argument of a property that expects a person there
    ("X works for", "killed X"): the NER leaves many names untyped."""
    evidence = []
    for _, relation, (prop, _) in typed:
        expected = lexicon.argument_classes.get(prop, (None, None))
        for mention, cls in ((relation.subject, expected[0]), (relation.object, expected[1])):
            if cls == KGO + "Person" and not mention.name.startswith(_UNNAMED):
                evidence.append(replace(mention, label="PERSON"))
    return evidence


def _entities(
    mentions: Sequence[Mention],
    names: dict[str, str],
    lexicon: Lexicon,
    evidence: Sequence[Mention] = (),
    amounts: Mapping[str, Amount] | None = None,
) -> dict[str, Entity]:
    labels = vote_labels((names.get(m.name, m.name), m.label) for m in mentions)
    # A name the NER left untyped (MISC) takes the type its relations expect.
    labels.update(vote_labels((n, m.label) for m in evidence if labels.get(n := names.get(m.name, m.name)) == "MISC"))
    aliases: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.is_pronoun:
            continue
        name = names.get(mention.name, mention.name)
        aliases.setdefault(name, set()).update({mention.name, mention.text})
    entities = {}
    for name, label in labels.items():
        kind = label if label.startswith("http") else lexicon.ner_classes.get(label, _FALLBACK_CLASS)
        if name.startswith((CLAIM_PREFIX, QUANTITY_PREFIX)):
            # A claim's or quantity's label is its words; its id a digest of them (long words, long slugs).
            prefix = CLAIM_PREFIX if name.startswith(CLAIM_PREFIX) else QUANTITY_PREFIX
            shown = name.removeprefix(prefix).split("/", 1)[-1]
            entity_id = prefix.rstrip(":") + "-" + hashlib.sha1(name.encode()).hexdigest()[:16]
        else:
            shown = name.removeprefix(CONCEPT_PREFIX).split("/", 1)[-1] if name.startswith(CONCEPT_PREFIX) else name
            entity_id = slug(name.removeprefix(CONCEPT_PREFIX))
        entities[name] = Entity(
            id=entity_id,
            label=shown,
            type=kind,
            aliases=tuple(sorted(a for a in aliases.get(name, ()) if a != name)),
            concept=name.startswith(_UNNAMED),
            amount=(amounts or {}).get(name),
        )
    return entities


def _property(relation: Relation, lexicon: Lexicon, base: str) -> tuple[str, str]:
    predicate = relation.predicate
    if predicate.property is not None:
        return predicate.property, lexicon.label(predicate.property)
    if predicate.open:
        return _open(predicate, base)
    if predicate.role:
        prop = lexicon.role_property(predicate.lemma) or _FALLBACK_ROLE
        return prop, lexicon.label(prop)
    prop = None
    giving = lexicon.words("giving-verb")
    if predicate.noun is not None and predicate.lemma in lexicon.words("support-verb") | giving:
        # "launched strikes on" is an attack; "provided aid to" is aid, "provided a response to" is not.
        prop = lexicon.nominals.get(predicate.noun)
        if prop is None and predicate.lemma in giving:
            return _open(predicate, base)
    prop = prop or lexicon.verb_property(
        predicate.lemma, preposition=predicate.preposition, particle=predicate.particle
    )
    if prop is None and predicate.noun is not None and predicate.preposition == "of":
        # "heads the administration of Donetsk": a role verb reaches through its object's "of".
        role = lexicon.verb_property(predicate.lemma, particle=predicate.particle)
        prop = role if role is not None and KGO + "roleOrPlace" in lexicon.ancestors(role) else None
    if prop is not None and lexicon.admits(
        prop, _class_of(relation.subject, lexicon), _class_of(relation.object, lexicon)
    ):
        return prop, lexicon.label(prop)
    return _open(predicate, base)


def _class_of(mention: Mention, lexicon: Lexicon) -> str | None:
    """The ontology class a mention's label names, or None when the tagger left it untyped. A
    concept headed by a title or a ``stance-noun`` ("her rival", "a senior official") is people."""
    if mention.label == KGO + "Concept" and mention.name.startswith(CONCEPT_PREFIX):
        words = mention.name.removeprefix(CONCEPT_PREFIX).split(" of ")[0]  # "<article>/her rival"
        head = words.split()[-1].rsplit("/", 1)[-1].lower()
        if head in lexicon.role_words or head in lexicon.words("stance-noun"):
            return KGO + "Person"
    if mention.label.startswith("http"):
        return mention.label
    return lexicon.ner_classes.get(mention.label) if mention.label != "MISC" else None


def _open(predicate: Predicate, base: str) -> tuple[str, str]:
    parts = (predicate.lemma, predicate.particle, predicate.noun, predicate.preposition)
    phrase = " ".join(p for p in parts if p)
    return open_property(phrase, base), phrase
