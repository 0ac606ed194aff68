"""news-dev: kg and textacy scored by the shared fact scorer on 40 real news articles.

The articles, gold facts and the scorer (``../shared/tools/score_facts.py``) stay in ``../shared``;
this module runs each system in process and hands its records to the scorer's own ``score``,
so the figures are those ``score_facts.py FOLDER`` prints. The rules are tuned on d01–d20;
d21–d40 are the held-out half, reported apart.

Run: ``python -m bench.newsdev`` (``--system textacy`` for the baseline).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from bench.paths import SHARED_DATA
from kg.ontology import load_lexicon

__all__ = ["NEWS_DEV", "run"]

NEWS_DEV = SHARED_DATA / "news-dev"
SCORER = SHARED_DATA.parent / "tools" / "score_facts.py"
TUNED, HELD_OUT = range(1, 21), range(21, 41)


def _scorer():
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kg_records(paths: list[Path]) -> list[dict]:
    """kg's records of all the articles in one run, as ``kg extract`` gives them to the scorer."""
    import kg
    from kg.api import triple_record

    return [triple_record(t) for t in kg.extract(paths)]


def _textacy_records(nlp, paths: list[Path]) -> list[dict]:
    """textacy's subject-verb-object triples, their arguments as written, in the scorer's shape."""
    from textacy.extract import subject_verb_object_triples

    from kg.documents import read_articles
    from kg.nlp import paragraphs

    records = []
    for article in read_articles(paths):
        for doc in nlp.pipe(line for _, line in paragraphs(article.text)):
            for triple in subject_verb_object_triples(doc):
                subject, verb, obj = (" ".join(t.text for t in part) for part in triple)
                records.append(
                    {
                        "doc": article.id,
                        # each distinct argument text is one node of textacy's graph
                        "subject": {"id": subject, "label": subject, "text": subject},
                        "predicate": {"label": verb, "lemma": " ".join(t.lemma_ for t in triple.verb), "text": verb},
                        "object": {"id": obj, "label": obj, "text": obj},
                    }
                )
    return records


def run(nlp, *, system: str = "kg") -> dict[str, float]:
    """Core and all-fact recall (mean over articles, and of each half), worst junk rate, split
    entities and type errors, as ``score_facts.py`` computes them; and the share found of the role
    facts (gold facts whose cues are role nouns, pooled over the 40 articles: issue 12)."""
    scorer = _scorer()
    paths = sorted(NEWS_DEV.glob("*.txt"))
    records = _kg_records(paths) if system == "kg" else _textacy_records(nlp, paths)
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        by_doc.setdefault(record["doc"], []).append(record)
    rows = {}
    roles_found = roles = 0
    lexicon = load_lexicon()
    for path in paths:
        name = path.stem
        gold = scorer.read_jsonl(NEWS_DEV / f"{name}.gold.jsonl")
        entities = json.loads((NEWS_DEV / f"{name}.entities.json").read_text(encoding="utf-8"))
        rows[name] = scorer.score(gold, entities, by_doc.get(name, []))
        # role facts: gold facts whose cues are role nouns ("prime minister", "spokesman")
        for fact in (f for f in gold if any(lexicon.role_property(cue) for cue in f["p"])):
            roles += 1
            roles_found += any(scorer.matches(fact, t) for t in by_doc.get(name, []))

    def mean(key: str, numbers: range | None = None) -> float:
        chosen = [r[key] for n, r in rows.items() if numbers is None or int(n[1:3]) in numbers]
        return sum(chosen) / len(chosen)

    return {
        "core": mean("recall_core"),
        "core d01-d20": mean("recall_core", TUNED),
        "core d21-d40": mean("recall_core", HELD_OUT),
        "all": mean("recall_all"),
        "worst junk": max(r["junk_rate"] for r in rows.values()),
        "split entities": sum(len(r["entities_split"]) for r in rows.values()),
        "type errors": sum(len(r["type_errors"]) for r in rows.values()),
        "role facts": roles_found / roles if roles else 0.0,
        "role facts count": roles,
    }


if __name__ == "__main__":
    from kg.nlp import load_pipeline

    chosen = "textacy" if "--system" in sys.argv and sys.argv[-1] == "textacy" else "kg"
    print(json.dumps(run(load_pipeline(), system=chosen), indent=1))
