"""The seed article: recall of the facts a careful reader lists, junk, split and merged entities.

The expected facts live in ``tests/data/seed-facts.json`` (names and relations the team read
off the article; none of its text). The same scoring applies to kg's triples and to textacy's
subject-verb-object triples, whose arguments are raw text.

Run: ``python -m bench.seed``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bench.paths import SEED_ARTICLE, SEED_FACTS

__all__ = ["Found", "score", "kg_found", "textacy_found", "run", "missed"]

_JUNK = {
    "he",
    "she",
    "it",
    "they",
    "him",
    "her",
    "them",
    "i",
    "we",
    "you",
    "us",
    "me",
    "what",
    "that",
    "which",
    "who",
    "this",
    "these",
    "those",
    "there",
    "",
}


@dataclass(frozen=True)
class Found:
    """One extracted triple reduced to what the scoring reads: labels and relation words.

    ``names`` are the labels among subject and object that name entities (not a claim's
    words or a quantity), the ones split and merged entities are counted on.
    """

    subject: str
    relation: str
    object: str
    sentence_id: int
    names: tuple[str, ...] | None = None


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def _stem(word: str) -> str:
    return word[:5]


def _names_match(label: str, names: Iterable[str]) -> bool:
    """A label matches an expected name when it is the name, or holds the name's last word."""
    words = _words(label)
    return any(label.lower() == n.lower() or _words(n)[-1] in words for n in names)


def _relation_match(relation: str, accepted: Iterable[str]) -> bool:
    stems = {_stem(w) for w in _words(relation)}
    return any(_stem(_words(a)[0]) in stems for a in accepted)


def score(found: list[Found], expected: dict, sentences: int) -> dict[str, float]:
    """Recall of the expected facts, junk rate, split and falsely merged entities, triples a sentence."""
    hits = 0
    for fact in expected["facts"]:
        if any(
            _names_match(f.subject, fact["subject"])
            and _names_match(f.object, fact["object"])
            and _relation_match(f.relation, fact["relation"])
            for f in found
        ):
            hits += 1
    junk = sum(1 for f in found if f.subject.lower().strip() in _JUNK or f.object.lower().strip() in _JUNK)
    labels = {label for f in found for label in (f.names if f.names is not None else (f.subject, f.object))}
    people = [n for n, kind in expected["entities"].items() if kind == "Person"]
    # Split: one person under several labels ("Putin" and "Vladimir Putin").
    split = sum(1 for person in people if len({lab for lab in labels if _names_match(lab, [person])}) > 1)
    # Falsely merged: one label standing for two expected people.
    merged = sum(1 for lab in labels if sum(_names_match(lab, [p]) for p in people) > 1)
    return {
        "recall": hits / len(expected["facts"]),
        "found": hits,
        "expected": len(expected["facts"]),
        "junk_rate": junk / len(found) if found else 0.0,
        "split_entities": split,
        "merged_entities": merged,
        "per_sentence": len(found) / sentences if sentences else 0.0,
    }


def kg_found(nlp, lexicon) -> tuple[list[Found], int]:
    """kg's graph-mode triples on the seed article, and its number of sentences."""
    from kg.documents import read_articles
    from kg.entities import resolve_triples
    from kg.extraction import extract_article
    from kg.nlp import parse

    [parsed] = list(parse(read_articles([SEED_ARTICLE]), nlp))
    triples = resolve_triples(
        [(parsed.article, extract_article(parsed, lexicon))], lexicon, base="https://example.org/kg/"
    )
    sentences = sum(1 for p in parsed.paragraphs for _ in p.doc.sents)
    found = [
        Found(
            t.subject.label,
            t.property_label,
            t.object.label,
            t.sentence_id,
            tuple(e.label for e in (t.subject, t.object) if not e.concept),
        )
        for t in triples
    ]
    return found, sentences


def textacy_found(nlp) -> tuple[list[Found], int]:
    """textacy's SVO triples on the same article, parsed by the same model, paragraph by paragraph."""
    from textacy.extract import subject_verb_object_triples

    from kg.documents import read_articles
    from kg.nlp import paragraphs

    [article] = list(read_articles([SEED_ARTICLE]))
    found, sentences = [], 0
    for doc in nlp.pipe(line for _, line in paragraphs(article.text)):
        for triple in subject_verb_object_triples(doc):
            found.append(
                Found(
                    " ".join(t.text for t in triple.subject),
                    " ".join(t.text for t in triple.verb),
                    " ".join(t.text for t in triple.object),
                    sentences,
                )
            )
        sentences += sum(1 for _ in doc.sents)
    return found, sentences


def run(nlp, lexicon, *, system: str) -> dict[str, float]:
    """Score ``kg`` or ``textacy`` on the seed article."""
    expected = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    found, sentences = kg_found(nlp, lexicon) if system == "kg" else textacy_found(nlp)
    return score(found, expected, sentences)


def missed(nlp, lexicon) -> list[dict]:
    """The expected facts kg does not find (for working on the extractor)."""
    expected = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    found, _ = kg_found(nlp, lexicon)
    return [
        fact
        for fact in expected["facts"]
        if not any(
            _names_match(f.subject, fact["subject"])
            and _names_match(f.object, fact["object"])
            and _relation_match(f.relation, fact["relation"])
            for f in found
        )
    ]


if __name__ == "__main__":
    from kg.nlp import load_pipeline
    from kg.ontology import load_lexicon

    nlp, lexicon = load_pipeline(), load_lexicon()
    print(run(nlp, lexicon, system="kg"))
    for fact in missed(nlp, lexicon):
        print("missed:", fact)
