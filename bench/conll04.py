"""CoNLL04 dev, zero-shot: kg's graph-mode triples mapped to the five CoNLL04 relation types.

Strict end-to-end scoring: a relation counts when both argument spans (token boundaries) and
the type are right. kg is not trained on CoNLL04; its ontology properties map to the types
through their super-properties (``MAPPING``).

Run: ``python -m bench.conll04``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator

from bench.paths import CONLL04

__all__ = ["MAPPING", "run"]

KGO = "https://example.org/kg/ontology#"
# Ontology property (or an ancestor) → (CoNLL04 type, subject class family, object class family).
MAPPING = {
    KGO + "killed": ("Kill", "Person", "Person"),
    KGO + "holdsPositionIn": ("Work_For", "Person", "Organization"),
    KGO + "worksFor": ("Work_For", "Person", "Organization"),
    KGO + "memberOf": ("Work_For", "Person", "Organization"),
    KGO + "livesIn": ("Live_In", "Person", "Location"),
    KGO + "citizenOf": ("Live_In", "Person", "Location"),
    KGO + "locatedIn": ("Located_In", "Location", "Location"),
    KGO + "basedIn": ("OrgBased_In", "Organization", "Location"),
}
_FAMILIES = {
    "Person": {"Person"},
    "Organization": {"Organization", "GovernmentBody", "ArmedForce", "Company", "MediaOrganization",
                     "InternationalOrganization", "Entity"},
    "Location": {"Location", "Country", "City", "Region", "Facility"},
}


def _gold(record: dict) -> set[tuple[int, int, int, int, str]]:
    return {tuple(r) for r in record["relations"]}


def _token_index(tokens: list[str]) -> tuple[dict[int, int], dict[int, int]]:
    starts, ends, offset = {}, {}, 0
    for index, token in enumerate(tokens):
        starts[offset] = index
        ends[offset + len(token)] = index + 1
        offset += len(token) + 1
    return starts, ends


def _predicted(triples, tokens: list[str], lexicon) -> Iterator[tuple[int, int, int, int, str]]:
    starts, ends = _token_index(tokens)
    for triple in triples:
        if triple.negated:
            continue
        mapped = next((MAPPING[p] for p in lexicon.ancestors(triple.property) if p in MAPPING), None)
        if mapped is None:
            continue
        kind, subject_family, object_family = mapped
        subject_type = triple.subject.type.rsplit("#", 1)[-1]
        object_type = triple.object.type.rsplit("#", 1)[-1]
        if subject_type not in _FAMILIES[subject_family] or object_type not in _FAMILIES[object_family]:
            continue
        s, o = triple.subject_mention, triple.object_mention
        if s.start in starts and s.end in ends and o.start in starts and o.end in ends:
            yield starts[s.start], ends[s.end], starts[o.start], ends[o.end], kind


def run(nlp, lexicon) -> dict[str, float]:
    """Strict micro P/R/F1 on CoNLL04 dev, with per-type counts of true positives."""
    from kg.entities import resolve_triples
    from kg.extraction import extract_article
    from kg.nlp import parse
    from kg.types import Article

    records = json.loads((CONLL04 / "valid.CoNLL04.json").read_text(encoding="utf-8"))
    articles = [Article(f"s{i}", "", dt.date(2000, 1, 1), " ".join(r["tokens"]), "conll04")
                for i, r in enumerate(records)]
    true_positive, predicted_count, gold_count = 0, 0, 0
    per_type: Counter[str] = Counter()
    for record, parsed in zip(records, parse(articles, nlp)):
        triples = resolve_triples([(parsed.article, extract_article(parsed, lexicon))], lexicon,
                                  base="https://example.org/kg/")
        predicted = set(_predicted(triples, record["tokens"], lexicon))
        gold = _gold(record)
        true_positive += len(predicted & gold)
        per_type.update(r[4] for r in predicted & gold)
        predicted_count += len(predicted)
        gold_count += len(gold)
    precision = true_positive / predicted_count if predicted_count else 1.0
    recall = true_positive / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted_count,
            "gold": gold_count, **{f"tp_{k}": v for k, v in sorted(per_type.items())}}


if __name__ == "__main__":
    from kg.nlp import load_pipeline
    from kg.ontology import load_lexicon

    print(run(load_pipeline(), load_lexicon()))
